// `circa bench sim`: how fast the cycle-accurate and the analytical models run on one core, on
// configs/default.yaml with one 4096 x 4096 fc layer at the accelerator's k (64). A benchmark
// that prints figures, not a test.
#pragma once

#include <ostream>
#include <string>

#include "spec/workload.hpp"

namespace circa::sysc {

/// The benchmark's workload: one fc layer, n inputs to n outputs, k = the accelerator's.
Workload fc_workload(int n);

/// The bundled default configuration's path (compiled in; CIRCA_ROOT overrides the root).
std::string default_config_path();

/// Simulates the workload once (in a child process) and evaluates the analytical model for at
/// least `analytical_seconds`; prints simulated cycles per second and evaluations per second.
void run_sim_bench(std::ostream& os, const std::string& config_file = default_config_path(),
                   double analytical_seconds = 1.0);

}  // namespace circa::sysc
