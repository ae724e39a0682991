// Workload and layer parameters, declared once.
#include "spec/accelerator_params.hpp"
#include "spec/param_builders.hpp"

namespace circa {
namespace {

using L = Param<Layer>;
using params::Range;

L only(L p, std::vector<std::string> kinds, bool required = false) {
  p.info.applies_to = std::move(kinds);
  p.info.required = required;
  return p;
}

std::vector<L> build_layer_table() {
  using namespace params;
  const Range count{1, 1 << 20};
  std::vector<L> t;
  t.push_back(only(text<Layer>("name", CIRCA_FIELD(name), "", "layer name, unique in the workload"),
                   {}, true));
  t.push_back(
      only(choice<Layer>("type", CIRCA_FIELD(kind),
                         LayerKind::fc, "layer type"),
           {}, true));
  t.push_back(integer<Layer>("block_size", CIRCA_FIELD(block_size), "", 0, Range{0, 1024},
                             "circulant block size k of this layer (power of two <= "
                             "accelerator's); 0 = the accelerator's"));
  t.push_back(boolean<Layer>("bias", CIRCA_FIELD(bias), true, "add a bias per output"));
  t.push_back(only(
      choice<Layer>("activation", CIRCA_FIELD(activation),
                    Activation::relu,
                    "activation after the bias (sigmoid/tanh are the hard, piecewise-linear kind)"),
      {"fc", "conv"}));
  t.push_back(only(integer<Layer>("in_features", CIRCA_FIELD(in_features), "", 0, count,
                                  "input vector length n"),
                   {"fc"}, true));
  t.push_back(only(integer<Layer>("out_features", CIRCA_FIELD(out_features), "", 0, count,
                                  "output vector length m"),
                   {"fc"}, true));
  t.push_back(only(
      integer<Layer>("in_channels", CIRCA_FIELD(in_channels), "", 0, count, "input channels C"),
      {"conv"}, true));
  t.push_back(only(
      integer<Layer>("out_channels", CIRCA_FIELD(out_channels), "", 0, count, "output channels P"),
      {"conv"}, true));
  t.push_back(only(integer<Layer>("in_height", CIRCA_FIELD(in_height), "pixels", 0, Range{1, 8192},
                                  "input feature-map height"),
                   {"conv"}, true));
  t.push_back(only(integer<Layer>("in_width", CIRCA_FIELD(in_width), "pixels", 0, Range{1, 8192},
                                  "input feature-map width"),
                   {"conv"}, true));
  t.push_back(only(integer<Layer>("kernel", CIRCA_FIELD(kernel), "pixels", 0, Range{1, 15},
                                  "square kernel size r"),
                   {"conv"}, true));
  t.push_back(only(
      integer<Layer>("stride", CIRCA_FIELD(stride), "pixels", 1, Range{1, 8}, "convolution stride"),
      {"conv"}));
  t.push_back(only(integer<Layer>("padding", CIRCA_FIELD(padding), "pixels", 0, Range{0, 8},
                                  "zero padding on each side"),
                   {"conv"}));
  t.push_back(only(choice<Layer>("pool", CIRCA_FIELD(pool),
                                 Pooling::none, "2x2 stride-2 pooling after the activation"),
                   {"conv"}));
  t.push_back(only(integer<Layer>("input_size", CIRCA_FIELD(input_size), "", 0, count,
                                  "LSTM input vector length"),
                   {"lstm"}, true));
  t.push_back(only(integer<Layer>("hidden_size", CIRCA_FIELD(hidden_size), "", 0, count,
                                  "LSTM hidden/cell size (4 gates of this many rows)"),
                   {"lstm"}, true));
  t.push_back(only(integer<Layer>("time_steps", CIRCA_FIELD(time_steps), "", 1, Range{1, 100000},
                                  "sequence length per inference"),
                   {"lstm"}));
  return t;
}

}  // namespace

bool applies_to(const ParamInfo& p, LayerKind kind) {
  if (p.applies_to.empty()) return true;
  for (const auto& k : p.applies_to)
    if (k == to_string(kind)) return true;
  return false;
}

const std::vector<Param<Layer>>& layer_params() {
  static const std::vector<L> table = build_layer_table();
  return table;
}

const std::vector<Param<Workload>>& workload_params() {
  using namespace params;
  static const std::vector<Param<Workload>> table = {
      text<Workload>("name", CIRCA_FIELD(name), "unnamed", "workload name used in reports"),
      text<Workload>("dataset", CIRCA_FIELD(dataset), "",
                     "dataset the shapes come from (documentation)"),
  };
  return table;
}

}  // namespace circa
