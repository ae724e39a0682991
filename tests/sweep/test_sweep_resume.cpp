// A sweep killed mid-way (SIGKILL: no chance to clean up) and resumed holds every point exactly
// once, with the same results as a sweep that was never interrupted; Ctrl-C (SIGINT) stops a
// sweep cleanly with what finished kept.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "child_process.hpp"
#include "sweep/command.hpp"
#include "sweep/runner.hpp"
#include "sweep/store.hpp"
#include "sweep/synthetic_evaluator.hpp"
#include "sweep_test_util.hpp"

using namespace circa;
using namespace circa::sweep;
using namespace circa::sweep::test;

namespace {

const std::string& kAxes = kAxes32;

size_t count_rows(const std::string& out) {
  if (!std::filesystem::exists(store_path(out))) return 0;
  return ResultStore(store_path(out)).all().size();
}

/// The rows as comparable text: everything except timestamps and durations.
std::map<std::string, std::string> canonical(const std::string& out) {
  std::map<std::string, std::string> m;
  for (const auto& r : ResultStore(store_path(out)).all())
    m[r.key + "/" + r.fidelity] = r.version + "|" + r.inputs.dump() + "|" + r.config + "|" +
                                  to_string(r.status) + "|" + r.error + "|" + r.metrics.dump();
  return m;
}

RunOptions in_process(const std::string& out) {
  RunOptions o;
  o.out_dir = out;
  o.jobs = 2;
  o.version = "test";
  o.worker_command = {"/proc/self/exe", "--sweep-worker"};
  return o;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(resume)

BOOST_AUTO_TEST_CASE(sigkill_mid_sweep_then_resume_equals_an_uninterrupted_run) {
  TempDir dir;
  const std::string file = dir.write("s.yaml", sweep_yaml(kAxes, "confirm_best: 2\n"));
  const std::string killed = dir.path("killed"), clean = dir.path("clean");
  // 100 ms per point: the child is still busy when killed (the store commits its rows at most
  // 200 ms apart, so the 8th row may show 200 ms after it finished).
  Child child(spawn_self({"--run-sweep", file, killed, "100"}));
  wait_until([&] { return !child.running() || count_rows(killed) >= 8; }, 30);
  if (!child.running()) BOOST_FAIL("the child sweep ended early with status " << child.wait());
  kill(child.pid(), SIGKILL);
  BOOST_TEST(child.wait() == 128 + SIGKILL);
  const size_t before = count_rows(killed);
  BOOST_TEST(before < 32u, "the kill came mid-sweep (" << before << " rows)");

  const SweepSpec s = load_sweep(file);
  const RunSummary resumed = run_sweep(s, synthetic_evaluator({}), in_process(killed));
  BOOST_TEST(resumed.skipped == before);
  BOOST_TEST(resumed.evaluated == 32u - before);
  BOOST_TEST(resumed.confirmed == 2u);
  run_sweep(s, synthetic_evaluator({}), in_process(clean));
  const auto a = canonical(killed), b = canonical(clean);
  BOOST_TEST(a.size() == 34u);  // 32 points + 2 confirmations, each exactly once
  BOOST_TEST((a == b), "resumed results differ from an uninterrupted run");
}

BOOST_AUTO_TEST_CASE(sigint_stops_cleanly_and_keeps_finished_points) {
  TempDir dir;
  const std::string file = dir.write("s.yaml", sweep_yaml(kAxes, "fidelity: cycle_accurate\n"));
  const std::string out = dir.path("out");
  Child child(spawn_self({"--run-sweep", file, out, "40"}));
  wait_until([&] { return !child.running() || count_rows(out) >= 4; }, 30);
  if (!child.running()) BOOST_FAIL("the child sweep ended early with status " << child.wait());
  const auto sent = std::chrono::steady_clock::now();
  kill(child.pid(), SIGINT);
  BOOST_TEST(child.wait() == kInterruptedStatus);
  const double took =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - sent).count();
  BOOST_TEST(took < 5.0, "stopping took " << took << " s");
  const size_t kept = count_rows(out);
  BOOST_TEST(kept >= 4u);
  BOOST_TEST(kept < 32u);
  for (const auto& r : ResultStore(store_path(out)).all())
    BOOST_TEST(
        (r.status == PointStatus::ok || r.error.find("exceeds block_size") != std::string::npos),
        "an interrupted worker must not be recorded as a failure: " << r.error);
  const RunSummary resumed = run_sweep(load_sweep(file), synthetic_evaluator({}), in_process(out));
  BOOST_TEST(resumed.skipped == kept);
  BOOST_TEST(count_rows(out) == 32u);
}

/// The pids of `pid`'s children (started by any of its threads).
std::vector<pid_t> children_of(pid_t pid) {
  std::vector<pid_t> kids;
  std::error_code ec;
  const auto task = std::filesystem::path("/proc") / std::to_string(pid) / "task";
  for (const auto& t : std::filesystem::directory_iterator(task, ec)) {
    std::ifstream in(t.path() / "children");
    for (pid_t k; in >> k;) kids.push_back(k);
  }
  return kids;
}

// A scheduler cancelling a job (scancel) signals every process of it: a worker that gets its
// SIGTERM just before the sweep does was stopped, not crashed, so its point must not be recorded
// as failed (a resumed sweep would skip it: a point lost).
BOOST_AUTO_TEST_CASE(sigterm_to_the_worker_then_the_sweep_records_no_failure) {
  TempDir dir;
  const std::string file =
      dir.write("s.yaml", sweep_yaml("  mac.lanes: [4, 8, 16, 32]\n  block_size: [16, 64]\n",
                                     "fidelity: cycle_accurate\n"));
  const std::string out = dir.path("out");
  Child child(spawn_self({"--run-sweep", file, out, "300"}));
  std::vector<pid_t> workers;
  wait_until([&] { return !(workers = children_of(child.pid())).empty() || !child.running(); }, 30);
  BOOST_TEST_REQUIRE(!workers.empty(), "no worker process started");
  for (pid_t w : workers) kill(w, SIGTERM);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  kill(child.pid(), SIGTERM);
  BOOST_TEST(child.wait() == kInterruptedStatus);
  for (const auto& r : ResultStore(store_path(out)).all())
    BOOST_TEST(r.status == PointStatus::ok, "a stopped worker was recorded as: " << r.error);
  const size_t kept = count_rows(out);
  const RunSummary resumed = run_sweep(load_sweep(file), synthetic_evaluator({}), in_process(out));
  BOOST_TEST(resumed.skipped == kept);
  BOOST_TEST(count_rows(out) == 8u);
}

BOOST_AUTO_TEST_SUITE_END()
