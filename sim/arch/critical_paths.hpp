// The longest register-to-register path of each logic unit, as the Verilog generator (gen/)
// builds it: which adders, multipliers and 2:1 mux levels sit in series between two registers,
// at the widths the spec's formats give them, and over how many register stages synthesis may
// spread them. Structure only, counted here in arch from the spec (like unit_inventory.hpp); the
// power library prices the delays (power/logic_delay.hpp). Neither side reads the generator.
#pragma once

#include <string>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "arch/units.hpp"

namespace circa::arch {

enum class PathOp {
  add,   ///< an a_bits-bit two's-complement adder (a subtractor, an increment, a comparator)
  mult,  ///< an a_bits x b_bits multiplier
  mux2,  ///< a level of 2:1 selects (a case, a clamp, a register-file read: one per address bit)
};

/// `count` operators of one kind in series.
struct PathStep {
  PathOp op;
  int a_bits = 0, b_bits = 0;
  int count = 1;
  const char* what = "";  ///< which generated signal it computes
};

struct LogicPath {
  UnitId unit;
  boost::container::small_vector<PathStep, 12> steps;  // in place: priced at every sweep point
  /// Cycles the path's logic may take: register stages synthesis retimes it over, or a
  /// multicycle path's cycles (1: the whole path in one clock period).
  int cycles = 1;
  /// The registers it starts and ends at, e.g. "stage counter -> delay line" (a literal: pricing
  /// a path per sweep point formats no text).
  const char* from_to = "";
};

/// The critical path of every logic unit the spec builds (units without arithmetic between
/// registers, e.g. the weight FIFO, are left out), in registry order.
std::vector<LogicPath> critical_paths(const AcceleratorSpec& s);

/// "mult 16x16 -> add 33 -> ..." for reports.
std::string describe(const LogicPath& p);

}  // namespace circa::arch
