#include "sysc/top.hpp"

namespace circa::sysc {

Top::Top(const sc_core::sc_module_name& name, SimContext& ctx, Program& prog, LayerCheck check)
    : sc_core::sc_module(name),
      clk("clk", ctx.period),
      ctx_(ctx),
      prog_(prog),
      dp_("dp", ctx, prog, std::move(check), false) {
  dp_.clk(clk);
  dp_.rst(rst);
  SC_THREAD(reset_driver);
  SC_THREAD(offchip);
}

// Reset is held for the first two cycles; the controller starts the first product after it.
void Top::reset_driver() {
  rst.write(true);
  wait(2 * ctx_.period);
  rst.write(false);
}

// The off-chip memory and the weight stream's registers move once per cycle, at the settle
// point, while a layer streams; the memory serves whole issues of the layer's rows.
void Top::offchip() {
  WeightStream& ws = dp_.weight_stream();
  while (true) {
    wait(ws.begun());
    const LayerProgram& lp = prog_.layers[ws.command().layer];
    memory_.emplace(arch::offchip_timing(*prog_.spec), lp.plan.mac.issue_cycles,
                            [&lp](int64_t row) { return arch::stream_request_bytes(lp.plan, row); },
                            ctx_.stall_prob, ctx_.seed + static_cast<uint64_t>(ctx_.cycle()));
    memory_->reset(ctx_.cycle());
    while (ws.active() || !memory_->idle()) {
      wait(ctx_.period);
      const int64_t t = ctx_.cycle();
      const WeightStream::PortOut o = ws.out();
      const OffchipMemory::Out m = memory_->out();
      ws.tick(t, true, {m.valid, nullptr, m.req_ready});
      memory_->clock(t - 1, o.req_valid, o.req_addr, o.ready);
    }
  }
}

void Top::trace(sc_core::sc_trace_file* tf) const {
  sc_core::sc_trace(tf, clk, "clk");
  sc_core::sc_trace(tf, rst, "rst");
  dp_.trace(tf);
}

}  // namespace circa::sysc
