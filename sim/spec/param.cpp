#include "spec/param.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace circa {
namespace {

bool is_power_of_two(long long v) {
  return v > 0 && (v & (v - 1)) == 0;
}

enum class Read { ok, not_a_number, not_finite, out_of_range };

/// Base-10 integer text; one too large for 64 bits is a number, but out of range.
Read read_integer(const std::string& t, long long* out) {
  if (t.empty()) return Read::not_a_number;
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(t.c_str(), &end, 10);
  if (end == t.c_str() || *end != '\0') return Read::not_a_number;
  if (errno == ERANGE) return Read::out_of_range;
  *out = v;
  return Read::ok;
}

/// A finite number: NaN and infinities are not; values beyond double's range are out of range.
Read read_real(const std::string& t, double* out) {
  if (t.empty()) return Read::not_a_number;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(t.c_str(), &end);
  if (end == t.c_str() || *end != '\0') return Read::not_a_number;
  if (!std::isfinite(v)) return errno == ERANGE ? Read::out_of_range : Read::not_finite;
  if (errno == ERANGE) return Read::out_of_range;
  *out = v;
  return Read::ok;
}

/// Text may be empty only where "" is the default and nothing requires a value: there it means
/// "none" (no CACTI folder, no dataset). Names must say something.
bool may_be_empty(const ParamInfo& p) {
  return p.default_text.empty() && !p.required;
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
      return may_be_empty(*this) ? "any text, '' for none" : "non-empty text";
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
      return text.empty() && !may_be_empty(info) ? "expected " + info.allowed() : "";
    case ParamType::boolean:
      return text == "true" || text == "false" ? "" : "expected true or false";
    case ParamType::choice:
      for (const auto& c : info.choices)
        if (c == text) return "";
      return "expected " + info.allowed();
    case ParamType::integer: {
      long long v = 0;
      const Read r = read_integer(text, &v);
      if (r == Read::not_a_number) return "expected " + info.allowed();
      if (r == Read::out_of_range) return "out of range (allowed: " + info.allowed() + ")";
      if (info.power_of_two && !is_power_of_two(v))
        return "must be a power of two (allowed: " + info.allowed() + ")";
      if (info.has_range && (v < info.min || v > info.max))
        return "out of range (allowed: " + info.allowed() + ")";
      return "";
    }
    case ParamType::real: {
      double v = 0;
      const Read r = read_real(text, &v);
      if (r == Read::not_a_number) return "expected " + info.allowed();
      if (r == Read::not_finite) return "not a finite number (allowed: " + info.allowed() + ")";
      if (r == Read::out_of_range) return "out of range (allowed: " + info.allowed() + ")";
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
  // The text is %.*g at the least precision from 6 up that reads back to v. A precision that
  // reads back needs at least the digits of v's shortest round-trip form, which std::to_chars
  // gives without trying each: the search starts there (usually its only step).
  char buf[64];
  int precision = 6;
  if (std::isfinite(v)) {
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    int digits = 0;
    for (const char* c = buf; c != r.ptr && *c != 'e'; ++c) digits += *c >= '0' && *c <= '9';
    precision = std::max(precision, digits);
  }
  for (; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

}  // namespace circa
