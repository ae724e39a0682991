// `circa bench sim`: how fast the cycle-accurate and the analytical models run on one core, on
// configs/default.yaml with one 4096 x 4096 fc layer at the accelerator's k (64). A benchmark
// that prints figures, not a test.
#pragma once

#include <ostream>
#include <string>

#include "sysc/bench.hpp"

namespace circa::eval {

/// Simulates the workload once (in a child process) and evaluates the analytical model for at
/// least `analytical_seconds`; prints simulated cycles per second and evaluations per second.
void run_sim_bench(std::ostream& os, const std::string& config_file = sysc::default_config_path(),
                   double analytical_seconds = 1.0);

}  // namespace circa::eval
