#include "arch/conv_dataflow.hpp"

#include <string>

#include "arch/memory_map.hpp"
#include "common/error.hpp"

namespace circa::arch {

bool reuses_spectra(const AcceleratorSpec& s, const Layer& l) {
  return l.kind == LayerKind::conv && s.controller.conv_dataflow == ConvDataflow::reuse;
}

void check_conv_dataflow(const AcceleratorSpec& s, const Workload& w) {
  if (s.controller.conv_dataflow != ConvDataflow::reuse) return;
  const int64_t depth = buffer_blocks(s).max_q;
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
