#include "gen/verilog.hpp"

#include <cstdio>

#include "common/error.hpp"

namespace circa::gen {

std::string fmt_tag(const FixedFormat& f) {
  const char r = f.rounding == Rounding::truncate     ? 't'
                 : f.rounding == Rounding::nearest_up ? 'u'
                                                      : 'e';
  const char o = f.overflow == Overflow::saturate ? 's' : 'w';
  const std::string frac = f.frac < 0 ? "m" + std::to_string(-f.frac) : std::to_string(f.frac);
  return std::to_string(f.bits) + "q" + frac + r + o;
}

std::string literal(int64_t v, int width) {
  CIRCA_CHECK(width >= 1 && width <= 64, "literal width " + std::to_string(width));
  const uint64_t mask = width == 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d'h%llx", width,
                static_cast<unsigned long long>(static_cast<uint64_t>(v) & mask));
  return buf;
}

std::string zeros(int width) {
  return width == 1 ? "1'b0" : "{" + std::to_string(width) + "{1'b0}}";
}

static std::string range(int width) {
  return width == 1 ? std::string() : "[" + std::to_string(width - 1) + ":0] ";
}

std::string wire(const std::string& name, int width) {
  return "wire " + range(width) + name;
}
std::string reg(const std::string& name, int width) {
  return "reg  " + range(width) + name;
}

std::string slice(const std::string& name, int hi, int lo, int width) {
  if (hi == width - 1 && lo == 0) return name;
  return name + "[" + std::to_string(hi) + (hi == lo ? "" : ":" + std::to_string(lo)) + "]";
}

std::string sext(const std::string& name, int width, int to) {
  CIRCA_CHECK(to >= width, "sext narrows");
  if (to == width) return name;
  return "{{" + std::to_string(to - width) + "{" + name + "[" + std::to_string(width - 1) +
         "]}}, " + name + "}";
}

int round_code(Rounding r) {
  switch (r) {
    case Rounding::truncate:
      return 0;
    case Rounding::nearest_up:
      return 1;
    case Rounding::nearest_even:
      return 2;
  }
  return 1;
}

int sat_code(Overflow o) {
  return o == Overflow::saturate ? 1 : 0;
}

std::vector<std::string> port_lines(const std::vector<Port>& ports) {
  std::vector<std::string> v;
  for (size_t i = 0; i < ports.size(); ++i) {
    const Port& p = ports[i];
    std::string s =
        std::string(p.output ? "output wire " : "input  wire ") + range(p.width) + p.name;
    if (i + 1 < ports.size()) s += ",";
    if (p.waive_unused) v.push_back("/* verilator lint_off UNUSEDSIGNAL */");
    v.push_back(s);
    if (p.waive_unused) v.push_back("/* verilator lint_on UNUSEDSIGNAL */");
  }
  return v;
}

int ceil_log2(int64_t v) {
  int n = 1;
  while ((int64_t{1} << n) < v) ++n;
  return n;
}

}  // namespace circa::gen
