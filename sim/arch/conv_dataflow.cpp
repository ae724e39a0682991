#include "arch/conv_dataflow.hpp"

#include <algorithm>
#include <string>

#include "arch/memory_map.hpp"
#include "common/error.hpp"

namespace circa::arch {
namespace {

int channel_blocks(const Layer& l, int k) {
  return (l.in_channels + k - 1) / k;
}

Span clip(int first, int last, int size) {
  return {std::max(first, 0), std::min(last, size - 1)};
}

}  // namespace

bool reuses_spectra(const AcceleratorSpec& s, const Layer& l) {
  return l.kind == LayerKind::conv && s.controller.conv_dataflow == ConvDataflow::reuse;
}

Span window_rows(const Layer& l, int oy) {
  const int first = oy * l.stride - l.padding;
  return clip(first, first + l.kernel - 1, l.in_height);
}

Span window_cols(const Layer& l, int ox) {
  const int first = ox * l.stride - l.padding;
  return clip(first, first + l.kernel - 1, l.in_width);
}

Span fill_rows(const Layer& l, int oy) {
  const Span now = window_rows(l, oy);
  if (oy == 0) return now;
  return {std::max(now.first, window_rows(l, oy - 1).last + 1), now.last};
}

int64_t fill_blocks(const Layer& l, int k, int oy) {
  return int64_t{fill_rows(l, oy).count()} * l.in_width * channel_blocks(l, k);
}

int64_t line_buffer_spectra(const Layer& l, int k) {
  return int64_t{std::min(l.kernel, l.in_height)} * l.in_width * channel_blocks(l, k);
}

void on_image_blocks(const Layer& l, int k, int oy, int ox, std::vector<int>& js) {
  const int cb = channel_blocks(l, k);
  const Span rows = window_rows(l, oy), cols = window_cols(l, ox);
  const int u0 = oy * l.stride - l.padding, v0 = ox * l.stride - l.padding;
  js.clear();
  for (int r = rows.first; r <= rows.last; ++r)
    for (int x = cols.first; x <= cols.last; ++x)
      for (int c = 0; c < cb; ++c) js.push_back(((r - u0) * l.kernel + (x - v0)) * cb + c);
}

int64_t line_slot(const Layer& l, int k, int r, int x, int c) {
  const int cb = channel_blocks(l, k);
  return ((int64_t{r % std::min(l.kernel, l.in_height)} * l.in_width) + x) * cb + c;
}

void check_conv_dataflow(const AcceleratorSpec& s, const Workload& w) {
  if (s.controller.conv_dataflow != ConvDataflow::reuse) return;
  const int64_t depth = memory_map(s).max_q;
  for (const Layer& l : w.layers) {
    if (l.kind != LayerKind::conv) continue;
    if (l.padding >= l.kernel)
      throw ConfigError(l.where, l.name,
                        "controller.conv_dataflow: reuse needs padding < kernel (layer '" + l.name +
                            "' has padding " + std::to_string(l.padding) + ", kernel " +
                            std::to_string(l.kernel) + "); use conv_dataflow: recompute");
    const int k = geometry(l, s.block_size).k;
    const int64_t need = line_buffer_spectra(l, k);
    if (need > depth)
      throw ConfigError(
          l.where, l.name,
          "controller.conv_dataflow: reuse keeps " + std::to_string(need) +
              " input spectra of layer '" + l.name + "' (min(kernel, in_height) x in_width x " +
              "ceil(in_channels / k)) but the spectrum buffer holds " + std::to_string(depth) +
              " (one per input block the activation buffer's input half holds); raise "
              "activation_buffer.capacity_kib or use conv_dataflow: recompute");
  }
}

}  // namespace circa::arch
