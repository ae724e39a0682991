#include "eval/cost_report.hpp"

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "arch/units.hpp"
#include "eval/memory_costs.hpp"
#include "power/price.hpp"

namespace circa::eval {
namespace {

using power::Op;
using power::price;

// Clock-pin load of a register bit per cycle, as a fraction of a data toggle. No published
// figure in the logic table: an assumption, stated in the report's notes.
constexpr double kClockFractionOfToggle = 0.25;

/// Logic area per present unit of the registry, and total register bits (for the clock term).
void add_logic_area(const AcceleratorSpec& s, CostReport& c, double& register_bits,
                    double& logic_area_mm2) {
  for (const auto& u : arch::units()) {
    if (u.pricing != arch::Pricing::logic || !u.present(s)) continue;
    const arch::Ops ops = u.inventory(s);
    const power::Cost cost = price(ops, s.technology.node_nm);
    c.area_mm2.push_back({u.name, cost.area_um2 * 1e-6, cost.source});
    logic_area_mm2 += cost.area_um2 * 1e-6;
    for (const auto& op : ops)
      if (op.op == Op::reg) register_bits += op.bits * op.count;
  }
}

/// Dynamic energy per inference of every unit with events, in registry order, then the clock.
void add_dynamic_energy(const AcceleratorSpec& s, const arch::RunReport& run,
                        const std::map<arch::UnitId, MemoryCost>& memories, double register_bits,
                        CostReport& c) {
  const int node = s.technology.node_nm;
  const arch::Events& e = run.events;
  const power::LogicModel& model = power::LogicModel::builtin();
  for (const auto& u : arch::units()) {
    if (u.pricing == arch::Pricing::memory) {
      if (!u.present(s)) continue;
      const MemoryCost& m = memories.at(u.id);
      const double pj = m.read_pj(u.accesses->reads(s, e)) + m.write_pj(u.accesses->writes(s, e));
      c.energy_uj.push_back({u.name, pj * 1e-6, m.macro.read_energy_pj.source});
    } else if (u.pricing == arch::Pricing::logic && u.energy && u.energy->applies(s)) {
      const power::Cost per_event = price(u.energy->ops(s), node);
      c.energy_uj.push_back(
          {u.name, u.energy->count(s, e) * per_event.energy_pj * 1e-6, per_event.source});
    } else if (u.pricing == arch::Pricing::offchip) {
      // Off-chip accesses are not scaled with the accelerator's node: the 45 nm figure as is.
      const arch::OpCount access = u.energy->ops(s).front();
      const power::Cost dram = model.op(access.op, access.bits, 45);
      c.energy_uj.push_back({u.name, u.energy->count(s, e) * dram.energy_pj * 1e-6, dram.source});
    }
  }
  const double reg_pj = model.op(Op::reg, 1, node).energy_pj;
  c.energy_uj.push_back({"clock",
                         register_bits * run.cycles * reg_pj * kClockFractionOfToggle * 1e-6,
                         "register bits x cycles x 1/4 of a register toggle (assumption)"});
}

void add_throughput(const AcceleratorSpec& s, const arch::RunReport& run, CostReport& c) {
  c.latency_us = run.cycles / s.clock_mhz;
  c.inferences_per_s = c.latency_us > 0 ? 1e6 / c.latency_us : 0;
  c.energy_per_inference_uj = c.dynamic_energy_uj + c.leakage_power_mw * 1e-3 * c.latency_us;
  c.power_mw = c.energy_per_inference_uj * c.inferences_per_s * 1e-3;
  c.effective_ops = 2.0 * run.events.dense_macs;
  c.actual_ops = double(kOpsPerButterfly) * run.events.butterflies +
                 double(kOpsPerComplexMac) * run.events.complex_macs +
                 2.0 * run.events.act_output_writes +  // bias add and activation per output
                 double(run.events.act_pool_reads);    // a max per pooled output
  c.effective_gops = c.effective_ops * c.inferences_per_s * 1e-9;
  c.actual_gops = c.actual_ops * c.inferences_per_s * 1e-9;
  const double joules = c.energy_per_inference_uj * 1e-6;
  c.effective_tops_per_w = joules > 0 ? c.effective_ops / joules * 1e-12 : 0;
  c.actual_tops_per_w = joules > 0 ? c.actual_ops / joules * 1e-12 : 0;
  c.effective_gops_per_mm2 = c.effective_gops / c.total_area_mm2;
  c.actual_gops_per_mm2 = c.actual_gops / c.total_area_mm2;
}

}  // namespace

CostReport cost_report(const AcceleratorSpec& s, const Workload&, const arch::RunReport& run) {
  CostReport c;
  const arch::MemoryMap map = arch::memory_map(s);
  std::map<arch::UnitId, MemoryCost> memories;
  for (const auto& u : arch::units())
    if (u.pricing == arch::Pricing::memory && u.present(s))
      memories[u.id] = memory_cost(s, map, *u.memory);
  double register_bits = 0, logic_area = 0;
  add_logic_area(s, c, register_bits, logic_area);
  for (const auto& [id, m] : memories)
    c.area_mm2.push_back({arch::to_string(id), m.area_mm2(), m.macro.area_mm2.source});
  for (const auto& a : c.area_mm2) c.total_area_mm2 += a.value;
  add_dynamic_energy(s, run, memories, register_bits, c);
  for (const auto& e : c.energy_uj) c.dynamic_energy_uj += e.value;
  // Logic leaks like the SRAM of the same node and device, per mm2 (CACTI-fitted model).
  const MemoryCost& wm = memories.at(arch::UnitId::weight_sram);
  const double density = wm.macro.leakage_total_mw.value / wm.macro.area_mm2.value;
  c.leakage_mw = {{"logic", logic_area * density,
                   "logic area x leakage per mm2 of the weight-SRAM macro (assumption)"}};
  for (const auto& [id, m] : memories)
    c.leakage_mw.push_back({arch::to_string(id), m.leakage_mw(), m.macro.leakage_total_mw.source});
  for (const auto& l : c.leakage_mw) c.leakage_power_mw += l.value;
  add_throughput(s, run, c);
  c.notes = {
      "effective ops = 2 x dense-equivalent MACs (the papers' basis); actual ops = real "
      "multiplies and adds executed (10 per butterfly, 8 per complex MAC, 2 per output)",
      "one inference at a time: throughput = clock / cycles; resident weights are loaded "
      "once and not charged per inference"};
  for (const auto& w : wm.macro.warnings) c.notes.push_back("weight_sram: " + w);
  c.timing = memory_timing(s.clock_mhz, memories);
  if (!c.timing.feasible()) c.notes.push_back("timing: " + c.timing.problem());
  return c;
}

}  // namespace circa::eval
