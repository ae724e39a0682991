// Sweep files: the top-level keys, the referenced base config and workload (paths relative to
// the sweep file), and the shared YAML helpers. Axes and goals are parsed in their own files.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "spec/yaml_flat.hpp"
#include "sweep/sweep_parse.hpp"

namespace circa::sweep {
namespace detail {

SourceLocation where(const YAML::Node& node, const std::string& file) {
  const SourceLocation at = location_of(node, file);
  return at.line ? at : SourceLocation{file, 0, 0};
}

std::string scalar(const YAML::Node& node, const std::string& file, const std::string& path) {
  if (!node.IsScalar())
    throw ConfigError(
        where(node, file), path,
        node.IsNull() ? "no value given" : "expected a single value, found a list or mapping");
  return node.Scalar();
}

double number(const YAML::Node& node, const std::string& file, const std::string& path) {
  const std::string text = scalar(node, file, path);
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(v))
    throw ConfigError(where(node, file), path, "value '" + text + "': expected a finite number");
  return v;
}

void check_keys(const YAML::Node& map, const std::string& file, const std::string& path,
                const std::vector<std::string>& allowed) {
  std::set<std::string> seen;
  for (const auto& kv : map) {
    const std::string key = scalar(kv.first, file, path);
    const std::string full = path.empty() ? key : path + "." + key;
    if (!seen.insert(key).second)
      throw ConfigError(where(kv.first, file), full, "duplicate key; give each key once");
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      throw ConfigError(where(kv.first, file), full,
                        "unknown key '" + key + "'" + suggest(key, allowed));
  }
}

}  // namespace detail

namespace {

namespace fs = std::filesystem;
using namespace detail;

const std::vector<std::string> kTopKeys = {
    "kind",        "name",       "base",     "workload",     "axes",
    "constraints", "objectives", "fidelity", "confirm_best", "confirm_fidelity",
    "seed",        "timeout_s",  "accuracy"};

/// A file named by `key`, relative to the sweep file's folder; it must exist.
std::string referenced_file(const YAML::Node& root, const std::string& file, const std::string& key,
                            const std::string& what) {
  const YAML::Node node = root[key];
  if (!node)
    throw ConfigError(SourceLocation{file, 1, 1}, key,
                      "missing required key '" + key + "' (" + what + ", relative to this file)");
  const fs::path path = fs::path(file).parent_path() / scalar(node, file, key);
  std::error_code ec;  // a name too long for the file system is "not found" too, not a crash
  if (!fs::is_regular_file(path, ec))
    throw ConfigError(where(node, file), key,
                      "file '" + path.string() + "' not found; the path is relative to " + file);
  return path.lexically_normal().string();
}

/// A non-negative integer no larger than `max`.
long long count(const YAML::Node& node, const std::string& file, const std::string& key,
                long long max) {
  const std::string text = node.IsNull() ? "" : scalar(node, file, key);
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v < 0 || v > max)
    throw ConfigError(where(node, file), key,
                      "value '" + text + "': expected an integer in 0.." + std::to_string(max));
  return v;
}

/// A per-point limit in seconds: positive and finite (no limit is written by leaving it out).
double timeout_seconds(const YAML::Node& node, const std::string& file) {
  const std::string text = node.IsNull() ? "" : scalar(node, file, "timeout_s");
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !(v > 0) || v > kMaxTimeoutS)
    throw ConfigError(where(node, file), "timeout_s",
                      "value '" + text + "': expected seconds in (0, " +
                          std::to_string(static_cast<long>(kMaxTimeoutS)) +
                          "]; leave timeout_s out for no limit");
  return v;
}

/// confirm_fidelity: cycle_accurate or cosim, only beside confirm_best, and above the sweep's own
/// fidelity (confirming at the same or a lower fidelity measures nothing new).
void read_confirmation(const YAML::Node& root, const std::string& file, SweepSpec& s) {
  const YAML::Node c = root["confirm_fidelity"];
  if (c) {
    const std::string text = c.IsNull() ? "" : scalar(c, file, "confirm_fidelity");
    const std::vector<std::string> allowed = {fidelity_name(eval::Fidelity::cycle_accurate),
                                              fidelity_name(eval::Fidelity::cosim)};
    if (!parse_fidelity(text, &s.confirm_fidelity) ||
        s.confirm_fidelity == eval::Fidelity::analytical)
      throw ConfigError(where(c, file), "confirm_fidelity",
                        "value '" + text + "'" + suggest(text, allowed));
    if (s.confirm_best == 0)
      throw ConfigError(where(c, file), "confirm_fidelity",
                        "applies only with confirm_best: N (N >= 1); add confirm_best or remove "
                        "confirm_fidelity");
  }
  if (s.confirm_best > 0 && s.confirm_fidelity <= s.fidelity) {
    const bool explicit_key = static_cast<bool>(c);
    const std::string key = explicit_key ? "confirm_fidelity" : "confirm_best";
    throw ConfigError(
        where(explicit_key ? c : root["confirm_best"], file), key,
        "the best points are re-run at " + std::string(fidelity_name(s.confirm_fidelity)) +
            " (confirm_fidelity), which must be above the sweep's fidelity " +
            fidelity_name(s.fidelity) +
            " (analytical < cycle_accurate < cosim); lower fidelity, raise confirm_fidelity or "
            "remove confirm_best");
  }
}

void read_options(const YAML::Node& root, const std::string& file, SweepSpec& s) {
  s.name = root["name"] ? scalar(root["name"], file, "name") : fs::path(file).stem().string();
  if (s.name.empty())
    throw ConfigError(where(root["name"], file), "name",
                      "value '': expected non-empty text (or leave 'name' out: the file's name)");
  if (const YAML::Node f = root["fidelity"]) {
    if (!parse_fidelity(f.IsNull() ? "" : scalar(f, file, "fidelity"), &s.fidelity))
      throw ConfigError(where(f, file), "fidelity",
                        "value '" + f.Scalar() + "'" + suggest(f.Scalar(), fidelity_names()));
  }
  if (const YAML::Node n = root["seed"])
    s.seed = static_cast<uint64_t>(count(n, file, "seed", 1LL << 62));
  if (const YAML::Node n = root["confirm_best"])
    s.confirm_best = static_cast<int>(count(n, file, "confirm_best", 1000));
  read_confirmation(root, file, s);
  if (const YAML::Node n = root["timeout_s"]) s.timeout_s = timeout_seconds(n, file);
}

}  // namespace

size_t SweepSpec::point_count() const {
  size_t n = 1;
  for (const auto& a : axes) n *= a.size();
  return n;
}

SweepSpec load_sweep(const std::string& file) {
  const YAML::Node root = read_yaml_file(file);
  if (document_kind(file) != DocumentKind::sweep)
    throw ConfigError(where(root["kind"], file), "kind",
                      "this is a file of kind '" + scalar(root["kind"], file, "kind") +
                          "'; 'circa sweep' needs a file with kind: sweep");
  check_keys(root, file, "", kTopKeys);
  SweepSpec s;
  s.file = file;
  s.base = referenced_file(root, file, "base", "the accelerator config every point starts from");
  s.workload = referenced_file(root, file, "workload", "the workload every point runs");
  read_options(root, file, s);
  if (!root["axes"])
    throw ConfigError(SourceLocation{file, 1, 1}, "axes",
                      "missing required key 'axes' (the parameters to vary and their values)");
  s.axes = parse_axes(root["axes"], file);
  if (!root["objectives"])
    throw ConfigError(SourceLocation{file, 1, 1}, "objectives",
                      "missing required key 'objectives' (minimise: [...] and/or maximise: [...])");
  s.objectives = parse_objectives(root["objectives"], file);
  if (const YAML::Node c = root["constraints"]) s.constraints = parse_constraints(c, file);
  check_contradictions(s.constraints);
  if (const YAML::Node a = root["accuracy"]) s.accuracy = parse_accuracy(a, file);
  check_accuracy_metrics(s, root);
  // Fail early on a broken base or workload instead of once per point.
  load_accelerator(s.base);
  load_workload(s.workload);
  return s;
}

void check_document(const std::string& file) {
  switch (document_kind(file)) {
    case DocumentKind::accelerator:
      load_accelerator(file);
      break;
    case DocumentKind::workload:
      load_workload(file);
      break;
    case DocumentKind::sweep:
      load_sweep(file);
      break;
  }
}

}  // namespace circa::sweep
