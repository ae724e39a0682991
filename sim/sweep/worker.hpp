// Worker processes for cycle-accurate and co-simulated points: the SystemC kernel elaborates once
// per process, so each such point runs in a fresh process (`circa sweep-worker`) that reads the
// point's canonical texts as JSON on stdin and writes its metrics as JSON on stdout.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "sweep/evaluator.hpp"

namespace circa::sweep {

/// What a worker needs: the canonical accelerator and workload YAML (dump_yaml), fidelity, seed,
/// and the options of its evaluator (everything travels in the request: no environment).
struct WorkRequest {
  std::string accelerator_yaml;
  std::string workload_yaml;
  eval::Fidelity fidelity = eval::Fidelity::cycle_accurate;
  uint64_t seed = 1;
  nlohmann::json evaluator_options = nlohmann::json::object();
};

/// Makes a worker's evaluator from the request's evaluator options.
using EvaluatorFactory = std::function<Evaluator(const nlohmann::json& options)>;

/// A factory for an evaluator that takes no options (eval::evaluate); a request that carries
/// some is refused.
EvaluatorFactory without_options(Evaluator e);

/// Starts `argv` (argv[0] a path, e.g. /proc/self/exe), sends `req`, and returns the metrics.
/// The child's stderr goes to `log_file` ("" = discarded). Throws std::runtime_error with the
/// worker's one-line message when the point is invalid or the evaluator fails, starting with
/// "crashed:" (and the signal's name) when the worker dies by a signal and with "timeout:" when
/// it has not answered within `timeout_s` (> 0; the worker and its process group are killed).
/// Throws Interrupted (after killing the worker) when `stop` becomes true.
eval::PointMetrics evaluate_in_worker(const std::vector<std::string>& argv, const WorkRequest& req,
                                      const std::atomic<bool>* stop, const std::string& log_file,
                                      double timeout_s = 0);

/// The worker's side: reads one request from stdin, evaluates it with make(options), writes one
/// JSON answer to stdout. Anything else the evaluator prints on stdout (SystemC's banner) is
/// sent to stderr so the answer stays clean. Returns the process exit status (0 when an answer
/// was written).
int run_worker(const EvaluatorFactory& make);

}  // namespace circa::sweep
