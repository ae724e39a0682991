// circa_sweep_bench: the sweep runner's throughput with the synthetic evaluator (not a test).
//   circa_sweep_bench [busy_iterations [sleep_ms]]
// The same binary serves as its own worker process (`circa_sweep_bench --worker`).
#include <cstdlib>
#include <iostream>
#include <string>

#include "sweep/bench.hpp"
#include "sweep/synthetic_evaluator.hpp"
#include "sweep/worker.hpp"

int main(int argc, char** argv) {
  using namespace circa::sweep;
  try {
    if (argc > 1 && std::string(argv[1]) == "--worker")
      return run_worker(synthetic_evaluator_factory());
    SyntheticOptions synth;
    synth.busy_iterations = argc > 1 ? std::atol(argv[1]) : 200000;  // about 0.2-0.5 ms of CPU
    synth.sleep_ms = argc > 2 ? std::atoi(argv[2]) : 0;
    BenchOptions o;
    o.evaluator_options = to_json(synth);  // the worker processes get them in each request
    o.base = std::string(CIRCA_SOURCE_DIR) + "/configs/default.yaml";
    o.workload = std::string(CIRCA_SOURCE_DIR) + "/workloads/lenet300.yaml";
    std::cout << "sweep runner, synthetic evaluator (busy " << synth.busy_iterations
              << " iterations, sleep " << synth.sleep_ms << " ms per point)\n";
    run_sweep_bench(o, synthetic_evaluator(synth), {"/proc/self/exe", "--worker"}, std::cout);
  } catch (const std::exception& e) {
    std::cerr << "circa_sweep_bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
