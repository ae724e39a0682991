// The dense baseline (README "The dense baseline") against figures worked by hand from the logic
// table (sim/power/tables/logic_45nm.csv) and the off-chip parameters, on configs/small.yaml:
// 45 nm, 500 MHz, 16-bit inputs and weights, 32-bit accumulators, a 64 KiB weight SRAM of two
// banks of 64-bit words, 64 B bursts at 12.8 GB/s after 100 ns. SRAM access energies and the
// CirCNN design's areas are inputs here (their own tests check them).
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <iostream>

#include "analytical/estimate.hpp"
#include "eval/dense_baseline.hpp"
#include "eval/evaluate.hpp"
#include "eval/memory_costs.hpp"
#include "eval/run_spec.hpp"
#include "spec/config_loader.hpp"

using namespace circa;
using namespace circa::eval;
namespace tt = boost::test_tools;

namespace {
const std::string kRoot = CIRCA_SOURCE_DIR;

AcceleratorSpec small() {
  return eval::load_run_spec(kRoot + "/configs/small.yaml", {}, std::cerr);
}

Workload one_layer(const Layer& l) {
  Workload w;
  w.name = l.name;
  w.layers = {l};
  return w;
}

Layer fc(int in, int out) {
  Layer l;
  l.name = "fc";
  l.in_features = in;
  l.out_features = out;
  return l;
}

double value(const Figures& v, const std::string& name) {
  for (const Figure& f : v)
    if (f.name == name) return f.value;
  BOOST_FAIL("no figure " << name);
  return 0;
}

// One PE at 45 nm: a 16 x 16 multiplier (power law between Horowitz's 8- and 32-bit rows),
// a 32-bit adder, 16 + 16 + 32 register bits of NanGate DFF_X1.
const double kPeAreaUm2 = 282 * std::sqrt(3495.0 / 282) + 137 + 64 * 4.522;
// One MAC: the multiply, the 32-bit add, 16 input + 32 partial-sum register bits written at
// 0.0030 pJ (the register row); a weight load: 16 register bits.
const double kMacPj = 0.2 * std::sqrt(3.1 / 0.2) + 0.1 + 48 * 0.0030;
const double kLoadPj = 16 * 0.0030;

struct Run {
  AcceleratorSpec s;
  arch::RunReport run;
  CostReport circnn;
  DenseBaseline dense;
};

Run run(const AcceleratorSpec& s, const Workload& w) {
  Run r{s, ana::estimate(s, w), {}, {}};
  r.circnn = cost_report(s, w, r.run);
  r.dense = dense_baseline(s, w, r.run, r.circnn);
  return r;
}

/// PEs: the CirCNN area less the weight SRAM, activation buffer, peripheral, controller and
/// weight-stream FIFO, in whole PEs.
int64_t expected_pes(const CostReport& c) {
  double budget = c.total_area_mm2;
  for (const char* kept : {"peripheral", "lstm_cell", "controller", "weight_stream_fifo",
                           "weight_sram", "activation_buffer"})
    budget -= value(c.area_mm2, kept);
  return static_cast<int64_t>(std::floor(budget * 1e6 / kPeAreaUm2));
}
}  // namespace

BOOST_AUTO_TEST_SUITE(dense_baseline_by_hand)

BOOST_AUTO_TEST_CASE(resident_fc_32_to_16) {
  const Run r = run(small(), one_layer(fc(32, 16)));
  const DenseBaseline& d = r.dense;
  BOOST_TEST(d.pe_area_um2 == kPeAreaUm2, tt::tolerance(1e-9));
  BOOST_TEST(d.pes == expected_pes(r.circnn));
  BOOST_TEST_REQUIRE(d.pes >= 16);  // the premise of the cycle count below
  BOOST_REQUIRE(d.layers.size() == 1);
  const DenseLayer& l = d.layers[0];
  BOOST_TEST(l.weights == 512);
  BOOST_TEST(l.macs == 512);
  BOOST_TEST(l.weights_on_chip);
  BOOST_TEST(l.passes == 1);
  BOOST_TEST(l.sram_words == 512 * 16 / 64);  // 128 words of 64 bits
  BOOST_TEST(l.sram_cycles == 64);            // two banks
  BOOST_TEST(l.compute_cycles == (512 + d.pes - 1) / d.pes);
  BOOST_TEST(l.cycles == 64);
  BOOST_TEST(l.bound == "weight_sram");
  BOOST_TEST(l.input_reads == 32);  // 16 output rows <= PEs: each input read once
  BOOST_TEST(d.cycles == 64);
  BOOST_TEST(value(d.cost.energy_uj, "pe_array") == (512 * kMacPj + 512 * kLoadPj) * 1e-6,
             tt::tolerance(1e-9));
  const auto sram = sram_estimator(r.s);
  const MemoryCost wm = memory_cost(r.s, *sram, arch::MemoryId::weight_sram);
  const MemoryCost am = memory_cost(r.s, *sram, arch::MemoryId::activation_buffer);
  BOOST_TEST(value(d.cost.energy_uj, "weight_sram") == 128 * wm.macro.read_energy_pj.value * 1e-6,
             tt::tolerance(1e-9));
  // 32 inputs of 16 bits in 8 words of 64 bits; 16 outputs in 4 words.
  BOOST_TEST(value(d.cost.energy_uj, "activation_buffer") ==
                 (8 * am.macro.read_energy_pj.value + 4 * am.macro.write_energy_pj.value) * 1e-6,
             tt::tolerance(1e-9));
  BOOST_TEST(value(d.cost.energy_uj, "offchip") == 0);
  BOOST_TEST(d.cost.latency_us == 64 / 500.0, tt::tolerance(1e-12));
  BOOST_TEST(d.cost.effective_ops == 1024);
  // Ratios: dense 512 x 16 bits against CirCNN's p = 1, q = 2 blocks of 16 reals of 16 bits.
  const BaselineRatios q = ratios(d, r.circnn);
  BOOST_TEST(d.weight_bits == 8192);
  BOOST_TEST(d.circnn_weight_bits == 512);
  BOOST_TEST(q.weight_memory == 16.0, tt::tolerance(1e-12));
  BOOST_TEST(q.throughput == 64.0 / r.run.cycles, tt::tolerance(1e-12));
  const double kept = r.circnn.total_area_mm2 - (d.pe_budget_mm2);
  BOOST_TEST(q.area == (d.pes * kPeAreaUm2 * 1e-6 + kept) / r.circnn.total_area_mm2,
             tt::tolerance(1e-9));
  BOOST_TEST(q.area <= 1.0);
  BOOST_TEST(q.energy == d.cost.energy_per_inference_uj / r.circnn.energy_per_inference_uj,
             tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(streamed_fc_1024_to_1024) {
  // 1 Mi weights of 16 bits = 2 MiB, more than the 64 KiB weight SRAM: streamed.
  const Run r = run(small(), one_layer(fc(1024, 1024)));
  const DenseLayer& l = r.dense.layers.at(0);
  BOOST_TEST(!l.weights_on_chip);
  BOOST_TEST(l.sram_words == 0);
  BOOST_TEST(l.offchip_bytes == 2097152);  // a whole number of 64 B bursts
  // L = ceil(100 ns x 500 MHz) = 50 cycles; R = 12.8 GB/s / 500 MHz = 25.6 B a cycle.
  BOOST_TEST(l.offchip_cycles == 50 + 81920);
  BOOST_TEST_REQUIRE(r.dense.pes >= 13);  // compute (1 Mi / PEs) below the bus
  BOOST_TEST(l.cycles == 81970);
  BOOST_TEST(l.bound == "offchip");
  // 262,144 accesses of 64 bits at 1.3 nJ (Horowitz, not scaled with the node).
  BOOST_TEST(value(r.dense.cost.energy_uj, "offchip") == 262144 * 1300e-6, tt::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(lstm_refetches_weights_every_step) {
  Layer l;
  l.name = "lstm";
  l.kind = LayerKind::lstm;
  l.input_size = 16;
  l.hidden_size = 16;
  l.time_steps = 4;
  const Run r = run(small(), one_layer(l));
  const DenseLayer& d = r.dense.layers.at(0);
  BOOST_TEST(d.weights == 64 * 32);  // four gates of 16 rows over [x; h] = 32 columns
  BOOST_TEST(d.macs == 64 * 32 * 4);
  BOOST_TEST_REQUIRE(r.dense.pes < 2048);  // the weights do not all stay in the array
  BOOST_TEST(d.passes == 4);
  BOOST_TEST(d.sram_words == 4 * 2048 * 16 / 64);
  BOOST_TEST(d.sram_cycles == 1024);
}

BOOST_AUTO_TEST_CASE(every_bundled_workload_on_the_default_config) {
  const AcceleratorSpec s = eval::load_run_spec(kRoot + "/configs/default.yaml", {}, std::cerr);
  for (const char* name : {"alexnet_fc", "cifar_cnn", "clstm_google", "fashion_cnn", "lenet300"}) {
    const Workload w = load_workload(kRoot + "/workloads/" + name + ".yaml");
    const Run r = run(s, w);
    const BaselineRatios q = ratios(r.dense, r.circnn);
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST(r.dense.pes > 0);
      BOOST_TEST(q.energy > 0);
      BOOST_TEST(q.throughput > 0);
      BOOST_TEST(q.weight_memory > 1);
      BOOST_TEST(q.area <= 1.0);
      BOOST_TEST(q.area > 0.99);  // the last partial PE at most
      for (const Figure& f : r.dense.cost.energy_uj) BOOST_TEST(!f.source.empty(), f.name);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(sweeps_record_the_dense_ratios) {
  // LeNet-300-100 on default.yaml (k = 64): dense 784 x 300 + 300 x 100 + 100 x 10 = 266,200
  // weights against CirCNN's p x q x k = (5 x 13 + 2 x 5 + 1 x 2) x 64 = 4,928 stored reals,
  // both 16 bits: 54.02 x.
  const AcceleratorSpec s = eval::load_run_spec(kRoot + "/configs/default.yaml", {}, std::cerr);
  const Workload w = load_workload(kRoot + "/workloads/lenet300.yaml");
  const PointMetrics m = evaluate(s, w, Fidelity::analytical, 1);
  BOOST_TEST(m.values.at("dense_weight_memory_ratio") == 266200.0 / 4928, tt::tolerance(1e-12));
  const Run r = run(s, w);
  BOOST_TEST(m.values.at("dense_energy_ratio") == ratios(r.dense, r.circnn).energy,
             tt::tolerance(1e-12));
  BOOST_TEST(m.values.at("dense_throughput_ratio") == ratios(r.dense, r.circnn).throughput,
             tt::tolerance(1e-12));
}
