// The vocabulary hardware units are counted in: operators by kind and width. A unit's inventory
// (what it is built of) and the operators one of its events exercises are structure, counted
// here in arch from the spec; the power model prices them.
#pragma once

namespace circa::arch {

/// reg: a bit written; clock_pin: a flop clocked for one cycle; wire: a bit moved 1 mm.
enum class Op { int_add, int_mult, reg, mux2, clock_pin, wire, dram_access };

/// The operator's name in the logic tables (sim/power/tables/logic_45nm.csv).
const char* to_string(Op op);

/// `count` instances of operator `op` of `bits` bits (a x b multipliers: bits = sqrt(a*b)).
struct OpCount {
  Op op;
  double bits;
  double count;
};

}  // namespace circa::arch
