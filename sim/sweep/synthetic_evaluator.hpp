// A deterministic stand-in for eval::evaluate, for the sweep's tests and benchmark: metrics are
// closed-form functions of the spec and workload (more MAC lanes cost area and buy throughput,
// larger blocks save weight storage, ...) so a sweep has a real Pareto front, and it can be made
// slow (sleep or busy work) or made to fail, hang or crash on chosen points.
#pragma once

#include "sweep/worker.hpp"

namespace circa::sweep {

struct SyntheticOptions {
  int sleep_ms = 0;          ///< wall time per point (simulates a slow model)
  long busy_iterations = 0;  ///< CPU work per point (for thread speed-up measurements)
  int fail_above_lanes = 0;  ///< > 0: points with more MAC lanes throw ConfigError
  /// Faults for the timeout and crash tests, only for worker processes: > 0, the point with
  /// exactly this many MAC lanes never returns (hang) or aborts its process (SIGABRT).
  int hang_at_lanes = 0;
  int crash_at_lanes = 0;
};

Evaluator synthetic_evaluator(const SyntheticOptions& o);

/// The options as a worker request carries them (RunOptions::evaluator_options), so a worker
/// process started by a test behaves like the test's in-process evaluator.
nlohmann::json to_json(const SyntheticOptions& o);
/// The inverse of to_json; absent keys keep their defaults.
SyntheticOptions synthetic_options_from_json(const nlohmann::json& j);
/// run_worker's factory for the synthetic evaluator.
EvaluatorFactory synthetic_evaluator_factory();

}  // namespace circa::sweep
