#include "sysc/golden.hpp"

#include "common/error.hpp"
#include "numerics/output_stage.hpp"

namespace circa::sysc {

GoldenChain::GoldenChain(const AcceleratorSpec& s, const Workload& w, const WorkloadData& d)
    : s_(s), w_(w), d_(d) {}

std::string GoldenChain::check(int li, const std::vector<int64_t>& sim,
                               const num::OverflowCounts& sim_ovf) {
  CIRCA_CHECK(li == next_, "layers are checked in order");
  ++next_;
  const Layer& l = w_.layers[li];
  num::OverflowCounts convert;
  std::vector<int64_t> input = d_.input;
  if (li > 0) {
    input = num::next_layer_input(w_.layers[li - 1], l, prev_output_);
    for (int64_t& x : input)
      x = num::requantize(x, s_.formats.output.frac, s_.formats.input,
                          &convert[num::Stage::input]);
  }
  num::LayerResult g = num::run_layer_fixed(s_, l, d_.weights[li], input);
  g.overflow += convert;
  const std::string where = "layer '" + l.name + "'";
  if (g.output.size() != sim.size())
    return where + ": SystemC wrote " + std::to_string(sim.size()) + " outputs, golden " +
           std::to_string(g.output.size());
  for (size_t i = 0; i < sim.size(); ++i)
    if (sim[i] != g.output[i])
      return where + ", " + locate(li, i) + ": SystemC " + std::to_string(sim[i]) +
             " != golden " + std::to_string(g.output[i]);
  for (int st = 0; st < num::kStageCount; ++st)
    if (sim_ovf.n[st] != g.overflow.n[st])
      return where + ": " + num::to_string(static_cast<num::Stage>(st)) + " overflow events " +
             std::to_string(sim_ovf.n[st]) + " != golden " + std::to_string(g.overflow.n[st]);
  prev_output_ = std::move(g.output);
  return "";
}

// Names an output element by the block and element of the row it belongs to.
std::string GoldenChain::locate(int li, size_t index) const {
  const Layer& l = w_.layers[li];
  const LayerGeometry g = geometry(l, s_.block_size);
  const int64_t n = static_cast<int64_t>(index);
  int64_t row = n;
  std::string extra;
  if (l.kind == LayerKind::conv) {
    const int64_t pixels = static_cast<int64_t>(g.output_elements / l.out_channels);
    row = n / pixels;
    extra = ", pixel " + std::to_string(n % pixels);
  } else if (l.kind == LayerKind::lstm) {
    row = n % l.hidden_size;
    extra = ", time step " + std::to_string(n / l.hidden_size);
  }
  return "output " + std::to_string(n) + " (block " + std::to_string(row / g.k) + ", element " +
         std::to_string(row % g.k) + extra + ")";
}

}  // namespace circa::sysc
