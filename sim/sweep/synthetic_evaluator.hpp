// A deterministic stand-in for eval::evaluate, for the sweep's tests and benchmark: metrics are
// closed-form functions of the spec and workload (more MAC lanes cost area and buy throughput,
// larger blocks save weight storage, ...) so a sweep has a real Pareto front, and it can be made
// slow (sleep or busy work) or made to fail on chosen points.
#pragma once

#include "sweep/evaluator.hpp"

namespace circa::sweep {

struct SyntheticOptions {
  int sleep_ms = 0;          ///< wall time per point (simulates a slow model)
  long busy_iterations = 0;  ///< CPU work per point (for thread speed-up measurements)
  int fail_above_lanes = 0;  ///< > 0: points with more MAC lanes throw ConfigError
};

Evaluator synthetic_evaluator(const SyntheticOptions& o);

/// Options from CIRCA_SYNTHETIC_SLEEP_MS, _BUSY and _FAIL_ABOVE_LANES, so a worker process
/// started by a test behaves like the test's in-process evaluator.
SyntheticOptions synthetic_options_from_env();
/// Sets those variables (for child processes) from `o`.
void export_synthetic_options(const SyntheticOptions& o);

}  // namespace circa::sweep
