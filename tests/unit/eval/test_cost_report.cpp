// The cost report adds up, carries a source on every figure, counts operations on the papers'
// basis, and moves the right way when the hardware changes.
#define BOOST_TEST_MODULE cost_report
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <iostream>

#include "analytical/estimate.hpp"
#include "eval/cost_report.hpp"
#include "eval/evaluate.hpp"
#include "eval/run_spec.hpp"
#include "spec/config_loader.hpp"

using namespace circa;
using namespace circa::eval;
namespace tt = boost::test_tools;

namespace {
const std::string kRoot = CIRCA_SOURCE_DIR;

Workload lenet() {
  return load_workload(kRoot + "/workloads/lenet300.yaml");
}

/// The cost of `given` as a run prices it (its timing policy applied).
CostReport report_for(const AcceleratorSpec& given, const Workload& w) {
  const AcceleratorSpec s = apply_timing_policy(given).spec;
  return cost_report(s, w, ana::estimate(s, w));
}

double area_of(const CostReport& c, const std::string& unit) {
  for (const auto& f : c.area_mm2)
    if (f.name == unit) return f.value;
  BOOST_FAIL("no area figure for " << unit);
  return 0;
}
}  // namespace

BOOST_AUTO_TEST_CASE(figures_add_up_and_carry_sources) {
  const AcceleratorSpec s = default_accelerator();
  const CostReport c = report_for(s, lenet());
  double area = 0, energy = 0;
  for (const auto& f : c.area_mm2) {
    BOOST_TEST(!f.source.empty(), f.name);
    BOOST_TEST(f.value > 0, f.name);
    area += f.value;
  }
  for (const auto* v : {&c.energy_uj, &c.clock_uj, &c.wires_uj})
    for (const auto& f : *v) {
      BOOST_TEST(!f.source.empty(), f.name);
      BOOST_TEST(f.value >= 0, f.name);
      energy += f.value;
    }
  BOOST_TEST(c.total_area_mm2 == area, tt::tolerance(1e-12));
  BOOST_TEST(c.dynamic_energy_uj == energy, tt::tolerance(1e-12));
  BOOST_TEST(
      c.energy_per_inference_uj == c.dynamic_energy_uj + c.leakage_power_mw * 1e-3 * c.latency_us,
      tt::tolerance(1e-12));
  BOOST_TEST(c.power_mw == c.energy_per_inference_uj * c.inferences_per_s * 1e-3,
             tt::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(effective_ops_are_twice_the_dense_macs) {
  const Workload w = lenet();
  const CostReport c = report_for(default_accelerator(), w);
  BOOST_TEST(c.effective_ops == 2.0 * (784 * 300 + 300 * 100 + 100 * 10), tt::tolerance(1e-12));
  // Block-circulant work at k = 64 is far below the dense count (circnn_papers.md §2.5).
  BOOST_TEST(c.actual_ops < c.effective_ops / 4);
  BOOST_TEST(c.effective_tops_per_w / c.actual_tops_per_w == c.effective_ops / c.actual_ops,
             tt::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(more_lanes_cost_area_and_save_cycles) {
  AcceleratorSpec s = default_accelerator();
  const CostReport base = report_for(s, lenet());
  s.mac.lanes = 32;
  const CostReport wide = report_for(s, lenet());
  BOOST_TEST(area_of(wide, "mac_array") > 3.5 * area_of(base, "mac_array"));
  BOOST_TEST(wide.latency_us < base.latency_us);
}

BOOST_AUTO_TEST_CASE(larger_node_costs_more_logic_area) {
  AcceleratorSpec s = default_accelerator();
  const double a45 = area_of(report_for(s, lenet()), "mac_array");
  s.technology.node_nm = 90;
  const double a90 = area_of(report_for(s, lenet()), "mac_array");
  BOOST_TEST(a90 / a45 == 2.8, tt::tolerance(1e-9));  // Stillmaker-Baas 45 -> 90 nm area factor
}

BOOST_AUTO_TEST_CASE(weights_that_do_not_fit_pay_offchip_energy) {
  AcceleratorSpec s = default_accelerator();
  s.weight_sram.capacity_kib = 16;
  const CostReport c = report_for(s, load_workload(kRoot + "/workloads/alexnet_fc.yaml"));
  double offchip = 0;
  for (const auto& f : c.energy_uj)
    if (f.name == "offchip") offchip = f.value;
  BOOST_TEST(offchip > 0);
  BOOST_TEST(offchip > 0.5 * c.dynamic_energy_uj);  // DRAM dominates, as the papers argue
}

namespace {

/// One 256 x 256 fc layer at k = 16 on a 1 KiB weight SRAM: its 8 KiB of spectra stream from
/// off-chip every inference.
struct TinyStreamedLayer {
  AcceleratorSpec spec = default_accelerator();
  Workload work;
  TinyStreamedLayer() {
    spec.block_size = 16;
    spec.weight_sram.capacity_kib = 1;
    spec.weight_sram.banks = 1;  // 1 KiB in one bank: the smallest the SRAM model covers
    Layer l;
    l.name = "fc";
    l.in_features = 256;
    l.out_features = 256;
    work.layers.push_back(l);
  }
};

double energy_of(const CostReport& c, const std::string& unit) {
  for (const auto& f : c.energy_uj)
    if (f.name == unit) return f.value;
  BOOST_FAIL("no energy figure for " << unit);
  return 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(mac_and_offchip_energy_lines_match_a_hand_count) {
  const TinyStreamedLayer t;
  const CostReport c = report_for(t.spec, t.work);
  // Complex MACs: p = q = 256 / 16 = 16 blocks each way, k/2 = 8 packed-real slots per block:
  // 16 x 16 x 8 = 2048. One complex MAC at 45 nm (logic_45nm.csv, power law between rows):
  //   4 multiplies of sqrt(18 x 16) = 16.97 bits: 0.2 pJ x (16.97 / 8)^(ln(3.1/0.2)/ln 4 = 1.977)
  //     = 0.8846 pJ each, 3.5385 pJ
  //   2 adds of 18 + 16 = 34 bits: 0.05 pJ x 34 / 16 = 0.10625 pJ each, 0.2125 pJ
  //   2 adds of 32 bits (accumulator): 0.1 pJ each, 0.2 pJ
  //   112 register bits (2 x 24 product + 2 x 32 accumulator) written: 112 x 0.0030 pJ (NanGate
  //     DFF_X1: 8.97 fJ a toggle at 1.1 V, half the bits toggling, x (0.9/1.1)^2) = 0.336 pJ
  //   = 4.2870 pJ; x 2048 = 8779.8 pJ = 0.0087798 uJ.
  BOOST_TEST(energy_of(c, "mac_array") == 0.0087798, tt::tolerance(0.002));
  // Off-chip: 256 issues (one block, 8 slots x 2 x 16 bits = 32 bytes each), each moving a
  // whole 64-byte burst: 16384 bytes = 2048 64-bit DRAM accesses x 1300 pJ (Horowitz's lower
  // bound) = 2.6624 uJ.
  BOOST_TEST(energy_of(c, "offchip") == 2.6624, tt::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(effective_tops_per_w_matches_a_hand_bound) {
  const TinyStreamedLayer t;
  const CostReport c = report_for(t.spec, t.work);
  // 2 x 256 x 256 = 131072 dense-equivalent ops per inference. Off-chip alone costs 2.6624 uJ
  // (above), so TOPS/W <= 131072 / 2.6624e-6 J / 1e12 = 0.04923. Everything else here (9 nJ of
  // MACs, a few nJ of FFTs, buffer and SRAM reads, clock and leakage over a few thousand cycles
  // at 800 MHz) adds well under 25%, so TOPS/W >= 0.04923 / 1.25 = 0.0394.
  BOOST_TEST(c.effective_ops == 131072.0);
  BOOST_TEST_MESSAGE("effective TOPS/W " << c.effective_tops_per_w << ", energy "
                                         << c.energy_per_inference_uj << " uJ");
  BOOST_TEST(c.effective_tops_per_w <= 0.04923);
  BOOST_TEST(c.effective_tops_per_w >= 0.0394);
}

BOOST_AUTO_TEST_CASE(evaluate_reports_the_sweep_metrics) {
  const PointMetrics m = evaluate(default_accelerator(), lenet(), Fidelity::analytical, 1);
  for (const char* key : {"cycles", "area_mm2", "energy_per_inference_uj", "effective_tops_per_w",
                          "sqnr_db", "throughput_inferences_per_s", "weights_on_chip"})
    BOOST_TEST(m.values.count(key) == 1u, key);
  BOOST_TEST(m.values.at("sqnr_db") > 40.0);
  BOOST_TEST(m.breakdowns.at("area_um2").count("mac_array") == 1u);
}

BOOST_AUTO_TEST_CASE(a_workload_that_does_not_fit_is_a_config_error) {
  AcceleratorSpec s = default_accelerator();
  s.block_size = 4;
  s.fft.samples_per_cycle = 4;
  BOOST_CHECK_THROW(
      evaluate(s, load_workload(kRoot + "/workloads/clstm_google.yaml"), Fidelity::analytical, 1),
      ConfigError);
}

namespace {

/// One butterfly at 45 nm on `d`-bit data and 16-bit twiddles (14 fraction bits), from the table
/// rows by hand: 4 multipliers of sqrt(16 d) bits (power law through Horowitz's 8- and 32-bit
/// rows), 6 adders of d + 15 bits (through the 16- and 32-bit rows, extrapolated past 32), 4 d
/// register bits written at 0.0030 pJ.
double butterfly_pj(int d) {
  const double mb = std::sqrt(16.0 * d), ab = d + 15.0;
  const double mult = 0.2 * std::pow(mb / 8, std::log(3.1 / 0.2) / std::log(4.0));
  const double add = 0.05 * std::pow(ab / 16, std::log(0.1 / 0.05) / std::log(2.0));
  return 4 * mult + 6 * add + 4.0 * d * 0.0030;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_shared_fft_prices_its_forward_butterflies_at_its_built_width) {
  // default.yaml: formats.fft 18 bits, formats.ifft 24 bits. A shared unit is built 24 bits wide
  // (gen/ core_width), so its forward butterflies toggle 24 bits; a separate FFT unit is 18 wide.
  AcceleratorSpec s = apply_timing_policy(default_accelerator()).spec;
  const arch::RunReport run = ana::estimate(s, lenet());
  const double forward = double(run.events.butterflies) * run.events.fft_forward /
                         (run.events.fft_forward + run.events.fft_inverse);
  BOOST_TEST(s.fft.shared_ifft);
  BOOST_TEST(energy_of(cost_report(s, lenet(), run), "fft") == forward * butterfly_pj(24) * 1e-6,
             tt::tolerance(1e-9));
  s.fft.shared_ifft = false;
  const arch::RunReport run2 = ana::estimate(s, lenet());
  BOOST_TEST(energy_of(cost_report(s, lenet(), run2), "fft") == forward * butterfly_pj(18) * 1e-6,
             tt::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(clock_and_wires_per_unit_match_a_hand_count) {
  const AcceleratorSpec s = apply_timing_policy(default_accelerator()).spec;
  const arch::RunReport run = ana::estimate(s, lenet());
  const CostReport c = cost_report(s, lenet(), run);
  // Wires: half the side of a square of the total area; the weight SRAM's words of 128 bits at
  // 0.121 pJ per bit per mm (Keckler et al. 2011, 45 nm at 0.9 V).
  BOOST_TEST(c.wire_length_mm == std::sqrt(c.total_area_mm2) / 2, tt::tolerance(1e-12));
  double sram_wires = -1, mac_clock = -1;
  for (const Figure& f : c.wires_uj)
    if (f.name == "weight_sram") sram_wires = f.value;
  BOOST_TEST(sram_wires == double(run.events.sram_reads()) * 128 * c.wire_length_mm * 0.121 * 1e-6,
             tt::tolerance(1e-9));
  // Clock: the MAC array's 8 lanes x (2 x 24 product + 2 x 32 accumulator) = 896 register bits,
  // clocked every cycle at 0.0054 pJ a flop (NanGate DFF_X1 CK pin, scaled to 0.9 V).
  for (const Figure& f : c.clock_uj)
    if (f.name == "mac_array") mac_clock = f.value;
  BOOST_TEST(mac_clock == 896.0 * run.cycles * 0.0054 * 1e-6, tt::tolerance(1e-9));
  // The per-unit breakdown adds up to the energy per inference.
  const nlohmann::json b = breakdown_json(c);
  double total = 0;
  for (const auto& [unit, row] : b.items()) {
    BOOST_TEST(row.at("total").get<double>() ==
                   row.at("dynamic").get<double>() + row.at("clock").get<double>() +
                       row.at("wires").get<double>() + row.at("leakage").get<double>(),
               tt::tolerance(1e-12));
    total += row.at("total").get<double>();
  }
  BOOST_TEST(total == c.energy_per_inference_uj, tt::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(the_lstm_cell_line_matches_a_hand_count) {
  const AcceleratorSpec s = eval::load_run_spec(kRoot + "/configs/clstm_fpga.yaml", {}, std::cerr);
  const Workload w = load_workload(kRoot + "/workloads/clstm_google.yaml");
  const arch::RunReport e = ana::estimate(s, w);
  // 4 time steps x 512 hidden units, 8 a row (S = min(samples_per_cycle, k) = 8): 2048 updates.
  BOOST_TEST(e.events.lstm_cell_samples == 2048);
  // One update at 45 nm, formats.output 16 bits, formats.input 16 bits (logic_45nm.csv):
  //   3 multiplies of 16 bits: 0.2 pJ x 2^(ln(3.1/0.2)/ln 4 = 1.9771) = 0.78745 pJ each, 2.3624 pJ
  //   1 add of 17 bits: 0.05 pJ x 17/16 = 0.05313 pJ
  //   160 mux bits (10 x 16: three sigmoids, two tanh, five fits): 160 x 0.0019 = 0.304 pJ
  //   96 register bits (f*c, i*g, sig(o) of the first stage; c, h, h_next): 96 x 0.0030 =
  //   0.288 pJ
  //   = 3.0075 pJ; x 2048 = 6159.4 pJ = 0.0061594 uJ.
  const CostReport c = cost_report(s, w, e);
  BOOST_TEST(energy_of(c, "lstm_cell") == 0.0061594, tt::tolerance(0.002));
  // Its area, 8 lanes (one a hidden unit of the row), areas by the same power laws:
  //   3 multipliers of 16 bits: 282 um2 x 2^(ln(3495/282)/ln 4 = 1.8158) = 992.77 um2 each
  //   1 adder of 17 bits: 67 um2 x (17/16)^(ln(137/67)/ln 2 = 1.0319) = 71.33 um2
  //   160 mux bits x 1.862 = 297.92 um2; 96 register bits x 4.522 = 434.11 um2
  //   = 3781.67 um2 a lane; x 8 = 30253 um2 = 0.030253 mm2.
  BOOST_TEST(area_of(c, "lstm_cell") == 0.030253, tt::tolerance(0.002));
  // A format without an integer bit in formats.output builds no cell unit, so prices none.
  AcceleratorSpec no_cell = default_accelerator();
  no_cell.formats.output.frac = no_cell.formats.output.bits;
  const CostReport n = report_for(no_cell, lenet());
  for (const auto& f : n.area_mm2) BOOST_TEST(f.name != "lstm_cell");
}
