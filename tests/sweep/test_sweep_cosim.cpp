// Sweeps at fidelity cosim with the real evaluator (eval::evaluate), each point in a worker
// process as `circa sweep` runs it: two fc design points co-simulate (the generated top,
// Verilated, beside the SystemC top) to the cycles the cycle-accurate SystemC program model
// measures; the conv dataflow axis runs both dataflows in RTL; a conv point fails with the
// reason and the sweep goes on; the best points of an
// analytical sweep are confirmed by co-simulation. The Verilated tops are cached in
// sweep-cosim-cache/ of the test's working directory ($CIRCA_COSIM_CACHE, set here), so the
// first case builds them (30-60 s each) and the others reuse them.
//   --sweep-worker   a sweep worker process with eval::evaluate
#define BOOST_TEST_MODULE sweep_cosim
#define BOOST_TEST_NO_MAIN
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <map>

#include "sweep/export.hpp"
#include "sweep/runner.hpp"
#include "sweep/store.hpp"
#include "sweep/worker.hpp"
#include "sweep_test_util.hpp"

using namespace circa;
using namespace circa::sweep;
using circa::sweep::test::kSource;
using circa::sweep::test::TempDir;

namespace {

const std::vector<std::string> kSelfWorker = {"/proc/self/exe", "--sweep-worker"};
const std::string kSmall = kSource + "/configs/small.yaml";
const std::string kFcSmall = kSource + "/tests/cosim/data/fc_small.yaml";
// Two fc design points of configs/small.yaml whose generated tops both exist (4 lanes fill the
// two 64-bit weight-SRAM banks).
const std::string kAxes = "axes:\n  mac.lanes: [2, 4]\n";

std::string sweep_file(const TempDir& dir, const std::string& workload, const std::string& extra) {
  return dir.write("s.yaml", "kind: sweep\nname: t\nbase: " + kSmall + "\nworkload: " + workload +
                                 "\n" + kAxes + "objectives:\n  minimise: [cycles, area_mm2]\n" +
                                 extra);
}

RunOptions options(const TempDir& dir) {
  RunOptions o;
  o.out_dir = dir.path("out");
  o.jobs = 1;  // two cores shared: one Verilator build at a time
  o.version = "test";
  o.worker_command = kSelfWorker;
  return o;
}

/// Points must not run in the test's own process.
eval::PointMetrics not_here(const AcceleratorSpec&, const Workload&, eval::Fidelity, uint64_t) {
  throw std::logic_error("points must run in worker processes");
}

/// Every stored row of `fidelity`, by key.
std::map<std::string, StoredPoint> rows_at(const TempDir& dir, const std::string& fidelity) {
  std::map<std::string, StoredPoint> m;
  for (const auto& r : ResultStore(store_path(dir.path("out"))).all())
    if (r.fidelity == fidelity) m[r.key] = r;
  return m;
}

double cycles_of(const StoredPoint& p) {
  return p.metrics.at("values").at("cycles").get<double>();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sweep_cosim)

BOOST_AUTO_TEST_CASE(fc_points_cosimulate_to_the_cycle_accurate_cycles) {
  TempDir ca_dir, co_dir;
  run_sweep(load_sweep(sweep_file(ca_dir, kFcSmall, "fidelity: cycle_accurate\n")), not_here,
            options(ca_dir));
  const RunSummary sum = run_sweep(load_sweep(sweep_file(co_dir, kFcSmall, "fidelity: cosim\n")),
                                   not_here, options(co_dir));
  BOOST_TEST(sum.evaluated == 2u);
  BOOST_TEST(sum.failed == 0u);
  const auto ca = rows_at(ca_dir, "cycle_accurate");
  const auto co = rows_at(co_dir, "cosim");
  BOOST_REQUIRE(ca.size() == 2u);
  BOOST_REQUIRE(co.size() == 2u);
  for (const auto& [key, p] : co) {
    BOOST_TEST_REQUIRE((p.status == PointStatus::ok), p.error);
    BOOST_REQUIRE(ca.count(key) == 1u);
    BOOST_TEST_REQUIRE((ca.at(key).status == PointStatus::ok), ca.at(key).error);
    BOOST_TEST_MESSAGE("mac.lanes " << p.inputs.at("mac.lanes").get<std::string>() << ": cosim "
                                    << cycles_of(p) << " cycles in " << p.seconds
                                    << " s, cycle_accurate " << cycles_of(ca.at(key))
                                    << " cycles in " << ca.at(key).seconds << " s");
    BOOST_TEST(cycles_of(p) > 0);
    BOOST_TEST(cycles_of(p) == cycles_of(ca.at(key)), "the RTL's cycles equal the SystemC model's");
    // The cost figures come from the same cost model.
    BOOST_TEST(p.metrics.at("values").at("area_mm2").get<double>() ==
               ca.at(key).metrics.at("values").at("area_mm2").get<double>());
  }
}

// Pooling an odd output size does not run in the generated top yet: such a point fails with the
// reason, not a crash.
BOOST_AUTO_TEST_CASE(a_conv_point_the_top_cannot_run_is_recorded_as_failed_with_the_reason) {
  TempDir dir;
  const std::string conv =
      dir.write("conv.yaml",
                "kind: workload\nname: conv-small\ndataset: none\nlayers:\n"
                "  - {name: conv1, type: conv, in_channels: 16, out_channels: 16, in_height: 7, "
                "in_width: 7, kernel: 3, padding: 1, pool: avg2}\n");
  const RunSummary sum =
      run_sweep(load_sweep(sweep_file(dir, conv, "fidelity: cosim\n")), not_here, options(dir));
  BOOST_TEST(sum.evaluated == 2u);
  BOOST_TEST(sum.failed == 2u, "a failed point does not stop the sweep");
  const auto rows = rows_at(dir, "cosim");
  BOOST_REQUIRE(rows.size() == 2u);
  for (const auto& [key, p] : rows) {
    BOOST_TEST((p.status == PointStatus::failed));
    BOOST_TEST(p.error.find("fidelity cosim: layer 'conv1': avg2 pooling") !=
                   std::string::npos,
               p.error);
    BOOST_TEST(p.error.find("internal error") == std::string::npos, p.error);
  }
}

// The conv dataflow as a sweep axis at fidelity cosim: both points co-simulate the conv layer
// (tests/cosim/data/conv_small.yaml) to the cycle-accurate model's cycles, reuse in fewer.
BOOST_AUTO_TEST_CASE(the_conv_dataflow_axis_cosimulates_both_dataflows) {
  TempDir ca_dir, co_dir;
  const std::string conv = kSource + "/tests/cosim/data/conv_small.yaml";
  auto file = [&](const TempDir& dir, const std::string& fidelity) {
    return dir.write("s.yaml", "kind: sweep\nname: t\nbase: " + kSmall + "\nworkload: " + conv +
                                   "\naxes:\n  controller.conv_dataflow: [recompute, reuse]\n"
                                   "objectives:\n  minimise: [cycles, area_mm2]\nfidelity: " +
                                   fidelity + "\n");
  };
  run_sweep(load_sweep(file(ca_dir, "cycle_accurate")), not_here, options(ca_dir));
  const RunSummary sum = run_sweep(load_sweep(file(co_dir, "cosim")), not_here, options(co_dir));
  BOOST_TEST(sum.failed == 0u);
  const auto ca = rows_at(ca_dir, "cycle_accurate");
  std::map<std::string, double> cycles;  // dataflow -> cosim cycles
  for (const auto& [key, p] : rows_at(co_dir, "cosim")) {
    BOOST_TEST_REQUIRE((p.status == PointStatus::ok), p.error);
    BOOST_TEST(cycles_of(p) == cycles_of(ca.at(key)), "the RTL's cycles equal the SystemC model's");
    cycles[p.inputs.at("controller.conv_dataflow").get<std::string>()] = cycles_of(p);
  }
  BOOST_REQUIRE(cycles.size() == 2u);
  BOOST_TEST(cycles["recompute"] == 3012);  // test_cosim's hand counts
  BOOST_TEST(cycles["reuse"] == 1636);
}

BOOST_AUTO_TEST_CASE(best_points_of_an_analytical_sweep_are_confirmed_by_cosimulation) {
  TempDir dir;
  const SweepSpec s = load_sweep(sweep_file(
      dir, kFcSmall, "fidelity: analytical\nconfirm_best: 1\nconfirm_fidelity: cosim\n"));
  RunOptions o = options(dir);
  const RunSummary sum = run_sweep(
      s,
      [](const AcceleratorSpec& a, const Workload& w, eval::Fidelity f, uint64_t seed) {
        return eval::evaluate(a, w, f, seed);  // analytical points run in this process
      },
      o);
  BOOST_TEST(sum.evaluated == 2u);
  BOOST_TEST(sum.confirmed == 1u);
  const ResultSet r = load_results(o.out_dir, "test", &sum.keys);
  const auto f = front(r);
  BOOST_REQUIRE(!f.empty());
  BOOST_REQUIRE(f[0]->confirmation != nullptr);
  const StoredPoint& c = *f[0]->confirmation;
  BOOST_TEST(c.fidelity == "cosim");
  BOOST_TEST_REQUIRE((c.status == PointStatus::ok), c.error);
  BOOST_TEST_MESSAGE("confirmed: analytical " << f[0]->metric("cycles") << " cycles, cosim "
                                              << cycles_of(c) << " cycles in " << c.seconds
                                              << " s");
  BOOST_TEST(cycles_of(c) > 0);
}

BOOST_AUTO_TEST_SUITE_END()

int main(int argc, char** argv) {
  // The worker processes and their forked co-simulations inherit it.
  setenv("CIRCA_COSIM_CACHE", std::filesystem::absolute("sweep-cosim-cache").c_str(), 1);
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "--sweep-worker")
    return circa::sweep::run_worker(circa::sweep::without_options(circa::eval::evaluate));
  return boost::unit_test::unit_test_main(&init_unit_test, argc, argv);
}
