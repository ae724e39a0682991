// The `axes:` of a sweep file: each key is an accelerator parameter and its values are a list,
// a range {from, to, step} or {powers_of_two: {from, to}}; `zip:` groups parameters that vary
// together. Every generated value is checked against the parameter's declaration.
#include <algorithm>
#include <cmath>
#include <set>

#include "spec/accelerator_params.hpp"
#include "spec/yaml_flat.hpp"
#include "sweep/sweep_parse.hpp"

namespace circa::sweep::detail {
namespace {

constexpr size_t kMaxAxisValues = 100000;
constexpr size_t kMaxPoints = 1000000;

const char* kShapes =
    "give a list [a, b, ...], a range {from, to, step} or {powers_of_two: {from, to}}";

const ParamInfo& param_named(const std::string& name, const YAML::Node& key,
                             const std::string& file) {
  std::vector<std::string> paths;
  for (const auto& p : accelerator_params()) {
    if (p.info.path == name) return p.info;
    paths.push_back(p.info.path);
  }
  throw ConfigError(where(key, file), "axes." + name,
                    "'" + name + "' is not an accelerator parameter" + did_you_mean(name, paths) +
                        "; 'circa config schema' lists them all");
}

std::vector<std::string> arithmetic(const YAML::Node& m, const std::string& file,
                                    const std::string& path, const ParamInfo& p) {
  check_keys(m, file, path, {"from", "to", "step"});
  for (const char* k : {"from", "to", "step"})
    if (!m[k])
      throw ConfigError(where(m, file), path,
                        std::string("a range needs '") + k + "' (" + kShapes + ")");
  const double from = number(m["from"], file, path + ".from"),
               to = number(m["to"], file, path + ".to");
  const double step = number(m["step"], file, path + ".step");
  if (step <= 0) throw ConfigError(where(m["step"], file), path + ".step", "must be positive");
  if (to < from)
    throw ConfigError(where(m["to"], file), path + ".to",
                      "is below 'from'; the range would be empty");
  if ((to - from) / step >= kMaxAxisValues)
    throw ConfigError(where(m, file), path, "the range has too many values; use a larger step");
  const bool integral = p.type == ParamType::integer;
  if (integral && (from != std::floor(from) || step != std::floor(step)))
    throw ConfigError(where(m, file), path,
                      "'" + p.path + "' is an integer: from and step must be integers");
  std::vector<std::string> out;
  // Multiplying instead of accumulating keeps 0.1 steps from drifting past `to`.
  for (size_t i = 0;; ++i) {
    const double v = from + static_cast<double>(i) * step;
    if (v > to + 1e-9 * step) break;
    out.push_back(integral ? std::to_string(static_cast<long long>(v)) : format_real(v));
  }
  return out;
}

std::vector<std::string> powers_of_two(const YAML::Node& m, const std::string& file,
                                       const std::string& path, const ParamInfo& p) {
  if (!m.IsMap())
    throw ConfigError(where(m, file), path, std::string("expected {from, to}; ") + kShapes);
  check_keys(m, file, path, {"from", "to"});
  if (!m["from"] || !m["to"]) throw ConfigError(where(m, file), path, "needs both 'from' and 'to'");
  const double from = number(m["from"], file, path + ".from"),
               to = number(m["to"], file, path + ".to");
  if (p.type != ParamType::integer)
    throw ConfigError(where(m, file), path, "'" + p.path + "' is not an integer parameter");
  if (from < 1) throw ConfigError(where(m["from"], file), path + ".from", "must be at least 1");
  if (to < from)
    throw ConfigError(where(m["to"], file), path + ".to",
                      "is below 'from'; the range would be empty");
  std::vector<std::string> out;
  for (double v = 1; v <= to && v < 1e18; v *= 2)
    if (v >= from) out.push_back(std::to_string(static_cast<long long>(v)));
  if (out.empty())
    throw ConfigError(where(m, file), path, "no power of two lies between from and to");
  return out;
}

std::vector<std::string> raw_values(const YAML::Node& node, const std::string& file,
                                    const std::string& path, const ParamInfo& p) {
  if (node.IsSequence()) {
    std::vector<std::string> out;
    // A null item is checked as '' so it gets the parameter's own range message.
    for (const auto& item : node) out.push_back(item.IsNull() ? "" : scalar(item, file, path));
    return out;
  }
  if (node.IsMap() && node["powers_of_two"]) {
    check_keys(node, file, path, {"powers_of_two"});
    return powers_of_two(node["powers_of_two"], file, path + ".powers_of_two", p);
  }
  if (node.IsMap()) {
    if (p.type != ParamType::integer && p.type != ParamType::real)
      throw ConfigError(where(node, file), path,
                        "'" + p.path + "' is not numeric; list its values instead");
    return arithmetic(node, file, path, p);
  }
  throw ConfigError(where(node, file), path,
                    std::string("expected several values; ") + kShapes +
                        " (a single fixed value belongs in the base config)");
}

/// The values of one parameter, each checked like a config value. Duplicates are refused unless
/// the parameter is zipped (then only whole tuples must differ).
std::vector<std::string> axis_values(const YAML::Node& node, const std::string& file,
                                     const std::string& path, const ParamInfo& p, bool unique) {
  std::vector<std::string> values = raw_values(node, file, path, p);
  if (values.empty())
    throw ConfigError(where(node, file), path, "empty axis: give at least one value");
  std::set<std::string> seen;
  for (size_t i = 0; i < values.size(); ++i) {
    const SourceLocation at = node.IsSequence() ? where(node[i], file) : where(node, file);
    const std::string problem = check_value(p, values[i]);
    if (!problem.empty()) throw ConfigError(at, path, "value '" + values[i] + "': " + problem);
    if (unique && !seen.insert(values[i]).second)
      throw ConfigError(at, path, "value '" + values[i] + "' is listed twice");
  }
  return values;
}

Axis zip_group(const YAML::Node& group, const std::string& file, const std::string& path) {
  if (!group.IsMap() || group.size() < 2)
    throw ConfigError(where(group, file), path,
                      "a zip group maps two or more parameters to value lists of equal length");
  Axis axis{{}, {}, where(group, file)};
  for (const auto& kv : group) {
    const std::string name = scalar(kv.first, file, path);
    axis.params.push_back(name);
    axis.values.push_back(
        axis_values(kv.second, file, path + "." + name, param_named(name, kv.first, file), false));
    if (axis.values.back().size() != axis.values.front().size())
      throw ConfigError(where(kv.first, file), path + "." + name,
                        "zipped axes have unequal lengths: " + axis.params.front() + " has " +
                            std::to_string(axis.values.front().size()) + " values, " + name +
                            " has " + std::to_string(axis.values.back().size()));
  }
  std::map<std::vector<std::string>, size_t> seen;
  for (size_t i = 0; i < axis.size(); ++i) {
    std::vector<std::string> tuple;
    std::string text;
    for (size_t p = 0; p < axis.params.size(); ++p) {
      tuple.push_back(axis.values[p][i]);
      text += (p ? ", " : "") + axis.params[p] + "=" + axis.values[p][i];
    }
    const auto [it, fresh] = seen.emplace(tuple, i);
    if (!fresh)
      throw ConfigError(axis.where, path,
                        "values " + std::to_string(i + 1) + " repeat values " +
                            std::to_string(it->second + 1) + " (" + text + ")");
  }
  return axis;
}

}  // namespace

std::vector<Axis> parse_axes(const YAML::Node& axes, const std::string& file) {
  if (!axes.IsMap() || axes.size() == 0)
    throw ConfigError(
        where(axes, file), "axes",
        "expected a mapping of parameters to values (example: mac.lanes: [4, 8, 16])");
  std::vector<Axis> out;
  std::map<std::string, SourceLocation> varied;
  for (const auto& kv : axes) {
    const std::string key = scalar(kv.first, file, "axes");
    if (key == "zip") {
      if (kv.second.IsSequence()) {
        for (size_t i = 0; i < kv.second.size(); ++i)
          out.push_back(zip_group(kv.second[i], file, "axes.zip[" + std::to_string(i) + "]"));
      } else {
        out.push_back(zip_group(kv.second, file, "axes.zip"));
      }
    } else {
      const ParamInfo& p = param_named(key, kv.first, file);
      out.push_back(Axis{
          {key}, {axis_values(kv.second, file, "axes." + key, p, true)}, where(kv.first, file)});
    }
    for (const auto& name : out.back().params) {
      const auto [it, fresh] = varied.emplace(name, where(kv.first, file));
      if (!fresh)
        throw ConfigError(
            where(kv.first, file), "axes." + name,
            "parameter varied twice (first at " + it->second.str() + "); vary it in one axis");
    }
  }
  double points = 1;
  for (const auto& a : out) points *= static_cast<double>(a.size());
  if (points > static_cast<double>(kMaxPoints))
    throw ConfigError(where(axes, file), "axes",
                      "the axes give " + format_real(points) + " points, more than " +
                          std::to_string(kMaxPoints) + "; split the sweep or use fewer values");
  return out;
}

}  // namespace circa::sweep::detail

namespace circa::sweep {

std::vector<Override> expand_point(const SweepSpec& s, size_t index) {
  std::vector<Override> point;
  size_t rest = index;
  std::vector<size_t> digit(s.axes.size());
  // Mixed-radix counter over the axes, the last axis fastest (like nested loops in file order).
  for (size_t a = s.axes.size(); a-- > 0;) {
    digit[a] = rest % s.axes[a].size();
    rest /= s.axes[a].size();
  }
  for (size_t a = 0; a < s.axes.size(); ++a)
    for (size_t p = 0; p < s.axes[a].params.size(); ++p)
      point.push_back(Override{s.axes[a].params[p], s.axes[a].values[p][digit[a]]});
  return point;
}

std::vector<std::vector<Override>> expand_points(const SweepSpec& s) {
  std::vector<std::vector<Override>> out;
  const size_t n = s.point_count();
  out.reserve(n);
  for (size_t index = 0; index < n; ++index) out.push_back(expand_point(s, index));
  return out;
}

}  // namespace circa::sweep
