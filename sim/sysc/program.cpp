#include "sysc/program.hpp"

#include "arch/conv_dataflow.hpp"
#include "arch/memory_map.hpp"
#include "common/error.hpp"

namespace circa::sysc {
namespace {

/// Word writes per bank that load a resident layer's rows once, row by row as the w_* port
/// writes them.
std::vector<int64_t> config_writes(const arch::MemoryMap& m, const arch::LayerPlan& pl) {
  std::vector<int64_t> v(m.weight_sram.banks, 0);
  if (!pl.weights_on_chip) return v;
  for (int64_t row = pl.weight_base_row; row < pl.weight_base_row + pl.weight_rows; ++row) {
    const arch::RowAccess a = arch::row_access(m, row);
    for (int b = a.first_bank; b < a.first_bank + a.banks; ++b) v[b] += a.words_per_bank;
  }
  return v;
}

}  // namespace

Program make_program(const AcceleratorSpec& spec, const Workload& w,
                     const std::vector<num::LayerWeights>& weights, std::vector<int64_t> input) {
  CIRCA_CHECK(weights.size() == w.layers.size(), "one weight set per layer");
  Program prog;
  prog.spec = &spec;
  prog.workload = &w;
  prog.input = std::move(input);
  const std::vector<arch::LayerPlan> plans = arch::plan_workload(spec, w);
  const arch::MemoryMap map = arch::memory_map(spec);
  prog.layers.resize(plans.size());
  for (size_t i = 0; i < plans.size(); ++i) {
    LayerProgram& lp = prog.layers[i];
    lp.layer = &w.layers[i];
    lp.plan = plans[i];
    num::check_layer_numerics(spec, *lp.layer);
    lp.fft = std::make_unique<num::FixedFft>(lp.plan.geom.k, spec.formats, spec.fft.scaling);
    lp.params = num::quantise_layer(spec, *lp.layer, weights[i]);
    lp.lstm_update = arch::lstm_update_cycles(spec, *lp.layer);
    // Configuration-time counts: weight and bias quantisation, the twiddle ROM (once per layer,
    // as the golden run_layer_fixed counts it), resident weights written once.
    lp.overflow += lp.params.overflow;
    lp.overflow[num::Stage::twiddle] += lp.fft->twiddles().overflows();
    lp.events.sram_config_writes_per_bank = config_writes(map, lp.plan);
    lp.events.sram_reads_per_bank.assign(spec.weight_sram.banks, 0);
  }
  return prog;
}

void product_blocks(const AcceleratorSpec& s, const LayerProgram& lp, int64_t product,
                    std::vector<int>& js) {
  const int ow_n = lp.plan.geom.out_width;
  if (arch::reuses_spectra(s, *lp.layer)) {
    arch::on_image_blocks(*lp.layer, lp.plan.geom.k, static_cast<int>(product / ow_n),
                          static_cast<int>(product % ow_n), js);
    return;
  }
  js.resize(static_cast<size_t>(lp.plan.geom.q));
  for (int j = 0; j < lp.plan.geom.q; ++j) js[j] = j;
}

}  // namespace circa::sysc
