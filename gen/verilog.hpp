// Small helpers shared by the unit generators: parameter-encoding names, literals, declarations
// and the round/saturate parameter codes. Generated modules use concrete widths (no
// parameters), so every name says exactly what the module computes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "spec/fixed_format.hpp"

namespace circa::gen {

/// A format as a name fragment: bits, 'q', frac ('m' for a negative frac), rounding letter
/// (t truncate, u nearest_up, e nearest_even), overflow letter (s saturate, w wrap).
/// s18.14 nearest_up saturate -> "18q14us".
std::string fmt_tag(const FixedFormat& f);

/// `W'hXXXX`: the two's-complement code v as a W-bit hex literal (no sign, so no width surprises).
std::string literal(int64_t v, int width);

/// All-zero value of any width: `{W{1'b0}}` (literal() stops at 64 bits).
std::string zeros(int width);

/// `wire [W-1:0] name` / `reg [W-1:0] name` (a 1-bit signal has no range).
std::string wire(const std::string& name, int width);
std::string reg(const std::string& name, int width);
/// Bits [hi:lo] of a `width`-bit signal; the signal itself when that is all of it (a 1-bit
/// signal is declared without a range and takes no select).
std::string slice(const std::string& name, int hi, int lo, int width);
/// Sign-extension of a W-bit signal `name` to `to` bits: {{(to-W){name[W-1]}}, name}.
std::string sext(const std::string& name, int width, int to);

/// Rounding / overflow codes of circa_round_sat (its instances: Body::round_sat in netlist.hpp).
int round_code(Rounding r);
int sat_code(Overflow o);

/// A port of a generated module, for the manifest and the testbenches.
struct Port {
  std::string name;
  bool output = false;
  int width = 1;
  bool waive_unused = false;  ///< some bits are unused by design: lint waiver around the port
};
/// "  input  wire [W-1:0] name," lines for a module header (the last without a comma).
std::vector<std::string> port_lines(const std::vector<Port>& ports);

int ceil_log2(int64_t v);  ///< bits to address v entries (>= 1)

}  // namespace circa::gen
