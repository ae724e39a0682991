// The `constraints:` and `objectives:` of a sweep file, the metric names they may use, and the
// fidelity names. Metric names are checked here so a typo fails before hours of evaluation.
#include <algorithm>
#include <map>

#include "eval/metrics.hpp"
#include "spec/param.hpp"
#include "spec/yaml_flat.hpp"
#include "sweep/sweep_parse.hpp"

namespace circa::sweep {

const std::vector<std::string>& known_metrics() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v = eval::metric_names();
    for (const auto& m : accuracy_metrics()) v.push_back(m.name);
    return v;
  }();
  return names;
}

const std::vector<std::string>& fidelity_names() {
  static const std::vector<std::string> names = names_of(eval::kFidelityNames);
  return names;
}

// The table itself, not eval::to_string: the fuzz build links the loader without circa_eval.
const char* fidelity_name(eval::Fidelity f) {
  return name_in(eval::kFidelityNames, f);
}

bool parse_fidelity(const std::string& text, eval::Fidelity* out) {
  return parse_name(eval::kFidelityNames, text, out);
}

namespace detail {
namespace {

std::string metric_named(const std::string& name, const YAML::Node& node, const std::string& file,
                         const std::string& path) {
  const auto& m = known_metrics();
  if (std::find(m.begin(), m.end(), name) == m.end())
    throw ConfigError(where(node, file), path, "unknown metric '" + name + "'" + suggest(name, m));
  return name;
}

/// "metric <= value" or "metric >= value".
Constraint parse_expression(const YAML::Node& node, const std::string& file,
                            const std::string& path) {
  const std::string text = scalar(node, file, path);
  for (const char* op : {"<=", ">="}) {
    const size_t at = text.find(op);
    if (at == std::string::npos) continue;
    auto trim = [](std::string s) {
      s.erase(0, s.find_first_not_of(' '));
      s.erase(s.find_last_not_of(' ') + 1);
      return s;
    };
    const std::string metric = trim(text.substr(0, at)), bound = trim(text.substr(at + 2));
    char* end = nullptr;
    const double v = std::strtod(bound.c_str(), &end);
    if (bound.empty() || *end != '\0')
      throw ConfigError(where(node, file), path,
                        "'" + text + "': the bound '" + bound + "' is not a number");
    return Constraint{metric_named(metric, node, file, path),
                      op[0] == '<' ? Compare::at_most : Compare::at_least, v, text,
                      where(node, file)};
  }
  throw ConfigError(where(node, file), path,
                    "'" + text + "': expected 'metric <= value' or 'metric >= value'");
}

std::vector<std::string> constraint_keys() {
  std::vector<std::string> keys = {"weights_fit_on_chip", "require"};
  for (const auto& m : known_metrics()) keys.push_back("max_" + m), keys.push_back("min_" + m);
  return keys;
}

}  // namespace

std::vector<Constraint> parse_constraints(const YAML::Node& node, const std::string& file) {
  if (!node.IsMap())
    throw ConfigError(where(node, file), "constraints",
                      "expected a mapping (example: {weights_fit_on_chip: true, max_area_mm2: 5})");
  check_keys(node, file, "constraints", constraint_keys());
  std::vector<Constraint> out;
  for (const auto& kv : node) {
    const std::string key = kv.first.Scalar(), path = "constraints." + key;
    if (key == "weights_fit_on_chip") {
      const std::string v = scalar(kv.second, file, path);
      if (v != "true" && v != "false")
        throw ConfigError(where(kv.second, file), path,
                          "value '" + v + "': expected true or false");
      if (v == "true")
        out.push_back(Constraint{"weights_on_chip", Compare::at_least, 1, key + ": true",
                                 where(kv.first, file)});
    } else if (key == "require") {
      if (!kv.second.IsSequence())
        throw ConfigError(where(kv.second, file), path,
                          "expected a list of 'metric <= value' strings");
      for (size_t i = 0; i < kv.second.size(); ++i)
        out.push_back(parse_expression(kv.second[i], file, path + "[" + std::to_string(i) + "]"));
    } else {
      const double bound = number(kv.second, file, path);
      const bool max = key.compare(0, 4, "max_") == 0;
      out.push_back(Constraint{key.substr(4), max ? Compare::at_most : Compare::at_least, bound,
                               key + ": " + format_real(bound), where(kv.first, file)});
    }
  }
  return out;
}

void check_contradictions(const std::vector<Constraint>& constraints) {
  for (const auto& hi : constraints)
    for (const auto& lo : constraints)
      if (hi.metric == lo.metric && hi.compare == Compare::at_most &&
          lo.compare == Compare::at_least && hi.bound < lo.bound)
        throw ConfigError(hi.where, "constraints",
                          "'" + hi.text + "' contradicts '" + lo.text + "' (" + lo.where.str() +
                              "): no point can meet both");
}

std::vector<Objective> parse_objectives(const YAML::Node& node, const std::string& file) {
  if (!node.IsMap())
    throw ConfigError(
        where(node, file), "objectives",
        "expected a mapping (example: {minimise: [energy_per_inference_uj], maximise: "
        "[throughput_inferences_per_s]})");
  check_keys(node, file, "objectives", {"minimise", "maximise"});
  std::vector<Objective> out;
  std::map<std::string, SourceLocation> seen;
  for (const auto& kv : node) {
    const std::string key = kv.first.Scalar();
    const Goal goal = key == "minimise" ? Goal::minimise : Goal::maximise;
    std::vector<YAML::Node> items;
    if (kv.second.IsSequence())
      for (const auto& item : kv.second) items.push_back(item);
    else
      items.push_back(kv.second);
    for (const auto& item : items) {
      const std::string path = "objectives." + key;
      const std::string metric = metric_named(scalar(item, file, path), item, file, path);
      const auto [it, fresh] = seen.emplace(metric, where(item, file));
      if (!fresh)
        throw ConfigError(
            where(item, file), path,
            "metric '" + metric + "' is already an objective (at " + it->second.str() + ")");
      out.push_back(Objective{metric, goal});
    }
  }
  if (out.empty())
    throw ConfigError(where(node, file), "objectives",
                      "give at least one metric to minimise or maximise");
  return out;
}

}  // namespace detail
}  // namespace circa::sweep
