// Sweep throughput: points per second through the whole runner (load, evaluate, store) in
// threads (analytical) and in worker processes (cycle-accurate path), with 1 and 2 jobs, so the
// parallel speed-up and the per-process overhead are measured rather than assumed.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "sweep/evaluator.hpp"

namespace circa::sweep {

struct BenchOptions {
  std::string base;  ///< accelerator config every point starts from
  std::string workload;
  int thread_points = 400;  ///< points per in-process run
  int process_points = 40;  ///< points per worker-process run
  std::vector<int> jobs = {1, 2};
  nlohmann::json evaluator_options = nlohmann::json::object();  ///< sent to worker processes
};

struct BenchFigure {
  std::string mode;  ///< "threads" or "processes"
  int jobs = 0;
  int points = 0;
  double points_per_s = 0;
};

/// Runs the sweeps in fresh temporary folders and prints one line per run plus the speed-ups.
std::vector<BenchFigure> run_sweep_bench(const BenchOptions& o, const Evaluator& evaluate,
                                         const std::vector<std::string>& worker_command,
                                         std::ostream& out);

}  // namespace circa::sweep
