#include "spec/workload.hpp"

namespace circa {
namespace {

int64_t blocks(int64_t n, int k) {
  return (n + k - 1) / k;
}

}  // namespace

LayerGeometry geometry(const Layer& l, int accelerator_k) {
  LayerGeometry g;
  g.k = l.block_size > 0 ? l.block_size : accelerator_k;
  const int k = g.k;
  switch (l.kind) {
    case LayerKind::fc:
      g.rows = l.out_features;
      g.cols = l.in_features;
      g.p = static_cast<int>(blocks(g.rows, k));
      g.q = static_cast<int>(blocks(g.cols, k));
      g.products = 1;
      g.input_elements = l.in_features;
      g.output_elements = l.out_features;
      break;
    case LayerKind::conv: {
      const int taps = l.kernel * l.kernel;
      g.rows = l.out_channels;
      g.cols = int64_t{taps} * l.in_channels;
      g.p = static_cast<int>(blocks(l.out_channels, k));
      g.q = static_cast<int>(taps * blocks(l.in_channels, k));
      g.out_height = (l.in_height + 2 * l.padding - l.kernel) / l.stride + 1;
      g.out_width = (l.in_width + 2 * l.padding - l.kernel) / l.stride + 1;
      g.products = int64_t{g.out_height} * g.out_width;
      g.input_elements = int64_t{l.in_channels} * l.in_height * l.in_width;
      const int pooled_h = l.pool == Pooling::none ? g.out_height : g.out_height / 2;
      const int pooled_w = l.pool == Pooling::none ? g.out_width : g.out_width / 2;
      g.output_elements = int64_t{l.out_channels} * pooled_h * pooled_w;
      break;
    }
    case LayerKind::lstm:
      g.rows = 4 * int64_t{l.hidden_size};
      g.cols = int64_t{l.input_size} + l.hidden_size;
      g.p = static_cast<int>(blocks(g.rows, k));
      g.q = static_cast<int>(blocks(l.input_size, k) + blocks(l.hidden_size, k));
      g.products = l.time_steps;
      g.input_elements = int64_t{l.input_size} * l.time_steps;
      g.output_elements = int64_t{l.hidden_size} * l.time_steps;
      break;
  }
  g.dense_macs = g.rows * g.cols * g.products;
  g.weight_params = int64_t{g.p} * g.q * k;
  return g;
}

}  // namespace circa
