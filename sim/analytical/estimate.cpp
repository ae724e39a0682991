#include "analytical/estimate.hpp"

#include <algorithm>

#include "analytical/conv_reuse.hpp"
#include "analytical/schedule.hpp"
#include "arch/conv_dataflow.hpp"
#include "arch/layer_program.hpp"
#include "arch/microarch.hpp"

namespace circa::ana {

arch::RunReport estimate(const AcceleratorSpec& s, const Workload& w) {
  arch::RunReport r;
  r.tool = "estimate";
  r.config = s.name;
  r.workload = w.name;
  r.clock_mhz = s.clock_mhz;
  r.conv_dataflow = to_string(s.controller.conv_dataflow);
  const arch::MemoryMap map = arch::memory_map(s);
  const std::vector<arch::LayerPlan> plans = arch::plan_workload(s, w, map);
  r.layers.reserve(plans.size());
  for (size_t i = 0; i < plans.size(); ++i) {
    // The next layer's first input row is read in a cycle of its own (SCHEDULE.md, "Layer
    // switch"); products within a layer run back to back.
    if (i > 0) r.cycles += arch::kLayerSwitchCycles;
    const arch::LayerPlan& pl = plans[i];
    arch::LayerReport l;
    l.name = w.layers[i].name;
    l.kind = w.layers[i].kind;
    l.k = pl.geom.k;
    l.p = pl.geom.p;
    l.q = pl.geom.q;
    l.groups = pl.groups;
    l.products = pl.geom.products;
    l.weights_on_chip = pl.weights_on_chip;
    if (l.kind == LayerKind::conv) l.dataflow = r.conv_dataflow;
    l.start_cycle = r.cycles;
    if (arch::reuses_spectra(s, w.layers[i])) {
      const LayerTotals t = reuse_conv_layer(s, w.layers[i], pl);
      l.product_cycles = t.first_product_cycles;
      l.cycles = t.cycles;
      l.events = t.events;
    } else {
      l.product_cycles = product_cycles(s, w.layers[i], pl, map);
      l.cycles = l.product_cycles * l.products;
      l.events = product_events(s, pl, map);
      l.events.scale(l.products);
    }
    if (w.layers[i].kind == LayerKind::conv && w.layers[i].pool != Pooling::none) {
      // Pooling writes a window's first pixel and reads back then writes the other three; an
      // odd last row or column writes nothing (SCHEDULE.md, "Events counted").
      const int64_t windows = int64_t{pl.geom.out_height / 2} * (pl.geom.out_width / 2);
      l.events.act_output_writes = 4 * windows * pl.geom.rows;
      l.events.act_pool_reads = 3 * windows * pl.geom.rows;
    }
    if (w.layers[i].kind == LayerKind::lstm) {
      // The cell update reads each row's 4 gates and c, and writes h and c (SCHEDULE.md).
      const int64_t samples = arch::lstm_update_samples(s, w.layers[i]);
      l.events.act_lstm_reads = arch::kLstmReadsPerRow * samples * l.products;
      l.events.act_lstm_writes = 2 * samples * l.products;
      l.events.lstm_cell_samples = samples * l.products;
    }
    l.events.sram_config_writes_per_bank = config_writes(s, pl, map);
    r.cycles += l.cycles;
    r.events += l.events;
    r.layers.push_back(std::move(l));
  }
  return r;
}

}  // namespace circa::ana
