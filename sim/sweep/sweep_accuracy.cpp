// The `accuracy:` section of a sweep file and the metrics it adds.
#include <algorithm>

#include "data/fashion_mnist.hpp"  // the dataset name only: no link to circa_data
#include "sweep/accuracy.hpp"
#include "sweep/sweep_parse.hpp"

namespace circa::sweep {

const std::vector<AccuracyMetric>& accuracy_metrics() {
  static const std::vector<AccuracyMetric> table = {
      {kAccuracy, "%", "fixed-point top-1 on the 10,000 test images (bit-exact golden model)"},
      {kAccuracyDrop, "points", "dense_accuracy - accuracy"},
      {"float_accuracy", "%", "the same block-circulant weights in double precision"},
      {"dense_accuracy", "%", "dense float baseline: same workload, dataset, epochs and seed"},
  };
  return table;
}

bool is_accuracy_metric(const std::string& name) {
  const auto& t = accuracy_metrics();
  return std::any_of(t.begin(), t.end(), [&](const AccuracyMetric& m) { return name == m.name; });
}

std::string AccuracySpec::key_text() const {
  return "accuracy: dataset=" + dataset + " epochs=" + std::to_string(epochs) +
         " seed=" + std::to_string(seed) + " train_images=" + std::to_string(train_images) + "\n";
}

namespace detail {
namespace {

/// An integer in [lo, hi].
int64_t integer(const YAML::Node& node, const std::string& file, const std::string& path,
                int64_t lo, int64_t hi, const std::string& hint) {
  const std::string text = scalar(node, file, path);
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v < lo || v > hi)
    throw ConfigError(where(node, file), path,
                      "value '" + text + "': expected an integer in " + std::to_string(lo) + ".." +
                          std::to_string(hi) + hint);
  return v;
}

}  // namespace

AccuracySpec parse_accuracy(const YAML::Node& node, const std::string& file) {
  if (!node.IsMap())
    throw ConfigError(
        where(node, file), "accuracy",
        "expected a mapping (example: accuracy: {dataset: fashion-mnist, epochs: 2})");
  check_keys(node, file, "accuracy", {"dataset", "epochs", "seed", "train_images"});
  AccuracySpec a;
  a.where = where(node, file);
  if (!node["dataset"])
    throw ConfigError(a.where, "accuracy.dataset",
                      "missing required key 'dataset' (the one available is fashion-mnist)");
  a.dataset = scalar(node["dataset"], file, "accuracy.dataset");
  if (a.dataset != data::kFashionMnist)
    throw ConfigError(
        where(node["dataset"], file), "accuracy.dataset",
        "unknown dataset '" + a.dataset + "'; the one available is " + data::kFashionMnist);
  if (const YAML::Node n = node["epochs"])
    a.epochs = static_cast<int>(integer(n, file, "accuracy.epochs", 1, 1000, ""));
  if (const YAML::Node n = node["seed"])
    a.seed = static_cast<uint64_t>(integer(n, file, "accuracy.seed", 0, int64_t{1} << 62, ""));
  if (const YAML::Node n = node["train_images"])
    a.train_images = integer(n, file, "accuracy.train_images", 0, 60000,
                             " (0 = all 60,000; fewer only for quick looks)");
  return a;
}

void check_accuracy_metrics(const SweepSpec& s, const YAML::Node& root) {
  if (s.accuracy) return;
  auto refuse = [&](const std::string& metric, const SourceLocation& at, const std::string& key) {
    throw ConfigError(at, key,
                      "metric '" + metric +
                          "' needs an 'accuracy' section saying how to train the weights "
                          "(add accuracy: {dataset: fashion-mnist, epochs: 2})");
  };
  for (const auto& o : s.objectives)
    if (is_accuracy_metric(o.metric))
      refuse(o.metric, where(root["objectives"], s.file), "objectives");
  for (const auto& c : s.constraints)
    if (is_accuracy_metric(c.metric)) refuse(c.metric, c.where, "constraints");
}

}  // namespace detail
}  // namespace circa::sweep
