// One declaration per configuration parameter: name (YAML path), type, unit, default, range and a
// one-line description, bound to the spec field it fills. The loader, `circa config dump` and
// `circa config schema` all read these tables, so nothing about a parameter is kept twice.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace circa {

enum class ParamType { integer, real, boolean, text, choice };
const char* to_string(ParamType t);

struct ParamInfo {
  std::string path;  ///< dotted YAML path, e.g. "fft.samples_per_cycle"
  ParamType type = ParamType::integer;
  std::string unit;  ///< empty when dimensionless
  std::string default_text;
  bool required = false;
  bool has_range = false;
  double min = 0;
  double max = 0;
  bool power_of_two = false;
  std::vector<std::string> choices;     ///< for ParamType::choice
  std::vector<std::string> applies_to;  ///< workload layer kinds; empty = always
  std::string description;

  /// "integer, power of two, 1..1024" or "one of a, b, c": the allowed values, for messages.
  std::string allowed() const;
};

/// A parameter bound to a field of Spec. `set` receives text already checked against `info`.
template <class Spec>
struct Param {
  ParamInfo info;
  std::function<void(Spec&, const std::string&)> set;
  std::function<std::string(const Spec&)> get;
};

/// Checks text against a parameter's type and range; returns "" when it is valid, otherwise the
/// problem in words ("expected an integer", "must be a power of two", ...).
std::string check_value(const ParamInfo& info, const std::string& text);

long long parse_integer(const std::string& text);  ///< text already passed check_value
double parse_real(const std::string& text);
bool parse_boolean(const std::string& text);
std::string format_real(double v);  ///< shortest text that reads back to v

}  // namespace circa
