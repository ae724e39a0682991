#include "sysc/simulate.hpp"

#include <chrono>

#include <fmt/format.h>

#include "arch/memory_map.hpp"
#include "arch/offchip.hpp"
#include "common/error.hpp"
#include "spec/config_loader.hpp"
#include "common/fnv1a.hpp"
#include "sysc/golden.hpp"
#include "sysc/top.hpp"

namespace circa::sysc {
namespace {

// A generous bound on the cycles a run may take, so a deadlock ends with an error instead of
// spinning forever: every step of every product done one after another (each FFT, each MAC
// issue with its rows fetched from off-chip alone), slowed by the stalls, with a wide margin.
int64_t cycle_limit(const AcceleratorSpec& s, const Workload& w, double stall_prob) {
  const arch::OffchipTiming ot = arch::offchip_timing(s);
  const int64_t row_cycles = arch::row_access(arch::memory_map(s), 0).cycles;
  const std::vector<arch::LayerPlan> plans = arch::plan_workload(s, w);
  double serial = 0;
  for (size_t i = 0; i < plans.size(); ++i) {
    const arch::LayerPlan& pl = plans[i];
    const int64_t bytes = arch::bus_bytes(ot, arch::issue_bytes(pl.mac, pl.mac.parallel_blocks));
    const double issue = static_cast<double>(pl.mac.issue_cycles * row_cycles + ot.latency_cycles) +
                         static_cast<double>(bytes) / ot.bytes_per_cycle + 4;
    const double ffts = static_cast<double>(pl.geom.p + pl.geom.q) * (pl.fft.ii + pl.fft.latency);
    const double product = ffts + static_cast<double>(pl.groups) * pl.geom.q * issue +
                           static_cast<double>(arch::lstm_update_cycles(s, w.layers[i])) + 100;
    serial += product * static_cast<double>(pl.geom.products);
  }
  return static_cast<int64_t>(4 * serial / (1 - stall_prob)) + 100000;
}

arch::RunReport make_report(const AcceleratorSpec& s, const Workload& w, const Program& prog,
                           Top& top, const SimOptions& o) {
  arch::RunReport r;
  r.tool = "sim";
  r.config = s.name;
  r.workload = w.name;
  r.clock_mhz = s.clock_mhz;
  r.conv_dataflow = to_string(s.controller.conv_dataflow);
  r.simulated = true;
  r.seed = o.seed;
  r.stall_prob = o.stall_prob;
  r.cycles = top.controller().end_cycle() - top.controller().start_cycle();
  num::OverflowCounts ovf;
  for (const LayerProgram& lp : prog.layers) {
    arch::LayerReport l;
    l.name = lp.layer->name;
    l.kind = lp.layer->kind;
    l.k = lp.plan.geom.k;
    l.p = lp.plan.geom.p;
    l.q = lp.plan.geom.q;
    l.groups = lp.plan.groups;
    l.products = lp.plan.geom.products;
    l.weights_on_chip = lp.plan.weights_on_chip;
    if (l.kind == LayerKind::conv) l.dataflow = r.conv_dataflow;
    l.product_cycles = lp.first_product_cycles;
    l.start_cycle = lp.start_cycle - top.controller().start_cycle();
    l.cycles = lp.end_cycle - lp.start_cycle;
    l.events = lp.events;
    l.events.dense_macs = lp.plan.geom.dense_macs;
    r.events += l.events;
    ovf += lp.overflow;
    r.layers.push_back(std::move(l));
  }
  for (int st = 0; st < num::kStageCount; ++st)
    r.overflow.emplace_back(num::to_string(static_cast<num::Stage>(st)), ovf.n[st]);
  r.units = top.activity(r.cycles);
  return r;
}

}  // namespace

SimOutcome simulate(const AcceleratorSpec& s, const Workload& w, const WorkloadData& d,
                    const SimOptions& o) {
  if (!(o.stall_prob >= 0 && o.stall_prob < 1))
    throw ConfigError("--stall-prob " + std::to_string(o.stall_prob) + ": must be in [0, 1)");
  check_workload_fits(w, s);
  Program prog = make_program(s, w, d.weights, d.input);
  // The controller ends every run with sc_stop(); that is not news to print.
  sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO,
                                          sc_core::SC_DO_NOTHING);
  SimContext ctx;
  ctx.stall_prob = o.stall_prob;
  ctx.seed = o.seed;
  ctx.tracing = !o.vcd_file.empty();
  GoldenChain golden(s, w, d);
  SimOutcome out;
  auto check = [&](int li, const std::vector<int64_t>& y) {
    out.mismatch = golden.check(li, y, prog.layers[li].overflow);
    out.layer_outputs.push_back(y);
    return out.mismatch.empty();
  };
  Top top("top", ctx, prog, check);
  sc_core::sc_trace_file* tf = nullptr;
  if (ctx.tracing) {
    tf = sc_core::sc_create_vcd_trace_file(o.vcd_file.c_str());
    tf->set_time_unit(1, sc_core::SC_NS);  // one cycle per ns
    top.trace(tf);
  }
  const auto t0 = std::chrono::steady_clock::now();
  sc_core::sc_start(ctx.period * static_cast<double>(cycle_limit(s, w, o.stall_prob)));
  out.sim_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (tf != nullptr) sc_core::sc_close_vcd_trace_file(tf);
  out.outputs = top.activations().finish();
  const bool stopped = top.activations().stopped() || !out.mismatch.empty();
  CIRCA_CHECK(stopped || top.controller().finished(),
              "the simulation did not finish within its cycle limit (a deadlock)");
  out.bit_exact = out.mismatch.empty();
  out.report = make_report(s, w, prog, top, o);
  out.report.output_checksum = fmt::format("{:016x}", fnv1a64_codes(out.outputs));
  return out;
}

}  // namespace circa::sysc
