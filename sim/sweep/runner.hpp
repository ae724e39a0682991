// `circa sweep`: expands a sweep into points, skips those the results store already holds for
// this tool version and fidelity, evaluates the rest in parallel (threads for analytical points,
// worker processes for cycle-accurate and co-simulated ones), records each point as it finishes,
// then re-runs the best Pareto points cycle-accurately when the sweep asks for it.
#pragma once

#include <atomic>
#include <ostream>
#include <string>
#include <vector>

#include "sweep/evaluator.hpp"
#include "sweep/shard.hpp"
#include "sweep/sweep_spec.hpp"

namespace circa::sweep {

struct RunOptions {
  std::string out_dir;        ///< holds results.sqlite (and logs/ of worker processes)
  int jobs = 0;               ///< 0 = every hardware thread
  std::string version;        ///< tool version; part of every point's identity in the store
  bool retry_failed = false;  ///< evaluate points recorded as failed again
  /// Only this shard's points (index mod N); a shard does not confirm (it does not see the front).
  Shard shard;
  /// How to start a worker process (e.g. {"/proc/self/exe", "sweep-worker"}); empty = evaluate
  /// every fidelity in threads (only for evaluators that can run concurrently in one process).
  std::vector<std::string> worker_command;
  /// Options of the worker processes' evaluator, sent in every request (the synthetic
  /// evaluator's speed and failures in tests); empty for eval::evaluate.
  nlohmann::json evaluator_options = nlohmann::json::object();
  /// Measures the accuracy metrics when the sweep has an accuracy section (required then).
  AccuracySource* accuracy = nullptr;
  const std::atomic<bool>* stop = nullptr;  ///< set (e.g. by Ctrl-C) to stop cleanly
  std::ostream* progress = nullptr;         ///< null = silent
  bool tty = false;                         ///< progress as a redrawn bar
};

struct RunSummary {
  std::vector<std::string> keys;  ///< the sweep's (or shard's) distinct points, in sweep order
  size_t skipped = 0;             ///< already in the store
  size_t evaluated = 0;           ///< recorded by this run, ok or failed
  size_t failed = 0;              ///< of those
  size_t confirmed = 0;           ///< re-runs at confirm_fidelity recorded by this run
  bool interrupted = false;
  double seconds = 0;
};

RunSummary run_sweep(const SweepSpec& s, const Evaluator& evaluate, const RunOptions& o);

/// The results store's file inside a sweep folder.
std::string store_path(const std::string& out_dir);

}  // namespace circa::sweep
