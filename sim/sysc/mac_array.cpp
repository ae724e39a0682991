#include "sysc/mac_array.hpp"

#include <algorithm>

#include "common/error.hpp"
#include "numerics/bc_fixed.hpp"

namespace circa::sysc {

MacArray::MacArray(const sc_core::sc_module_name& name, SimContext& ctx, Program& prog,
                   const MacLinks& links)
    : Unit(name, ctx, prog), l_(links) {
  CIRCA_CLOCKED_THREAD(run);
}

void MacArray::run() {
  wait();
  while (true) {
    const Command c = l_.cmd->pop();
    LayerProgram& lp = layer(c.layer);
    product_blocks(spec(), lp, c.product, js_);
    for (int g = 0; g < lp.plan.groups; ++g) run_group(lp, g);
  }
}

void MacArray::run_group(LayerProgram& lp, int g) {
  l_.bank_free->pop();  // the bank group g - B used has been read out by the IFFT
  const int k = lp.plan.geom.k;
  GroupResult r;
  r.group = g;
  r.acc.assign(arch::group_blocks(lp.plan, g), std::vector<num::CFixed>(k / 2 + 1));
  r.first = g * lp.plan.mac.parallel_blocks;
  for (int j : js_) {
    // The spectrum first: the weight tile's transfer is then the issue's first cycle, which
    // tells a streaming source when the issue read its rows.
    const SpectrumRef x = l_.spectra->pop();
    const WeightTile w = (lp.plan.weights_on_chip ? l_.sram : l_.offchip)->pop();
    const int64_t t = now();
    CIRCA_CHECK(w.group == g && w.j == j && x.j == j && w.first == r.first,
                "MAC issues arrive in issue order");
    issue(lp, w, x, r);
    const int64_t busy = std::max<int64_t>(lp.plan.mac.issue_cycles, w.stream_cycles);
    act_.busy(t, t + busy);
    ctx_.wait_until(t + busy);
  }
  const int64_t ready = now() + arch::group_ready_latency(spec(), lp.plan);
  act_.busy(now(), ready);
  l_.banks->push(std::move(r), ready);
}

// One issue: input block j times the weight spectra of the group's output blocks, added to the
// bank in ascending j. Every bin goes through the golden kernels; a packed_real word (bins 0 and
// k/2 in one complex word) is one lane operation, counted once.
void MacArray::issue(LayerProgram& lp, const WeightTile& w, const SpectrumRef& x,
                     GroupResult& r) {
  const DatapathFormats& f = spec().formats;
  const int nb = lp.plan.geom.k / 2 + 1;
  uint64_t* ovf_p = &lp.overflow[num::Stage::product];
  uint64_t* ovf_a = &lp.overflow[num::Stage::accumulator];
  const std::vector<num::CFixed>& xb = *x.bins;
  for (int i = 0; i < w.blocks; ++i) {
    const num::CFixed* wb = lp.params.spectra.block(w.first + i, w.j);
    std::vector<num::CFixed>& acc = r.acc[i];
    for (int b = 0; b < nb; ++b)
      acc[b] = num::accumulate(acc[b], num::complex_product(xb[b], wb[b], f, ovf_p), f, ovf_a);
  }
  lp.events.complex_macs += int64_t{w.blocks} * lp.plan.mac.slots;
}

}  // namespace circa::sysc
