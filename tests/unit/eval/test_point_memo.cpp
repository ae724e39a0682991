// A sweep's hot path remembers what a design's figures need that its clock does not change
// (eval::estimate_point and cost_figures, per thread): every point evaluated after others of its
// design must equal the same point evaluated first, in a thread of its own whose memos are empty.
#define BOOST_TEST_MODULE point_memo
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>
#include <thread>

#include "../default_spec.hpp"
#include "analytical/estimate.hpp"
#include "arch/memory_map.hpp"
#include "eval/evaluate.hpp"
#include "eval/timing.hpp"
#include "spec/config_loader.hpp"

using namespace circa;
using namespace circa::eval;

namespace {

const Workload& lenet() {
  static const Workload w =
      load_workload(std::string(CIRCA_SOURCE_DIR) + "/workloads/lenet300.yaml");
  return w;
}

/// Ten designs (more than a memo holds, so the second round also evicts and recomputes): MAC
/// lanes, the weight SRAM (64 KiB at k = 8 streams LeNet's second layer) and the SRAMs' devices.
std::vector<AcceleratorSpec> designs() {
  std::vector<AcceleratorSpec> out;
  for (const char* kib : {"64", "1024"})
    for (const char* lanes : {"4", "16"})
      for (const char* device : {"itrs-hp", "itrs-lop"})
        out.push_back(test::default_spec({{"block_size", "8"},
                                          {"weight_sram.capacity_kib", kib},
                                          {"mac.lanes", lanes},
                                          {"technology.device", device}}));
  out.push_back(test::default_spec({{"block_size", "16"}}));
  // At k = 128 on 2 lanes the stream FIFO covers 8 issues (256 rows) at 100 MHz and 9 (512
  // rows) at 101 MHz: the off-chip latency's whole cycles round up differently.
  out.push_back(test::default_spec({{"block_size", "128"}, {"mac.lanes", "2"}}));
  return out;
}

PointMetrics fresh(const AcceleratorSpec& s) {
  PointMetrics m;
  std::thread([&] { m = evaluate(s, lenet(), Fidelity::analytical, 1); }).join();
  return m;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_point_after_others_of_its_design_equals_the_point_seen_first) {
  const std::vector<double> clocks = {100, 101, 180, 250, 400, 555, 700, 1000};
  int streamed = 0, depths_moved = 0;
  for (const AcceleratorSpec& d : designs()) {
    const arch::RunReport run = ana::estimate(apply_timing_policy(d).spec, lenet());
    streamed += std::any_of(run.layers.begin(), run.layers.end(),
                            [](const arch::LayerReport& l) { return !l.weights_on_chip; });
    std::set<int64_t> depths;
    for (double mhz : clocks) {
      AcceleratorSpec p = d;
      p.clock_mhz = mhz;
      depths.insert(arch::weight_stream_fifo_depth(p));
    }
    depths_moved += depths.size() > 1;
  }
  // The cases the memos must tell apart are in the grid: streamed runs (worked out at every
  // clock) and a stream FIFO whose depth, and so the cost, moves with the clock.
  BOOST_TEST(streamed >= 4);
  BOOST_TEST(depths_moved >= 1);
  int points = 0;
  for (int round = 0; round < 2; ++round)
    for (const AcceleratorSpec& d : designs())
      for (double mhz : clocks) {
        AcceleratorSpec p = d;
        p.clock_mhz = mhz;
        const PointMetrics seen_after = evaluate(p, lenet(), Fidelity::analytical, 1);
        if (round == 1 && mhz != 100 && mhz != 1000) continue;  // the first round checked them
        const PointMetrics first = fresh(p);
        BOOST_TEST_CONTEXT("design " << points / clocks.size() << " at " << mhz << " MHz") {
          BOOST_TEST((seen_after.values == first.values));
          BOOST_TEST((seen_after.breakdowns == first.breakdowns));
        }
        ++points;
      }
  BOOST_TEST(points == 10 * 8 + 10 * 2);
}
