// Accuracy co-design in sweeps: the `accuracy:` section of a sweep file (dataset and training
// epochs), the metrics it adds to every point, and the interface of what measures them. The
// sweep library only calls the interface; the implementation (sweep/accuracy_source.hpp, its own
// library) trains weights and runs the golden fixed-point model.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::sweep {

/// How a sweep's points get their accuracy: weights trained on `dataset` for `epochs` from
/// `seed` (once per workload and block sizes, cached), then measured on the golden model.
struct AccuracySpec {
  std::string dataset = "fashion-mnist";
  int epochs = 2;
  uint64_t seed = 1;         ///< initial weights and image order
  int64_t train_images = 0;  ///< first N training images only; 0 = all 60,000
  SourceLocation where;      ///< of the section, for errors found later (the workload's fit)

  /// The figures that make a point's accuracy, for its content key.
  std::string key_text() const;
};

/// Metric names the accuracy section adds, and whether a metric needs it.
inline constexpr const char* kAccuracy = "accuracy";
inline constexpr const char* kAccuracyDrop = "accuracy_drop";
struct AccuracyMetric {
  const char* name;
  const char* unit;
  const char* meaning;
};
const std::vector<AccuracyMetric>& accuracy_metrics();
bool is_accuracy_metric(const std::string& name);

/// Measures a point's accuracy metrics (accuracy_metrics(), by name).
class AccuracySource {
 public:
  virtual ~AccuracySource() = default;
  /// Once before any point: ConfigError (naming spec.where) when the workload cannot be trained
  /// on the dataset, or the dataset is missing. Returns the metrics measure() will give (a
  /// workload may have no dense baseline, so no dense_accuracy and accuracy_drop).
  virtual std::vector<std::string> prepare(const AcceleratorSpec& base, const Workload& w,
                                           const AccuracySpec& spec) = 0;
  /// One line for the sweep's progress output: where the weights come from.
  virtual std::string describe() const = 0;
  /// One line for the sweep's summary: what this run trained and measured (the rest was cached).
  virtual std::string activity() const = 0;
  /// The metrics of one point; safe to call from several threads at once. Throws Interrupted
  /// (sweep/evaluator.hpp) soon after `stop` (may be null) becomes true while training.
  virtual std::map<std::string, double> measure(const AcceleratorSpec& accelerator,
                                                const Workload& w, const AccuracySpec& spec,
                                                const std::atomic<bool>* stop) = 0;
};

}  // namespace circa::sweep
