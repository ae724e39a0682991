// Delays of the logic units' critical paths (arch/critical_paths.hpp), from the published 45 nm
// cell delays in tables/logic_delay_45nm.csv, composed into adders and multipliers as below and
// scaled to other nodes. Every figure carries its source.
#pragma once

#include <map>
#include <string>

#include "arch/critical_paths.hpp"
#include "common/source_text.hpp"

namespace circa::power {

struct PathDelay {
  double ns = 0;  ///< register to register: clock-to-Q + logic / cycles + setup
  SourceText source;
};

class LogicDelayModel {
 public:
  /// The table compiled into Circa (the CSV beside this header).
  static const LogicDelayModel& builtin();
  /// Parses the CSV text; throws ConfigError naming the table, line and problem.
  explicit LogicDelayModel(const std::string& csv);

  /// At 45 nm. An n-bit adder: a log-depth prefix adder (Sklansky / Kogge-Stone, what a
  /// timing-driven synthesis picks for an adder on a critical path; Yosys's generic Brent-Kung
  /// has 2 log2(n) - 1 levels): propagate/generate, ceil(log2 n) carry-operator levels, the sum
  /// XOR. A carry operator (g_hi | p_hi & g_lo) is the full adder's majority function, so it is
  /// priced at FA_X1's CI->CO arc; each XOR level at FA_X1's A->S arc (an upper bound).
  double add_ns(int bits) const;
  /// An a x b multiplier: AND partial products, a Dadda tree of full adders (one FA_X1 A->S per
  /// level, levels from Dadda's sequence 2, 3, 4, 6, 9, ... for min(a, b) rows), then an
  /// (a + b)-bit adder for the final two rows.
  double mult_ns(int a_bits, int b_bits) const;
  double mux2_ns() const;
  double register_ns() const;  ///< clock-to-Q + setup of the flop ending the path

  /// The path at `node_nm`: delay proportional to feature size (node_scaling.csv's first-order
  /// assumption; ConfigError outside its 20-90 nm), the same for every device flavour.
  PathDelay path(const arch::LogicPath& p, int node_nm) const;

 private:
  // The cells, looked up once: every sweep point prices every unit's path.
  double fa_sum_ = 0, fa_carry_ = 0, and2_ = 0, mux2_ = 0, register_ = 0;
};

/// Dadda's levels of 3:2 compression to bring `rows` partial products down to two.
int dadda_levels(int rows);

}  // namespace circa::power
