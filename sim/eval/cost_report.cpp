#include "eval/cost_report.hpp"

#include <cmath>

#include <fmt/format.h>

#include "arch/microarch.hpp"
#include "eval/memory_costs.hpp"
#include "power/inventory.hpp"

namespace circa::eval {
namespace {

using power::Op;
using power::price;

// Clock-pin load of a register bit per cycle, as a fraction of a data toggle. No published
// figure in the logic table: an assumption, stated in the report's notes.
constexpr double kClockFractionOfToggle = 0.25;

double words(int64_t items, int item_bits, int word_bits) {
  return std::ceil(double(items) * item_bits / word_bits);
}

/// Logic area per unit and total register bits (for the clock term).
void add_logic_area(const AcceleratorSpec& s, CostReport& c, double& register_bits,
                    double& logic_area_mm2) {
  for (const auto& u : power::datapath_inventory(s)) {
    const power::Cost cost = price(u.ops, s.technology.node_nm);
    c.area_mm2.push_back({u.unit, cost.area_um2 * 1e-6, cost.source});
    logic_area_mm2 += cost.area_um2 * 1e-6;
    for (const auto& op : u.ops)
      if (op.op == Op::reg) register_bits += op.bits * op.count;
  }
}

void add_dynamic_energy(const AcceleratorSpec& s, const ana::RunReport& run, const MemoryCost& wm,
                        const MemoryCost& am, double register_bits, CostReport& c) {
  const DatapathFormats& f = s.formats;
  const int node = s.technology.node_nm;
  const ana::Events& e = run.events;
  const double fwd_share = e.fft_forward + e.fft_inverse > 0
                               ? double(e.fft_forward) / (e.fft_forward + e.fft_inverse)
                               : 0;
  const auto bfly = [&](const FixedFormat& d) {
    return price(power::butterfly_ops(d, f.twiddle), node);
  };
  const auto cmac = price(power::complex_mac_ops(f), node);
  const auto periph = price(power::peripheral_ops(f), node);
  const std::string logic_src = cmac.source;
  std::vector<Figure>& out = c.energy_uj;
  out.push_back({"fft", e.butterflies * fwd_share * bfly(f.fft).energy_pj * 1e-6, logic_src});
  out.push_back(
      {"ifft", e.butterflies * (1 - fwd_share) * bfly(f.ifft).energy_pj * 1e-6, logic_src});
  if (s.fft.style != FftStyle::unrolled) {  // a twiddle read: a mux tree over k/2 words
    const double depth = std::max(1, arch::log2_exact(s.block_size) - 1);
    const double pj =
        power::LogicModel::builtin().op(Op::mux2, 2.0 * f.twiddle.bits * depth, node).energy_pj;
    out.push_back({"twiddle_rom", e.butterflies * pj * 1e-6, logic_src});
  }
  out.push_back({"mac_array", e.complex_macs * cmac.energy_pj * 1e-6, logic_src});
  out.push_back({"peripheral", e.act_output_writes * periph.energy_pj * 1e-6, logic_src});
  out.push_back(
      {"weight_sram", wm.read_pj(double(e.sram_reads())) * 1e-6, wm.macro.read_energy_pj.source});
  const int bw = s.activation_buffer.word_bits;
  const double buf_reads =
      words(e.act_sample_reads, f.input.bits, bw) + words(e.act_spectrum_reads, 2 * f.fft.bits, bw);
  const double buf_writes = words(e.act_spectrum_writes, 2 * f.fft.bits, bw) +
                            words(e.act_output_writes, f.output.bits, bw);
  out.push_back({"activation_buffer", (am.read_pj(buf_reads) + am.write_pj(buf_writes)) * 1e-6,
                 am.macro.read_energy_pj.source});
  const auto dram =
      power::LogicModel::builtin().op(Op::dram_access, 64, 45);  // off-chip: no node scaling
  out.push_back({"offchip", std::ceil(e.offchip_bytes / 8.0) * dram.energy_pj * 1e-6, dram.source});
  const double reg_pj = power::LogicModel::builtin().op(Op::reg, 1, node).energy_pj;
  out.push_back({"clock", register_bits * run.cycles * reg_pj * kClockFractionOfToggle * 1e-6,
                 "register bits x cycles x 1/4 of a register toggle (assumption)"});
}

void add_throughput(const AcceleratorSpec& s, const ana::RunReport& run, CostReport& c) {
  c.latency_us = run.cycles / s.clock_mhz;
  c.inferences_per_s = c.latency_us > 0 ? 1e6 / c.latency_us : 0;
  c.energy_per_inference_uj = c.dynamic_energy_uj + c.leakage_power_mw * 1e-3 * c.latency_us;
  c.power_mw = c.energy_per_inference_uj * c.inferences_per_s * 1e-3;
  c.effective_ops = 2.0 * run.events.dense_macs;
  c.actual_ops = double(kOpsPerButterfly) * run.events.butterflies +
                 double(kOpsPerComplexMac) * run.events.complex_macs +
                 2.0 * run.events.act_output_writes;  // bias add and activation per output
  c.effective_gops = c.effective_ops * c.inferences_per_s * 1e-9;
  c.actual_gops = c.actual_ops * c.inferences_per_s * 1e-9;
  const double joules = c.energy_per_inference_uj * 1e-6;
  c.effective_tops_per_w = joules > 0 ? c.effective_ops / joules * 1e-12 : 0;
  c.actual_tops_per_w = joules > 0 ? c.actual_ops / joules * 1e-12 : 0;
  c.effective_gops_per_mm2 = c.effective_gops / c.total_area_mm2;
  c.actual_gops_per_mm2 = c.actual_gops / c.total_area_mm2;
}

}  // namespace

CostReport cost_report(const AcceleratorSpec& s, const Workload&, const ana::RunReport& run) {
  CostReport c;
  const auto sram = sram_estimator(s);
  const MemoryCost wm = weight_sram_cost(s, *sram), am = activation_buffer_cost(s, *sram);
  double register_bits = 0, logic_area = 0;
  add_logic_area(s, c, register_bits, logic_area);
  c.area_mm2.push_back({"weight_sram", wm.area_mm2(), wm.macro.area_mm2.source});
  c.area_mm2.push_back({"activation_buffer", am.area_mm2(), am.macro.area_mm2.source});
  for (const auto& a : c.area_mm2) c.total_area_mm2 += a.value;
  add_dynamic_energy(s, run, wm, am, register_bits, c);
  for (const auto& e : c.energy_uj) c.dynamic_energy_uj += e.value;
  // Logic leaks like the SRAM of the same node and device, per mm2 (CACTI-fitted model).
  const double density = wm.macro.leakage_total_mw.value / wm.macro.area_mm2.value;
  c.leakage_mw = {{"logic", logic_area * density,
                   "logic area x leakage per mm2 of the weight-SRAM macro (assumption)"},
                  {"weight_sram", wm.leakage_mw(), wm.macro.leakage_total_mw.source},
                  {"activation_buffer", am.leakage_mw(), am.macro.leakage_total_mw.source}};
  for (const auto& l : c.leakage_mw) c.leakage_power_mw += l.value;
  add_throughput(s, run, c);
  c.notes = {
      "effective ops = 2 x dense-equivalent MACs (the papers' basis); actual ops = real "
      "multiplies and adds executed (10 per butterfly, 8 per complex MAC, 2 per output)",
      "one inference at a time: throughput = clock / cycles; resident weights are loaded "
      "once and not charged per inference"};
  for (const auto& w : wm.macro.warnings) c.notes.push_back("weight_sram: " + w);
  return c;
}

}  // namespace circa::eval
