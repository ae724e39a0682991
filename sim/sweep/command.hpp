// The `circa sweep` commands as library functions taking the evaluator, so the CLI passes
// eval::evaluate and the tests and benchmark pass the synthetic one. Each returns the process
// exit status for main(); user mistakes are thrown as ConfigError.
#pragma once

#include <string>
#include <vector>

#include "sweep/accuracy.hpp"
#include "sweep/evaluator.hpp"

namespace circa::sweep {

struct SweepCommandOptions {
  std::string file;
  int jobs = 0;         ///< 0 = every core
  std::string out_dir;  ///< "" = runs/<sweep name>
  bool retry_failed = false;
  std::string version;                      ///< circa::kVersion
  std::vector<std::string> worker_command;  ///< e.g. {"/proc/self/exe", "sweep-worker"}
  nlohmann::json evaluator_options = nlohmann::json::object();  ///< RunOptions::evaluator_options
  double timeout_s = 0;                ///< > 0: overrides the sweep file's timeout_s (--timeout-s)
  AccuracySource* accuracy = nullptr;  ///< RunOptions::accuracy
  /// "I/N" (--shard): only shard I of N, into its own folder (default
  /// runs/<sweep name>/shards/shard-I-of-N), without reports; "" = the whole sweep.
  std::string shard;
};

/// Exit status when a sweep stopped on Ctrl-C (128 + SIGINT, as shells report it).
constexpr int kInterruptedStatus = 130;

/// Runs (or resumes) a sweep with Ctrl-C handling and progress on stderr, then writes the CSV,
/// JSON and HTML report into the output folder. 0 when every point was run (some may have
/// failed: they are results too), kInterruptedStatus after Ctrl-C.
int sweep_command(const SweepCommandOptions& o, const Evaluator& evaluate);

/// `circa sweep export DIR --csv F --json F [--html F]`: the folder's results for `version`.
int export_command(const std::string& dir, const std::string& csv, const std::string& json,
                   const std::string& html, const std::string& version);

}  // namespace circa::sweep
