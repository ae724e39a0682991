// The runner: every point recorded once (failures included), done points skipped, Ctrl-C keeps
// what finished, worker processes give the same metrics as threads, the best front points are
// confirmed at the confirm_fidelity (the progress lines: tests/unit/common/test_progress.cpp).
#include <boost/test/unit_test.hpp>

#include <sstream>

#include "sweep/export.hpp"
#include "sweep/point.hpp"
#include "sweep/results.hpp"
#include "sweep/runner.hpp"
#include "sweep/store.hpp"
#include "sweep/synthetic_evaluator.hpp"
#include "sweep_test_util.hpp"

using namespace circa;
using namespace circa::sweep;
using circa::sweep::test::sweep_yaml;
using circa::sweep::test::TempDir;

namespace {

const std::vector<std::string> kSelfWorker = {"/proc/self/exe", "--sweep-worker"};

// 4 lanes x 2 block sizes; the zip's first entry (block 16, 32 samples/cycle) is invalid.
const std::string kAxes =
    "  mac.lanes: [4, 8, 16, 32]\n  zip: {block_size: [16, 64], fft.samples_per_cycle: [32, 4]}\n";

RunOptions options(const TempDir& dir, int jobs = 2) {
  RunOptions o;
  o.out_dir = dir.path("out");
  o.jobs = jobs;
  o.version = "test";
  return o;
}

/// Wraps an evaluator to count its calls.
struct Counting {
  Evaluator inner;
  std::atomic<int> calls{0};
  Evaluator fn() {
    return [this](const AcceleratorSpec& s, const Workload& w, eval::Fidelity f, uint64_t seed) {
      ++calls;
      return inner(s, w, f, seed);
    };
  }
};

std::vector<StoredPoint> rows(const TempDir& dir) {
  return ResultStore(store_path(dir.path("out"))).all();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(runner)

BOOST_AUTO_TEST_CASE(every_point_is_recorded_once_with_failures) {
  TempDir dir;
  const SweepSpec s = load_sweep(dir.write("s.yaml", sweep_yaml(kAxes)));
  const RunSummary sum = run_sweep(s, synthetic_evaluator({0, 0, 16}), options(dir));
  BOOST_TEST(sum.keys.size() == 8u);
  BOOST_TEST(sum.evaluated == 8u);
  BOOST_TEST(sum.failed == 5u);  // 4 invalid combinations + 32 lanes at block 64
  BOOST_TEST(!sum.interrupted);
  const auto stored = rows(dir);
  BOOST_REQUIRE(stored.size() == 8u);
  int invalid = 0, limit = 0;
  for (const auto& r : stored) {
    BOOST_TEST(r.version == "test");
    BOOST_TEST(r.fidelity == "analytical");
    BOOST_TEST(r.inputs.size() == 3u);
    if (r.status == PointStatus::ok) BOOST_TEST(r.metrics["values"]["area_mm2"].get<double>() > 0);
    invalid += r.error.find("exceeds block_size 16") != std::string::npos;
    limit += r.error.find("lanes exceed the synthetic limit") != std::string::npos;
  }
  BOOST_TEST(invalid == 4);
  BOOST_TEST(limit == 1);
}

BOOST_AUTO_TEST_CASE(rerun_skips_done_points_and_can_retry_failed_ones) {
  TempDir dir;
  const SweepSpec s = load_sweep(dir.write("s.yaml", sweep_yaml(kAxes)));
  Counting ev{synthetic_evaluator({0, 0, 16})};
  run_sweep(s, ev.fn(), options(dir));
  BOOST_TEST(ev.calls == 4);  // invalid combinations never reach the evaluator
  RunSummary again = run_sweep(s, ev.fn(), options(dir));
  BOOST_TEST(again.skipped == 8u);
  BOOST_TEST(again.evaluated == 0u);
  BOOST_TEST(ev.calls == 4);
  RunOptions retry = options(dir);
  retry.retry_failed = true;
  again = run_sweep(s, ev.fn(), retry);
  BOOST_TEST(again.evaluated == 5u);
  BOOST_TEST(ev.calls == 5);
  BOOST_TEST(rows(dir).size() == 8u);
}

BOOST_AUTO_TEST_CASE(stop_flag_keeps_finished_points_and_resume_completes) {
  TempDir dir;
  const SweepSpec s =
      load_sweep(dir.write("s.yaml", sweep_yaml("  mac.lanes: [1, 2, 4, 8, 16, 32, 64, 128]\n")));
  std::atomic<bool> stop{false};
  std::atomic<int> calls{0};
  const Evaluator inner = synthetic_evaluator({});
  const Evaluator stopping = [&](const AcceleratorSpec& a, const Workload& w, eval::Fidelity f,
                                 uint64_t seed) {
    if (++calls == 3) stop = true;  // as if Ctrl-C arrived during the third point
    return inner(a, w, f, seed);
  };
  RunOptions o = options(dir, 1);
  o.stop = &stop;
  const RunSummary first = run_sweep(s, stopping, o);
  BOOST_TEST(first.interrupted);
  BOOST_TEST(first.evaluated == 3u);
  BOOST_TEST(rows(dir).size() == 3u);
  stop = false;
  const RunSummary second = run_sweep(s, stopping, o);
  BOOST_TEST(!second.interrupted);
  BOOST_TEST(second.skipped == 3u);
  BOOST_TEST(second.evaluated == 5u);
  BOOST_TEST(rows(dir).size() == 8u);
}

BOOST_AUTO_TEST_CASE(one_job_and_two_jobs_store_the_same_results) {
  TempDir a, b;
  const SweepSpec s = load_sweep(a.write("s.yaml", sweep_yaml(kAxes)));
  run_sweep(s, synthetic_evaluator({}), options(a, 1));
  run_sweep(s, synthetic_evaluator({}), options(b, 2));
  const auto ra = rows(a), rb = rows(b);
  BOOST_REQUIRE(ra.size() == 8u);  // kAxes: 4 lanes x 2 zip entries
  BOOST_REQUIRE(rb.size() == 8u);
  for (size_t i = 0; i < ra.size(); ++i) {
    BOOST_TEST(ra[i].key == rb[i].key);
    BOOST_TEST(ra[i].metrics == rb[i].metrics);
    BOOST_TEST(ra[i].error == rb[i].error);
  }
}

BOOST_AUTO_TEST_CASE(worker_processes_give_the_in_process_metrics) {
  TempDir dir;
  const SweepSpec s =
      load_sweep(dir.write("s.yaml", sweep_yaml(kAxes, "fidelity: cycle_accurate\n")));
  RunOptions o = options(dir);
  o.worker_command = kSelfWorker;
  o.evaluator_options = to_json(SyntheticOptions{0, 0, 16});  // the workers' limit, by request
  const RunSummary sum = run_sweep(
      s,
      [](auto&&...) -> eval::PointMetrics {
        throw std::logic_error("cycle-accurate points must not run in the sweep's process");
      },
      o);
  BOOST_TEST(sum.evaluated == 8u);
  const Evaluator local = synthetic_evaluator({0, 0, 16});
  const SweepContext ctx = load_context(s);
  BOOST_REQUIRE(rows(dir).size() == 8u);
  int ok = 0;
  for (const auto& r : rows(dir)) {
    BOOST_TEST(r.fidelity == "cycle_accurate");
    if (r.status != PointStatus::ok) continue;
    ++ok;
    const AcceleratorSpec spec = load_accelerator(s.base,
                                                  [&] {
                                                    std::vector<Override> v;
                                                    for (const auto& [k, val] : r.inputs.items())
                                                      v.push_back({k, val.get<std::string>()});
                                                    return v;
                                                  }())
                                     .spec;
    BOOST_TEST(r.metrics ==
               metrics_to_json(local(spec, ctx.workload, eval::Fidelity::cycle_accurate, s.seed)));
  }
  BOOST_TEST(ok == 3);  // 4 lanes at block 64 minus the 32 lanes over the synthetic limit
  bool limit_seen = false;
  for (const auto& r : rows(dir))
    limit_seen |= r.error.find("synthetic limit of 16") != std::string::npos;
  BOOST_TEST(limit_seen, "a ConfigError inside the worker is recorded with its message");
}

BOOST_AUTO_TEST_CASE(broken_workers_are_recorded_as_failed_points) {
  TempDir dir;
  const SweepSpec s =
      load_sweep(dir.write("s.yaml", sweep_yaml("  mac.lanes: [4, 8]\n", "fidelity: cosim\n")));
  RunOptions o = options(dir);
  o.worker_command = {"/bin/false"};
  run_sweep(s, synthetic_evaluator({}), o);
  BOOST_REQUIRE(rows(dir).size() == 2u);
  for (const auto& r : rows(dir))
    BOOST_TEST(r.error.find("worker exited with status 1") != std::string::npos, r.error);
  o.worker_command = {"/nonexistent/circa", "sweep-worker"};
  o.retry_failed = true;
  run_sweep(s, synthetic_evaluator({}), o);
  BOOST_REQUIRE(rows(dir).size() == 2u);
  for (const auto& r : rows(dir))
    BOOST_TEST(r.error.find("cannot start worker '/nonexistent/circa'") != std::string::npos,
               r.error);
}

BOOST_AUTO_TEST_CASE(best_front_points_are_confirmed_cycle_accurately) {
  TempDir dir;
  const SweepSpec s = load_sweep(
      dir.write("s.yaml", sweep_yaml("  mac.lanes: [1, 2, 4, 8, 16, 32]\n  block_size: [16, 64]\n",
                                     "confirm_best: 2\n")));
  RunOptions o = options(dir);
  o.worker_command = kSelfWorker;
  const RunSummary sum = run_sweep(s, synthetic_evaluator({}), o);
  BOOST_TEST(sum.confirmed == 2u);
  const ResultSet r = build_results(report_spec_of(s), "test", rows(dir), &sum.keys);
  const auto f = front(r);
  BOOST_REQUIRE(f.size() >= 2u);
  BOOST_TEST(f[0]->confirmation != nullptr);
  BOOST_TEST(f[1]->confirmation != nullptr);
  if (f.size() > 2) BOOST_TEST(f[2]->confirmation == nullptr);
  BOOST_TEST(f[0]->confirmation->fidelity == "cycle_accurate");
  BOOST_TEST(f[0]->confirmation->metrics["values"]["cycles"].get<double>() >
             f[0]->metric("cycles"));
  // Confirmations are done points too: a rerun starts no worker.
  BOOST_TEST(run_sweep(s, synthetic_evaluator({}), o).confirmed == 0u);
}

BOOST_AUTO_TEST_CASE(best_points_of_a_cycle_accurate_sweep_are_confirmed_at_cosim) {
  TempDir dir;
  const SweepSpec s = load_sweep(dir.write(
      "s.yaml",
      sweep_yaml("  mac.lanes: [1, 2, 4, 8]\n",
                 "fidelity: cycle_accurate\nconfirm_best: 1\nconfirm_fidelity: cosim\n")));
  RunOptions o = options(dir);
  o.worker_command = kSelfWorker;
  const RunSummary sum = run_sweep(s, synthetic_evaluator({}), o);
  BOOST_TEST(sum.evaluated == 4u);
  BOOST_TEST(sum.confirmed == 1u);
  int cosim_rows = 0;
  for (const auto& r : rows(dir)) cosim_rows += r.fidelity == "cosim";
  BOOST_TEST(cosim_rows == 1);
  // The store remembers the confirmation fidelity: an export attaches the cosim rows.
  const ResultSet r = load_results(o.out_dir, "test", &sum.keys);
  const auto f = front(r);
  BOOST_REQUIRE(!f.empty());
  BOOST_REQUIRE(f[0]->confirmation != nullptr);
  BOOST_TEST(f[0]->confirmation->fidelity == "cosim");
}

BOOST_AUTO_TEST_SUITE_END()
