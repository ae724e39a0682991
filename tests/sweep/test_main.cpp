// Entry point of the sweep test binaries that start themselves as child processes:
//   --sweep-worker              a sweep worker process with the synthetic evaluator
//   --run-sweep FILE OUT_DIR SLEEP_MS
//                               a whole sweep (2 jobs, Ctrl-C handled), like `circa sweep`, with
//                               the synthetic evaluator taking SLEEP_MS per point
// Worker processes get the synthetic evaluator's options in their requests.
#define BOOST_TEST_MODULE sweep
#define BOOST_TEST_NO_MAIN
#include <boost/test/unit_test.hpp>

#include <iostream>

#include "sweep/command.hpp"
#include "sweep/interrupt.hpp"
#include "sweep/runner.hpp"
#include "sweep/synthetic_evaluator.hpp"
#include "sweep/worker.hpp"

namespace {

int run_child_sweep(const std::string& file, const std::string& out, int sleep_ms) {
  using namespace circa::sweep;
  try {
    RunOptions o;
    o.out_dir = out;
    o.jobs = 2;
    o.version = "test";
    o.worker_command = {"/proc/self/exe", "--sweep-worker"};
    SyntheticOptions synth;
    synth.sleep_ms = sleep_ms;
    o.evaluator_options = to_json(synth);
    InterruptGuard guard;
    o.stop = guard.flag();
    const RunSummary s = run_sweep(load_sweep(file), synthetic_evaluator(synth), o);
    return s.interrupted ? kInterruptedStatus : 0;
  } catch (const std::exception& e) {
    std::cerr << "child sweep: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "--sweep-worker")
    return circa::sweep::run_worker(circa::sweep::synthetic_evaluator_factory());
  if (mode == "--run-sweep" && argc == 5)
    return run_child_sweep(argv[2], argv[3], std::stoi(argv[4]));
  return boost::unit_test::unit_test_main(&init_unit_test, argc, argv);
}
