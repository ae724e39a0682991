// Sweeps under faults: a hung point is killed at timeout_s (file or --timeout-s) and recorded as
// failed with reason timeout, a worker that dies by a signal is recorded with the signal's name,
// and the sweep goes on; a second sweep on a folder in use is refused in one line while the first
// loses no row; a read-only output folder is a one-line error.
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>

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

const std::vector<std::string> kSelfWorker = {"/proc/self/exe", "--sweep-worker"};
const std::string kThreeLanes = "  mac.lanes: [4, 8, 16]\n";

RunOptions in_workers(const TempDir& dir, const SyntheticOptions& synth) {
  RunOptions o;
  o.out_dir = dir.path("out");
  o.jobs = 2;
  o.version = "test";
  o.worker_command = kSelfWorker;
  o.evaluator_options = to_json(synth);
  return o;
}

/// The stored rows by their mac.lanes value.
std::map<std::string, StoredPoint> by_lanes(const std::string& out) {
  std::map<std::string, StoredPoint> m;
  for (auto& r : ResultStore(store_path(out)).all())
    m[r.inputs.at("mac.lanes").get<std::string>()] = r;
  return m;
}

bool starts_with(const std::string& text, const std::string& head) {
  return text.compare(0, head.size(), head) == 0;
}

/// The three points: 4 and 16 lanes ok, 8 lanes failed with an error starting with `reason`.
void check_only_8_lanes_failed(const std::string& out, const std::string& reason) {
  const auto rows = by_lanes(out);
  BOOST_REQUIRE(rows.size() == 3u);
  BOOST_TEST(rows.at("4").status == PointStatus::ok);
  BOOST_TEST(rows.at("16").status == PointStatus::ok);
  BOOST_TEST(rows.at("8").status == PointStatus::failed);
  BOOST_TEST(starts_with(rows.at("8").error, reason), rows.at("8").error);
  BOOST_TEST(rows.at("8").error.find('\n') == std::string::npos);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(faults)

// Analytical points normally run in threads; a timeout moves them into killable workers.
BOOST_AUTO_TEST_CASE(a_hung_point_times_out_and_the_sweep_goes_on) {
  TempDir dir;
  const SweepSpec s = load_sweep(dir.write("s.yaml", sweep_yaml(kThreeLanes, "timeout_s: 5\n")));
  BOOST_TEST(s.timeout_s == 5.0);
  SyntheticOptions synth;
  synth.hang_at_lanes = 8;
  const RunSummary sum = run_sweep(s, synthetic_evaluator({}), in_workers(dir, synth));
  BOOST_TEST(sum.evaluated == 3u);
  BOOST_TEST(sum.failed == 1u);
  check_only_8_lanes_failed(dir.path("out"), "timeout: no result within timeout_s = 5 s");
}

BOOST_AUTO_TEST_CASE(the_timeout_flag_overrides_the_file) {
  TempDir dir;
  SweepCommandOptions o;
  o.file = dir.write("s.yaml", sweep_yaml(kThreeLanes, "timeout_s: 600\n"));
  o.out_dir = dir.path("out");
  o.jobs = 2;
  o.version = "test";
  o.worker_command = kSelfWorker;
  SyntheticOptions synth;
  synth.hang_at_lanes = 8;
  o.evaluator_options = to_json(synth);
  o.timeout_s = 4;
  BOOST_TEST(sweep_command(o, synthetic_evaluator({})) == 0);
  check_only_8_lanes_failed(o.out_dir, "timeout: no result within timeout_s = 4 s");
  o.timeout_s = -1;
  BOOST_CHECK_THROW(sweep_command(o, synthetic_evaluator({})), ConfigError);
}

BOOST_AUTO_TEST_CASE(a_crashed_worker_is_recorded_with_its_signal) {
  TempDir dir;
  const SweepSpec s =
      load_sweep(dir.write("s.yaml", sweep_yaml(kThreeLanes, "fidelity: cycle_accurate\n")));
  SyntheticOptions synth;
  synth.crash_at_lanes = 8;
  const RunSummary sum = run_sweep(s, synthetic_evaluator({}), in_workers(dir, synth));
  BOOST_TEST(sum.failed == 1u);
  check_only_8_lanes_failed(dir.path("out"), "crashed: the worker was killed by signal SIGABRT");
}

BOOST_AUTO_TEST_CASE(a_second_sweep_on_a_busy_folder_is_refused_and_no_row_is_lost) {
  TempDir dir;
  const std::string axes =
      "  mac.lanes: [4, 8, 16, 32]\n  block_size: [16, 64, 128]\n  weight_sram.capacity_kib: [64, "
      "256]\n";
  const std::string file = dir.write("s.yaml", sweep_yaml(axes, "fidelity: cycle_accurate\n"));
  const std::string out = dir.path("out"), clean = dir.path("clean");
  Child first(spawn_self({"--run-sweep", file, out, "100"}));
  auto rows = [&] {
    return std::filesystem::exists(store_path(out)) ? ResultStore(store_path(out)).all().size()
                                                    : 0u;
  };
  wait_until([&] { return !first.running() || rows() >= 2; }, 60);
  if (!first.running()) BOOST_FAIL("the first sweep ended early with status " << first.wait());
  RunOptions second;
  second.out_dir = out;
  second.version = "test";
  second.worker_command = kSelfWorker;
  try {
    run_sweep(load_sweep(file), synthetic_evaluator({}), second);
    BOOST_FAIL("the second sweep on the same folder was not refused");
  } catch (const ConfigError& e) {
    const std::string msg = e.what();
    BOOST_TEST(msg.find("output folder '" + out + "' is in use by another circa sweep (pid " +
                        std::to_string(first.pid()) + ")") != std::string::npos,
               msg);
    BOOST_TEST(msg.find('\n') == std::string::npos);
  }
  BOOST_TEST(first.wait() == 0);
  second.out_dir = clean;
  run_sweep(load_sweep(file), synthetic_evaluator({}), second);
  const auto a = ResultStore(store_path(out)).all(), b = ResultStore(store_path(clean)).all();
  BOOST_REQUIRE(a.size() == 24u);
  BOOST_REQUIRE(b.size() == 24u);
  for (size_t i = 0; i < a.size(); ++i) {
    BOOST_TEST(a[i].key == b[i].key);
    BOOST_TEST(a[i].status == b[i].status);
    BOOST_TEST(a[i].metrics == b[i].metrics);
    BOOST_TEST(a[i].error == b[i].error);
  }
  // The lock went with the first sweep: the folder is usable again (all points are done).
  BOOST_TEST(run_sweep(load_sweep(file), synthetic_evaluator({}), second).skipped == 24u);
}

// root ignores permission bits, so as root the sweep runs in a child that drops to nobody.
BOOST_AUTO_TEST_CASE(a_read_only_output_folder_is_a_one_line_error) {
  TempDir dir;
  const std::string file = dir.write("s.yaml", sweep_yaml(kThreeLanes));
  const std::string out = dir.path("ro");
  std::filesystem::create_directories(out);
  BOOST_REQUIRE(chmod(out.c_str(), 0555) == 0);
  RunOptions o = in_workers(dir, {});
  o.out_dir = out;
  auto attempt = [&]() -> std::string {
    try {
      run_sweep(load_sweep(file), synthetic_evaluator({}), o);
      return "no error";
    } catch (const ConfigError& e) {
      return e.what();
    }
  };
  std::string msg;
  if (geteuid() != 0) {
    msg = attempt();
  } else {
    int fds[2];
    BOOST_REQUIRE(pipe(fds) == 0);
    const pid_t pid = fork();
    if (pid == 0) {
      close(fds[0]);
      std::string m = setgid(65534) == 0 && setuid(65534) == 0 ? attempt() : "cannot drop root";
      const ssize_t n = write(fds[1], m.data(), m.size());
      _exit(n == static_cast<ssize_t>(m.size()) ? 0 : 1);
    }
    close(fds[1]);
    char buf[1024];
    for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) msg.append(buf, size_t(n));
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
  }
  chmod(out.c_str(), 0755);
  BOOST_TEST(msg.find("output folder '" + out +
                      "' is not writable (Permission denied); choose "
                      "another folder with --out") != std::string::npos,
             msg);
  BOOST_TEST(msg.find('\n') == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
