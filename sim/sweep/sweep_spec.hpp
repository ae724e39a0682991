// A sweep, parsed and validated once (kind: sweep): the base accelerator, the workload, the axes
// that vary it, the constraints a point must meet, the objectives the Pareto front ranks, and the
// fidelity. Everything downstream (expansion, runner, reports) reads this and never the YAML.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "eval/evaluate.hpp"
#include "spec/config_loader.hpp"
#include "sweep/accuracy.hpp"

namespace circa::sweep {

/// One dimension of the sweep: a single parameter, or several zipped together (varied in step).
/// values[i] lists the values of params[i]; all lists have the same length.
struct Axis {
  std::vector<std::string> params;
  std::vector<std::vector<std::string>> values;
  SourceLocation where;

  size_t size() const { return values.empty() ? 0 : values.front().size(); }
};

enum class Compare { at_most, at_least };

/// `metric <= bound` or `metric >= bound`, checked on a point's metrics after evaluation.
struct Constraint {
  std::string metric;
  Compare compare = Compare::at_most;
  double bound = 0;
  std::string text;  ///< as the user wrote it, for reports
  SourceLocation where;

  bool holds(double value) const {
    return compare == Compare::at_most ? value <= bound : value >= bound;
  }
};

enum class Goal { minimise, maximise };

struct Objective {
  std::string metric;
  Goal goal = Goal::minimise;
};

/// The largest per-point timeout accepted (about 11.5 days), in the file and on the command line.
inline constexpr double kMaxTimeoutS = 1e6;

struct SweepSpec {
  std::string file;        ///< the sweep YAML itself
  std::string name;        ///< for reports; defaults to the file's stem
  std::string base;        ///< accelerator file, resolved against the sweep file's folder
  std::string workload;    ///< workload file, resolved likewise
  std::vector<Axis> axes;  ///< in file order; points vary the last axis fastest
  std::vector<Constraint> constraints;
  std::vector<Objective> objectives;
  eval::Fidelity fidelity = eval::Fidelity::analytical;
  int confirm_best = 0;  ///< best Pareto points re-run at confirm_fidelity after the sweep
  /// Above `fidelity` (analytical < cycle_accurate < cosim); only with confirm_best > 0.
  eval::Fidelity confirm_fidelity = eval::Fidelity::cycle_accurate;
  uint64_t seed = 1;
  /// Wall-clock limit of one point's evaluation in seconds; 0 = none. With a limit every point
  /// runs in a worker process (a thread cannot be stopped), killed when the limit passes.
  double timeout_s = 0;
  /// Present when points also get their accuracy (trained weights on the golden model).
  std::optional<AccuracySpec> accuracy;

  size_t point_count() const;
};

/// Loads and validates a sweep file; every problem is a one-line ConfigError at file:line:col.
SweepSpec load_sweep(const std::string& file);

/// Loads any Circa YAML file by its kind (accelerator, workload or sweep): what `circa config
/// check` runs on each file, and what the YAML fuzz target drives. ConfigError when invalid.
void check_document(const std::string& file);

/// The parameter overrides of every point, in order (base config + these = the point).
std::vector<std::vector<Override>> expand_points(const SweepSpec& s);
/// The overrides of point `index` (< point_count()) alone: expand_points(s)[index].
std::vector<Override> expand_point(const SweepSpec& s, size_t index);

/// Fidelity names as written in sweep files and stored in results ("cycle_accurate", ...).
const char* fidelity_name(eval::Fidelity f);
/// Parses a fidelity name; returns false when `text` is none of them.
bool parse_fidelity(const std::string& text, eval::Fidelity* out);
const std::vector<std::string>& fidelity_names();

/// Metric names an evaluator reports (eval::PointMetrics::values) and those the accuracy section
/// adds, for validating constraints and objectives in sweep files with did-you-mean suggestions.
const std::vector<std::string>& known_metrics();

}  // namespace circa::sweep
