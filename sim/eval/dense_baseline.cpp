#include "eval/dense_baseline.hpp"

#include <cmath>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "arch/memory_map.hpp"
#include "arch/microarch.hpp"
#include "arch/offchip.hpp"
#include "arch/units.hpp"
#include "common/error.hpp"
#include "common/recent_memo.hpp"
#include "eval/memory_costs.hpp"
#include "power/price.hpp"

namespace circa::eval {
namespace {

using arch::Op;
using arch::Ops;
using arch::UnitId;

/// The CirCNN units the baseline keeps as they are; the rest of the area buys PEs.
constexpr UnitId kKept[] = {UnitId::peripheral,  UnitId::lstm_cell,
                            UnitId::controller,  UnitId::weight_stream_fifo,
                            UnitId::weight_sram, UnitId::activation_buffer};

double mult_bits(const AcceleratorSpec& s) {
  return std::sqrt(double(s.formats.input.bits) * s.formats.weight.bits);
}

/// One PE: input x weight multiplier, accumulator-wide adder, weight, input and partial-sum
/// registers.
Ops pe_ops(const AcceleratorSpec& s) {
  const auto& f = s.formats;
  return {{Op::int_mult, mult_bits(s), 1},
          {Op::int_add, double(f.accumulator.bits), 1},
          {Op::reg, 1, double(f.weight.bits + f.input.bits + f.accumulator.bits)}};
}

/// One MAC: the multiply, the accumulate, the input and partial-sum registers toggling (the
/// weight register holds still).
Ops mac_ops(const AcceleratorSpec& s) {
  const auto& f = s.formats;
  return {{Op::int_mult, mult_bits(s), 1},
          {Op::int_add, double(f.accumulator.bits), 1},
          {Op::reg, 1, double(f.input.bits + f.accumulator.bits)}};
}

double register_bits(const Ops& ops) {
  double bits = 0;
  for (const auto& o : ops)
    if (o.op == Op::reg) bits += o.bits * o.count;
  return bits;
}

const Figure& figure(const Figures& v, const char* name) {
  for (const Figure& f : v)  // rows carry the registry's own name text: its pointer first
    if (f.name.data() == name) return f;
  for (const Figure& f : v)
    if (f.name == name) return f;
  throw InternalError(std::string("the cost report has no figure for ") + name);
}

int64_t ceil_div(int64_t a, int64_t b) {
  return (a + b - 1) / b;
}

/// The dense form of every layer on `pes` PEs: weights resident in the weight SRAM in layer
/// order while they fit (as the CirCNN design places its spectra), else streamed every inference.
/// Their off-chip cycles and bounds depend on the clock: set_bounds.
std::vector<DenseLayer> dense_layers(const AcceleratorSpec& s, const Workload& w, int64_t pes) {
  const arch::OffchipTiming t = arch::offchip_timing(s);
  const int wb = s.formats.weight.bits, word = s.weight_sram.word_bits;
  int64_t free_words = int64_t{s.weight_sram.capacity_kib} * 1024 * 8 / word;
  std::vector<DenseLayer> out;
  out.reserve(w.layers.size());
  for (const Layer& l : w.layers) {
    const LayerGeometry g = geometry(l, s.block_size);
    DenseLayer d;
    d.name = l.name;
    d.weights = g.rows * g.cols;
    d.macs = g.dense_macs;
    // LSTM time steps depend on each other: weights that do not all fit in the array are
    // fetched again every step. Conv pixels and fc products are independent: once.
    d.passes = l.kind == LayerKind::lstm && d.weights > pes ? g.products : 1;
    const int64_t words = ceil_div(d.weights * wb, word);
    d.weights_on_chip = words <= free_words;
    if (d.weights_on_chip) {
      free_words -= words;
      d.sram_words = words * d.passes;
      d.sram_cycles = ceil_div(d.sram_words, s.weight_sram.banks);
    } else {
      d.offchip_bytes = arch::bus_bytes(t, ceil_div(d.weights * wb, 8)) * d.passes;
    }
    // Each input sample is broadcast to the PEs of up to `pes` output rows at a time.
    d.input_reads = g.products * g.cols * ceil_div(g.rows, pes);
    d.compute_cycles = ceil_div(d.macs, pes);
    out.push_back(d);
  }
  return out;
}

/// Each layer's off-chip cycles at the clock of `t`, its cycles (the largest bound) and d.cycles.
void set_bounds(const arch::OffchipTiming& t, DenseBaseline& d) {
  d.cycles = 0;
  for (DenseLayer& l : d.layers) {
    if (!l.weights_on_chip)
      l.offchip_cycles =
          t.latency_cycles + arch::ceil_ratio(double(l.offchip_bytes), t.bytes_per_cycle);
    l.cycles = l.compute_cycles;
    l.bound = "compute";
    if (l.sram_cycles > l.cycles) l.cycles = l.sram_cycles, l.bound = "weight_sram";
    if (l.offchip_cycles > l.cycles) l.cycles = l.offchip_cycles, l.bound = "offchip";
    d.cycles += l.cycles;
  }
}

/// The CirCNN design's area less the kept units, in whole PEs.
void size_array(const AcceleratorSpec& s, const CostReport& circnn, DenseBaseline& d) {
  d.pe_area_um2 = power::price(pe_ops(s), s.technology.node_nm).area_um2;
  d.pe_budget_mm2 = circnn.total_area_mm2;
  for (UnitId id : kKept)
    if (arch::unit(id).present(s))
      d.pe_budget_mm2 -= figure(circnn.area_mm2, arch::to_string(id)).value;
  d.pes = static_cast<int64_t>(std::floor(d.pe_budget_mm2 * 1e6 / d.pe_area_um2));
  if (d.pes < 1)
    throw ConfigError(
        fmt::format("--baseline dense: the design's FFT, MAC and buffer area ({:.4g} mm2) buys no "
                    "dense PE ({:.4g} um2)",
                    d.pe_budget_mm2, d.pe_area_um2));
}

/// The register bits each clock row of the baseline counts (the PE array, then the kept logic
/// units), priced at the cycles of a clock.
using ClockBits = std::vector<std::pair<std::string_view, double>>;

/// Area, dynamic energy and leakage of the baseline, the kept units' figures taken from
/// `circnn` and priced again from the baseline's events where they depend on activity; the
/// clock rows' register bits into `clock_bits`.
void price(const AcceleratorSpec& s, const arch::RunReport& run, const CostReport& circnn,
           const arch::MemoryMap& map, DenseBaseline& d, ClockBits& clock_bits) {
  const int node = s.technology.node_nm;
  CostReport& c = d.cost;
  const power::Cost pe = power::price(pe_ops(s), node);
  std::vector<size_t> logic_rows = {c.area_mm2.size()};  // in c.area_mm2, for their leakage
  c.area_mm2.push_back({"pe_array", d.pes * pe.area_um2 * 1e-6, pe.source});
  clock_bits.emplace_back("pe_array", d.pes * register_bits(pe_ops(s)));
  for (UnitId id : kKept) {
    const auto& u = arch::unit(id);
    if (!u.present(s)) continue;
    c.area_mm2.push_back(figure(circnn.area_mm2, u.name));
    if (u.pricing != arch::Pricing::logic) continue;
    logic_rows.push_back(c.area_mm2.size() - 1);
    // The CirCNN report's count of the same inventory when it has one.
    const double bits = circnn.register_bits[static_cast<size_t>(id)];
    clock_bits.emplace_back(u.name, bits >= 0 ? bits : register_bits(u.inventory(s)));
  }
  // Activity: the baseline's own weight and input traffic; outputs and pooling as CirCNN's.
  arch::Events e;
  int64_t macs = 0, loads = 0, sram_words = 0;
  for (size_t i = 0; i < d.layers.size(); ++i) {
    const DenseLayer& l = d.layers[i];
    macs += l.macs;
    loads += l.weights * l.passes;
    sram_words += l.sram_words;
    e.act_sample_reads += l.input_reads;
    e.offchip_bytes += l.offchip_bytes;
    e.act_output_writes += run.layers[i].events.act_output_writes;
    e.act_pool_reads += run.layers[i].events.act_pool_reads;
    e.lstm_cell_samples += run.layers[i].events.lstm_cell_samples;
  }
  const power::Cost mac = power::price(mac_ops(s), node);
  const power::Cost load = power::price({{Op::reg, 1, double(s.formats.weight.bits)}}, node);
  c.energy_uj.push_back(
      {"pe_array", (macs * mac.energy_pj + loads * load.energy_pj) * 1e-6, mac.source});
  for (UnitId id : {UnitId::peripheral, UnitId::lstm_cell}) {  // as CirCNN's, per event
    const auto& u = arch::unit(id);
    if (!u.present(s)) continue;
    const power::Cost per = power::price(u.energy->ops(s), node);
    c.energy_uj.push_back({u.name, u.energy->count(s, e) * per.energy_pj * 1e-6, per.source});
  }
  const auto wm_cost = memory_cost(s, map, arch::MemoryId::weight_sram);  // per-shape cache
  const MemoryCost& wm = *wm_cost;
  c.energy_uj.push_back({"weight_sram", wm.read_pj(double(sram_words)) * 1e-6, wm.energy_source});
  const double length = circnn.wire_length_mm;  // the same area
  c.wires_uj.push_back(wire_energy(s, "weight_sram", double(sram_words) * wm.word_bits, length));
  const auto& act = arch::unit(UnitId::activation_buffer);
  const auto am_cost = memory_cost(s, map, *act.memory);
  const MemoryCost& am = *am_cost;
  c.energy_uj.push_back(
      {act.name,
       (am.read_pj(act.accesses->reads(s, e)) + am.write_pj(act.accesses->writes(s, e))) * 1e-6,
       am.energy_source});
  c.wires_uj.push_back(
      wire_energy(s, act.name,
                  (act.accesses->reads(s, e) + act.accesses->writes(s, e)) * am.word_bits, length));
  const auto& off = arch::unit(UnitId::offchip);
  const arch::OpCount access = off.energy->ops(s).front();
  const power::Cost dram = power::LogicModel::builtin().op(access.op, access.bits, 45);
  c.energy_uj.push_back({off.name, off.energy->count(s, e) * dram.energy_pj * 1e-6, dram.source});
  c.wires_uj.push_back(wire_energy(s, off.name, 8.0 * e.offchip_bytes, length));
  // Logic leaks per mm2 as the CirCNN design's does (the weight-SRAM macro's density).
  const double density = wm.macro.leakage_total_mw.value / wm.macro.area_mm2.value;
  for (size_t i : logic_rows) {
    const Figure& a = c.area_mm2[i];
    c.leakage_mw.push_back({a.name, a.value * density, logic_leakage_source()});
  }
  c.leakage_mw.push_back(figure(circnn.leakage_mw, arch::to_string(UnitId::weight_sram)));
  c.leakage_mw.push_back(figure(circnn.leakage_mw, arch::to_string(UnitId::activation_buffer)));
  c.effective_ops = c.actual_ops = 2.0 * macs;
  c.wire_length_mm = length;
}

/// What dense_figures works out before the clock enters: everything but the off-chip cycles,
/// the bounds, the cycles, the clock rows and the totals.
struct ClockFreeDense {
  DenseBaseline d;
  ClockBits clock_bits;
};

ClockFreeDense clock_free_dense(const AcceleratorSpec& s, const Workload& w,
                                const arch::RunReport& run, const CostReport& circnn) {
  ClockFreeDense f;
  DenseBaseline& d = f.d;
  size_array(s, circnn, d);
  d.layers = dense_layers(s, w, d.pes);
  for (const DenseLayer& l : d.layers) d.weight_bits += double(l.weights) * s.formats.weight.bits;
  for (const Layer& l : w.layers)  // the plans' weight_bytes, without planning again
    d.circnn_weight_bits += 8.0 * arch::layer_weight_bytes(s, geometry(l, s.block_size));
  price(s, run, circnn, arch::memory_map(s), d, f.clock_bits);
  return f;
}

/// Every number dense_figures reads from the CirCNN design's run and cost report.
void read_inputs(const arch::RunReport& run, const CostReport& c, std::vector<double>& v) {
  v.clear();
  v.insert(v.end(), {c.total_area_mm2, c.wire_length_mm});
  for (const Figures* rows : {&c.area_mm2, &c.leakage_mw})
    for (const Figure& f : *rows) v.push_back(f.value);
  v.insert(v.end(), c.register_bits.begin(), c.register_bits.end());
  for (const arch::LayerReport& l : run.layers)
    v.insert(v.end(), {double(l.events.act_output_writes), double(l.events.act_pool_reads),
                       double(l.events.lstm_cell_samples)});
}

}  // namespace

DenseBaseline dense_figures(const AcceleratorSpec& s, const Workload& w, const arch::RunReport& run,
                            const CostReport& circnn) {
  CIRCA_CHECK(run.layers.size() == w.layers.size(), "run and workload differ in layers");
  // A sweep prices one design at many clocks in a row: the clock-free part once for them all
  // (the clock enters it only through the stream FIFO's depth, in the memory map).
  struct Key {
    AcceleratorSpec spec;
    int64_t stream_fifo_depth;
    Workload workload;
    std::vector<double> inputs;
  };
  thread_local RecentMemo<Key, ClockFreeDense> memo(8);
  thread_local std::vector<double> inputs;
  read_inputs(run, circnn, inputs);
  const int64_t depth = arch::weight_stream_fifo_depth(s);
  const ClockFreeDense* f = memo.find([&](const Key& k) {
    return k.stream_fifo_depth == depth && k.inputs == inputs && same_design_but_clock(k.spec, s) &&
           same_layers(k.workload, w);
  });
  if (!f) f = &memo.put({s, depth, w, inputs}, clock_free_dense(s, w, run, circnn));
  DenseBaseline d = f->d;
  set_bounds(arch::offchip_timing(s), d);
  for (const auto& [unit, bits] : f->clock_bits)
    d.cost.clock_uj.push_back(clock_energy(s, unit, bits, d.cycles));
  set_totals(d.cost, s.clock_mhz, d.cycles);
  return d;
}

DenseBaseline dense_baseline(const AcceleratorSpec& s, const Workload& w,
                             const arch::RunReport& run, const CostReport& circnn) {
  DenseBaseline d = dense_figures(s, w, run, circnn);
  d.cost.timing = circnn.timing;  // the same memories at the same clock
  d.cost.notes = {"dense baseline: a weight-stationary array of " + std::to_string(d.pes) +
                  " PEs in the CirCNN design's area (README \"The dense baseline\"); cycles are "
                  "the largest of the compute, weight-SRAM and off-chip bounds per layer (ideal "
                  "overlap)"};
  return d;
}

BaselineRatios ratios(const DenseBaseline& d, const CostReport& circnn) {
  BaselineRatios r;
  r.energy = d.cost.energy_per_inference_uj / circnn.energy_per_inference_uj;
  r.throughput = circnn.inferences_per_s / d.cost.inferences_per_s;
  r.weight_memory = d.weight_bits / d.circnn_weight_bits;
  r.area = d.cost.total_area_mm2 / circnn.total_area_mm2;
  return r;
}

}  // namespace circa::eval
