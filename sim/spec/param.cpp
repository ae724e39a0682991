#include "spec/param.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace circa {
namespace {

bool is_power_of_two(long long v) {
  return v > 0 && (v & (v - 1)) == 0;
}

bool read_integer(const std::string& t, long long* out) {
  if (t.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(t.c_str(), &end, 10);
  if (errno != 0 || *end != '\0') return false;
  *out = v;
  return true;
}

bool read_real(const std::string& t, double* out) {
  if (t.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(t.c_str(), &end);
  if (errno != 0 || *end != '\0' || !std::isfinite(v)) return false;
  *out = v;
  return true;
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

}  // namespace

const char* to_string(ParamType t) {
  switch (t) {
    case ParamType::integer:
      return "integer";
    case ParamType::real:
      return "real";
    case ParamType::boolean:
      return "boolean";
    case ParamType::text:
      return "text";
    case ParamType::choice:
      return "choice";
  }
  return "?";
}

std::string ParamInfo::allowed() const {
  switch (type) {
    case ParamType::boolean:
      return "true or false";
    case ParamType::text:
      return "any text";
    case ParamType::choice:
      return "one of " + join(choices);
    case ParamType::integer:
    case ParamType::real: {
      std::string s = type == ParamType::integer ? "an integer" : "a number";
      if (power_of_two) s += ", power of two,";
      if (has_range) s += " in " + format_real(min) + ".." + format_real(max);
      return s + (unit.empty() ? "" : " " + unit);
    }
  }
  return "";
}

std::string check_value(const ParamInfo& info, const std::string& text) {
  switch (info.type) {
    case ParamType::text:
      return "";
    case ParamType::boolean:
      return text == "true" || text == "false" ? "" : "expected true or false";
    case ParamType::choice:
      for (const auto& c : info.choices)
        if (c == text) return "";
      return "expected " + info.allowed();
    case ParamType::integer: {
      long long v = 0;
      if (!read_integer(text, &v)) return "expected " + info.allowed();
      if (info.power_of_two && !is_power_of_two(v))
        return "must be a power of two (allowed: " + info.allowed() + ")";
      if (info.has_range && (v < info.min || v > info.max))
        return "out of range (allowed: " + info.allowed() + ")";
      return "";
    }
    case ParamType::real: {
      double v = 0;
      if (!read_real(text, &v)) return "expected " + info.allowed();
      if (info.has_range && (v < info.min || v > info.max))
        return "out of range (allowed: " + info.allowed() + ")";
      return "";
    }
  }
  return "";
}

long long parse_integer(const std::string& text) {
  long long v = 0;
  read_integer(text, &v);
  return v;
}

double parse_real(const std::string& text) {
  double v = 0;
  read_real(text, &v);
  return v;
}

bool parse_boolean(const std::string& text) {
  return text == "true";
}

std::string format_real(double v) {
  char buf[64];
  for (int precision = 6; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

}  // namespace circa
