#include "eval/cost_report.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>

#include <fmt/format.h>

#include "arch/memory_map.hpp"
#include "arch/units.hpp"
#include "common/recent_memo.hpp"
#include "eval/memory_costs.hpp"
#include "power/price.hpp"

namespace circa::eval {
namespace {

using power::Op;
using power::price;

/// Logic area per present unit of the registry, and its register bits (for its clock term).
void add_logic_area(const AcceleratorSpec& s, CostReport& c,
                    std::array<double, arch::kUnitCount>& register_bits) {
  for (const auto& u : arch::units()) {
    if (u.pricing != arch::Pricing::logic || !u.present(s)) continue;
    const arch::Ops ops = u.inventory(s);
    const power::Cost cost = price(ops, s.technology.node_nm);
    c.area_mm2.push_back({u.name, cost.area_um2 * 1e-6, cost.source});
    double bits = 0;
    for (const auto& op : ops)
      if (op.op == Op::reg) bits += op.bits * op.count;
    register_bits[static_cast<size_t>(u.id)] = bits;
  }
}

/// Dynamic energy per inference of every unit with events, in registry order, and the wire
/// energy of the words each memory (and the off-chip interface) moves.
void add_dynamic_energy(const AcceleratorSpec& s, const arch::RunReport& run,
                        const UnitMemories& memories, CostReport& c) {
  const int node = s.technology.node_nm;
  const arch::Events& e = run.events;
  const power::LogicModel& model = power::LogicModel::builtin();
  for (const auto& u : arch::units()) {
    if (u.pricing == arch::Pricing::memory) {
      if (!u.present(s)) continue;
      const MemoryCost& m = *memories[static_cast<size_t>(u.id)];
      const double words = u.accesses->reads(s, e) + u.accesses->writes(s, e);
      const double pj = m.read_pj(u.accesses->reads(s, e)) + m.write_pj(u.accesses->writes(s, e));
      c.energy_uj.push_back({u.name, pj * 1e-6, m.energy_source});
      c.wires_uj.push_back(wire_energy(s, u.name, words * m.word_bits, c.wire_length_mm));
    } else if (u.pricing == arch::Pricing::logic && u.energy && u.energy->applies(s)) {
      const power::Cost per_event = price(u.energy->ops(s), node);  // cached per operator list
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

/// The built-in model's cost of one `op` at `node_nm`, with `what` before its source; worked
/// out once per thread and node.
const power::Cost& per_bit(Op op, int node_nm, const char* what) {
  struct Entry {
    Op op;
    int node_nm;
    power::Cost cost;
  };
  // A few entries (an op or two at a node or two): a scan; a deque keeps them in place.
  thread_local std::deque<Entry> cache;
  for (const Entry& e : cache)
    if (e.op == op && e.node_nm == node_nm) return e.cost;
  power::Cost c = power::LogicModel::builtin().op(op, 1, node_nm);
  c.source = what + c.source.str();
  return cache.emplace_back(Entry{op, node_nm, c}).cost;
}

}  // namespace

Figure clock_energy(const AcceleratorSpec& s, std::string_view unit, double register_bits,
                    int64_t cycles) {
  const power::Cost& pin =
      per_bit(Op::clock_pin, s.technology.node_nm, "register bits x cycles x clock_pin: ");
  return {unit, register_bits * cycles * pin.energy_pj * 1e-6, pin.source};
}

Figure wire_energy(const AcceleratorSpec& s, std::string_view unit, double bits, double length_mm) {
  const power::Cost& w =
      per_bit(Op::wire, s.technology.node_nm,
              "bits moved x half the side of the floorplan (assumption) x wire: ");
  return {unit, bits * length_mm * w.energy_pj * 1e-6, w.source};
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

const SourceText& logic_leakage_source() {
  static const SourceText source(
      "logic area x leakage per mm2 of the weight-SRAM macro (assumption)");
  return source;
}

namespace {

/// What cost_figures works out before the clock and the cycles enter: every area, dynamic-energy,
/// wire and leakage row, the register bits, the ops, the logic paths (in c.timing.logic) and the
/// memories; the same for every clock of a design that counts these events.
struct ClockFreeCost {
  CostReport c;
  UnitMemories memories;
};

ClockFreeCost clock_free_cost(const AcceleratorSpec& s, const arch::RunReport& run) {
  ClockFreeCost f{CostReport{}, unit_memories(s, arch::memory_map(s))};
  CostReport& c = f.c;
  const UnitMemories& memories = f.memories;
  add_logic_area(s, c, c.register_bits);  // -1: not present logic
  for (size_t id = 0; id < memories.size(); ++id)
    if (memories[id])
      c.area_mm2.push_back({arch::to_string(static_cast<arch::UnitId>(id)),
                            memories[id]->area_mm2(), memories[id]->area_source});
  for (const auto& a : c.area_mm2) c.wire_length_mm += a.value;
  c.wire_length_mm = wire_length_mm(c.wire_length_mm);
  add_dynamic_energy(s, run, memories, c);
  // Logic leaks like the SRAM of the same node and device, per mm2 (CACTI-fitted model).
  const MemoryCost& wm = *memories[static_cast<size_t>(arch::UnitId::weight_sram)];
  const double density = wm.macro.leakage_total_mw.value / wm.macro.area_mm2.value;
  // Per logic unit: its area rows come first in c.area_mm2, one per present unit.
  const auto logic_units = std::count_if(c.register_bits.begin(), c.register_bits.end(),
                                         [](double bits) { return bits >= 0; });
  for (auto a = c.area_mm2.begin(); a != c.area_mm2.begin() + logic_units; ++a)
    c.leakage_mw.push_back({a->name, a->value * density, logic_leakage_source()});
  for (size_t id = 0; id < memories.size(); ++id)
    if (memories[id])
      c.leakage_mw.push_back({arch::to_string(static_cast<arch::UnitId>(id)),
                              memories[id]->leakage_mw(), memories[id]->leakage_source});
  set_ops(run, c);
  c.timing.logic = logic_timing(s);
  return f;
}

/// The clock enters the clock-free part only through the weight stream FIFO's depth (its rows
/// cover the off-chip latency, counted in cycles): equal depths, equal parts.
struct ClockFreeKey {
  AcceleratorSpec spec;
  int64_t stream_fifo_depth = 0;
  arch::Events events;
};

}  // namespace

CostReport cost_figures(const AcceleratorSpec& s, const Workload&, const arch::RunReport& run) {
  // A sweep prices one design at many clocks in a row: the clock-free part once for them all.
  thread_local RecentMemo<ClockFreeKey, ClockFreeCost> memo(8);
  const int64_t depth = arch::weight_stream_fifo_depth(s);
  const ClockFreeCost* f = memo.find([&](const ClockFreeKey& k) {
    return k.stream_fifo_depth == depth && same_design_but_clock(k.spec, s) &&
           k.events == run.events;
  });
  if (!f) f = &memo.put({s, depth, run.events}, clock_free_cost(s, run));
  CostReport c = f->c;
  for (const auto& u : arch::units())  // in registry order, as add_logic_area
    if (const double bits = c.register_bits[static_cast<size_t>(u.id)]; bits >= 0)
      c.clock_uj.push_back(clock_energy(s, u.name, bits, run.cycles));
  set_totals(c, s.clock_mhz, run.cycles);
  c.timing = timing_check(s, f->memories, f->c.timing.logic);
  return c;
}

void add_cost_notes(const AcceleratorSpec& s, CostReport& c) {
  const auto wm = memory_cost(s, arch::memory_map(s), arch::MemoryId::weight_sram);
  c.notes = {
      "effective ops = 2 x dense-equivalent MACs (the papers' basis); actual ops = real "
      "multiplies and adds executed (10 per butterfly, 8 per complex MAC, 2 per output)",
      "one inference at a time: throughput = clock / cycles; resident weights are loaded "
      "once and not charged per inference",
      fmt::format("clock: every register bit clocked every cycle (no clock gating; the flop's "
                  "clock pin, not the tree's buffers); wires: every memory word and off-chip "
                  "byte moves {:.3g} mm, half the side of a square floorplan of the total area",
                  c.wire_length_mm)};
  for (const auto& w : wm->macro.warnings) c.notes.push_back("weight_sram: " + w);
  if (!c.timing.feasible()) c.notes.push_back("timing: " + c.timing.problem());
  if (s.technology.timing == TimingPolicy::derate)
    c.notes.push_back(
        fmt::format("technology.timing: derate: clock {:.4g} MHz, the highest "
                    "whole MHz every memory and logic path meets, or the one given",
                    s.clock_mhz));
}

CostReport cost_report(const AcceleratorSpec& s, const Workload& w, const arch::RunReport& run) {
  CostReport c = cost_figures(s, w, run);
  add_cost_notes(s, c);
  return c;
}

}  // namespace circa::eval
