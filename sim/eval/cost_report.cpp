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

/// Logic area per present unit of the registry, and its register bits (for its clock term).
void add_logic_area(const AcceleratorSpec& s, CostReport& c,
                    std::vector<std::pair<std::string, double>>& register_bits,
                    double& logic_area_mm2) {
  for (const auto& u : arch::units()) {
    if (u.pricing != arch::Pricing::logic || !u.present(s)) continue;
    const arch::Ops ops = u.inventory(s);
    const power::Cost cost = price(ops, s.technology.node_nm);
    c.area_mm2.push_back({u.name, cost.area_um2 * 1e-6, cost.source});
    logic_area_mm2 += cost.area_um2 * 1e-6;
    double bits = 0;
    for (const auto& op : ops)
      if (op.op == Op::reg) bits += op.bits * op.count;
    register_bits.push_back({u.name, bits});
  }
}

/// Dynamic energy per inference of every unit with events, in registry order, and the wire
/// energy of the words each memory (and the off-chip interface) moves.
void add_dynamic_energy(const AcceleratorSpec& s, const arch::RunReport& run,
                        const std::map<arch::UnitId, MemoryCost>& memories, CostReport& c) {
  const int node = s.technology.node_nm;
  const arch::Events& e = run.events;
  const power::LogicModel& model = power::LogicModel::builtin();
  for (const auto& u : arch::units()) {
    if (u.pricing == arch::Pricing::memory) {
      if (!u.present(s)) continue;
      const MemoryCost& m = memories.at(u.id);
      const double words = u.accesses->reads(s, e) + u.accesses->writes(s, e);
      const double pj = m.read_pj(u.accesses->reads(s, e)) + m.write_pj(u.accesses->writes(s, e));
      c.energy_uj.push_back({u.name, pj * 1e-6, m.macro.read_energy_pj.source});
      c.wires_uj.push_back(wire_energy(s, u.name, words * m.word_bits, c.wire_length_mm));
    } else if (u.pricing == arch::Pricing::logic && u.energy && u.energy->applies(s)) {
      const power::Cost per_event = price(u.energy->ops(s), node);
      c.energy_uj.push_back(
          {u.name, u.energy->count(s, e) * per_event.energy_pj * 1e-6, per_event.source});
    } else if (u.pricing == arch::Pricing::offchip) {
      // Off-chip accesses are not scaled with the accelerator's node: the 45 nm figure as is.
      const arch::OpCount access = u.energy->ops(s).front();
      const power::Cost dram = model.op(access.op, access.bits, 45);
      c.energy_uj.push_back({u.name, u.energy->count(s, e) * dram.energy_pj * 1e-6, dram.source});
      c.wires_uj.push_back(wire_energy(s, u.name, 8.0 * e.offchip_bytes, c.wire_length_mm));
    }
  }
}

void set_ops(const arch::RunReport& run, CostReport& c) {
  c.effective_ops = 2.0 * run.events.dense_macs;
  c.actual_ops = double(kOpsPerButterfly) * run.events.butterflies +
                 double(kOpsPerComplexMac) * run.events.complex_macs +
                 2.0 * run.events.act_output_writes +  // bias add and activation per output
                 double(run.events.act_pool_reads);    // a max per pooled output
}

}  // namespace

Figure clock_energy(const AcceleratorSpec& s, const std::string& unit, double register_bits,
                    int64_t cycles) {
  const power::Cost pin = power::LogicModel::builtin().op(Op::clock_pin, 1, s.technology.node_nm);
  return {unit, register_bits * cycles * pin.energy_pj * 1e-6,
          "register bits x cycles x clock_pin: " + pin.source};
}

Figure wire_energy(const AcceleratorSpec& s, const std::string& unit, double bits,
                   double length_mm) {
  const power::Cost w = power::LogicModel::builtin().op(Op::wire, 1, s.technology.node_nm);
  return {unit, bits * length_mm * w.energy_pj * 1e-6,
          "bits moved x half the side of the floorplan (assumption) x wire: " + w.source};
}

double wire_length_mm(double area_mm2) {
  return area_mm2 > 0 ? std::sqrt(area_mm2) / 2 : 0;
}

void set_totals(CostReport& c, double clock_mhz, int64_t cycles) {
  c.total_area_mm2 = c.dynamic_energy_uj = c.leakage_power_mw = 0;
  for (const auto& a : c.area_mm2) c.total_area_mm2 += a.value;
  for (const auto* v : {&c.energy_uj, &c.clock_uj, &c.wires_uj})
    for (const auto& e : *v) c.dynamic_energy_uj += e.value;
  for (const auto& l : c.leakage_mw) c.leakage_power_mw += l.value;
  c.latency_us = cycles / clock_mhz;
  c.inferences_per_s = c.latency_us > 0 ? 1e6 / c.latency_us : 0;
  c.energy_per_inference_uj = c.dynamic_energy_uj + c.leakage_power_mw * 1e-3 * c.latency_us;
  c.power_mw = c.energy_per_inference_uj * c.inferences_per_s * 1e-3;
  c.effective_gops = c.effective_ops * c.inferences_per_s * 1e-9;
  c.actual_gops = c.actual_ops * c.inferences_per_s * 1e-9;
  const double joules = c.energy_per_inference_uj * 1e-6;
  c.effective_tops_per_w = joules > 0 ? c.effective_ops / joules * 1e-12 : 0;
  c.actual_tops_per_w = joules > 0 ? c.actual_ops / joules * 1e-12 : 0;
  c.effective_gops_per_mm2 = c.effective_gops / c.total_area_mm2;
  c.actual_gops_per_mm2 = c.actual_gops / c.total_area_mm2;
}

CostReport cost_report(const AcceleratorSpec& s, const Workload&, const arch::RunReport& run) {
  CostReport c;
  const arch::MemoryMap map = arch::memory_map(s);
  std::map<arch::UnitId, MemoryCost> memories;
  for (const auto& u : arch::units())
    if (u.pricing == arch::Pricing::memory && u.present(s))
      memories[u.id] = memory_cost(s, map, *u.memory);
  std::vector<std::pair<std::string, double>> register_bits;
  double logic_area = 0;
  add_logic_area(s, c, register_bits, logic_area);
  for (const auto& [id, m] : memories)
    c.area_mm2.push_back({arch::to_string(id), m.area_mm2(), m.macro.area_mm2.source});
  for (const auto& a : c.area_mm2) c.wire_length_mm += a.value;
  c.wire_length_mm = wire_length_mm(c.wire_length_mm);
  add_dynamic_energy(s, run, memories, c);
  for (const auto& [unit, bits] : register_bits)
    c.clock_uj.push_back(clock_energy(s, unit, bits, run.cycles));
  // Logic leaks like the SRAM of the same node and device, per mm2 (CACTI-fitted model).
  const MemoryCost& wm = memories.at(arch::UnitId::weight_sram);
  const double density = wm.macro.leakage_total_mw.value / wm.macro.area_mm2.value;
  c.leakage_mw = {{"logic", logic_area * density,
                   "logic area x leakage per mm2 of the weight-SRAM macro (assumption)"}};
  for (const auto& [id, m] : memories)
    c.leakage_mw.push_back({arch::to_string(id), m.leakage_mw(), m.macro.leakage_total_mw.source});
  set_ops(run, c);
  set_totals(c, s.clock_mhz, run.cycles);
  c.notes = {
      "effective ops = 2 x dense-equivalent MACs (the papers' basis); actual ops = real "
      "multiplies and adds executed (10 per butterfly, 8 per complex MAC, 2 per output)",
      "one inference at a time: throughput = clock / cycles; resident weights are loaded "
      "once and not charged per inference",
      fmt::format("clock: every register bit clocked every cycle (no clock gating; the flop's "
                  "clock pin, not the tree's buffers); wires: every memory word and off-chip "
                  "byte moves {:.3g} mm, half the side of a square floorplan of the total area",
                  c.wire_length_mm)};
  for (const auto& w : wm.macro.warnings) c.notes.push_back("weight_sram: " + w);
  c.timing = memory_timing(s.clock_mhz, memories);
  if (!c.timing.feasible()) c.notes.push_back("timing: " + c.timing.problem());
  if (s.technology.timing == TimingPolicy::derate)
    c.notes.push_back(
        fmt::format("technology.timing: derate: clock {:.4g} MHz, the highest "
                    "whole MHz every memory reads in one cycle at or the one given",
                    s.clock_mhz));
  return c;
}

}  // namespace circa::eval
