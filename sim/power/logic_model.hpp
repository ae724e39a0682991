// Logic energy and area per operation, from the published 45 nm figures in tables/logic_45nm.csv,
// scaled to other nodes with tables/node_scaling.csv. Every figure carries its source.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "arch/logic_ops.hpp"
#include "common/source_text.hpp"

namespace circa::power {

/// A physical figure with its provenance.
struct Cost {
  double energy_pj = 0;  ///< per operation
  double area_um2 = 0;   ///< per instance
  SourceText source;
};

using arch::Op;  // the operator vocabulary is arch's; this model prices it

class LogicModel {
 public:
  /// The tables compiled into Circa (the CSV files beside this header).
  static const LogicModel& builtin();
  /// Parses the two CSV texts; throws ConfigError naming the table, line and problem.
  LogicModel(const std::string& ops_csv, const std::string& scaling_csv);

  /// Cost of one operation of `bits` bits (a x b multipliers: bits = sqrt(a*b)) at `node_nm`.
  /// Logic scales by the node's energy factor; Op::wire by (Vdd / Vdd at 45 nm)^2 (C V^2, wire
  /// capacitance per mm nearly constant across nodes).
  /// Between table rows of an operator the cost follows a power law in bits; outside the
  /// table's bit range it extrapolates by the nearest two rows' law (stated in the source).
  Cost op(Op op, double bits, int node_nm) const;

  double energy_factor(int node_nm) const;  ///< relative to 45 nm; ConfigError outside 20-90
  double area_factor(int node_nm) const;
  double vdd_v(int node_nm) const;  ///< the supply the node's energy factor assumes
  std::string scaling_source(int node_nm) const;

 private:
  struct Row {
    double bits, energy_pj, area_um2;
    std::string source;
  };
  struct Node {
    double area, energy, vdd;
    std::string source;
  };
  std::map<std::string, std::vector<Row>> ops_;
  std::map<int, Node> nodes_;
  Node node(int node_nm) const;
  Cost op_uncached(Op op, double bits, int node_nm) const;
};


}  // namespace circa::power
