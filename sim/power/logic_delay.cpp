#include "power/logic_delay.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "common/csv.hpp"
#include "common/error.hpp"
#include "power/logic_model.hpp"
#include "power/logic_tables.hpp"

namespace circa::power {

int dadda_levels(int rows) {
  // d_1 = 2, d_{j+1} = floor(1.5 d_j): the largest row count j levels reduce to two.
  int levels = 0;
  for (int d = 2; d < rows; d = d * 3 / 2) ++levels;
  return levels;
}

const LogicDelayModel& LogicDelayModel::builtin() {
  static const LogicDelayModel model(kLogicDelayCsv);
  return model;
}

LogicDelayModel::LogicDelayModel(const std::string& csv) {
  const CsvTable t = parse_csv(csv, "sim/power/tables/logic_delay_45nm.csv", true);
  t.expect_header({"element", "delay_ns", "source"});
  std::map<std::string, double> ns;
  for (std::size_t i = 0; i < t.rows.size(); ++i) ns[t.rows[i][0]] = t.number(i, 1);
  const auto cell = [&](const std::string& name) {
    const auto it = ns.find(name);
    CIRCA_CHECK(it != ns.end(), "no row " + name + " in the logic delay table");
    return it->second;
  };
  fa_sum_ = cell("fa_sum");
  fa_carry_ = cell("fa_carry");
  and2_ = cell("and2");
  mux2_ = cell("mux2");
  register_ = cell("dff_clk_to_q") + cell("dff_setup");
}

double LogicDelayModel::add_ns(int bits) const {
  if (bits <= 1) return fa_sum_;
  // ceil(log2 bits) by a bit scan (every sweep point prices its adders): the bit length of
  // bits - 1.
  const int prefix_levels = 32 - __builtin_clz(static_cast<unsigned>(bits - 1));
  return 2 * fa_sum_ + prefix_levels * fa_carry_;
}

double LogicDelayModel::mult_ns(int a_bits, int b_bits) const {
  return and2_ + dadda_levels(std::min(a_bits, b_bits)) * fa_sum_ + add_ns(a_bits + b_bits);
}

double LogicDelayModel::mux2_ns() const {
  return mux2_;
}

double LogicDelayModel::register_ns() const {
  return register_;
}

PathDelay LogicDelayModel::path(const arch::LogicPath& p, int node_nm) const {
  double logic = 0;
  for (const arch::PathStep& st : p.steps) {
    switch (st.op) {
      case arch::PathOp::add:
        logic += st.count * add_ns(st.a_bits);
        break;
      case arch::PathOp::mult:
        logic += st.count * mult_ns(st.a_bits, st.b_bits);
        break;
      case arch::PathOp::mux2:
        logic += st.count * mux2_ns();
        break;
    }
  }
  const double scale = node_nm / 45.0;
  PathDelay d;
  d.ns = (register_ns() + logic / std::max(1, p.cycles)) * scale;
  thread_local std::map<int, SourceText> sources;  // one interned text per node
  thread_local bool has_last = false;              // the node of the previous path, and its text
  thread_local int last_node = 0;
  thread_local SourceText last_source;
  if (has_last && node_nm == last_node) {
    d.source = last_source;
    return d;
  }
  auto it = sources.find(node_nm);
  if (it == sources.end()) {
    LogicModel::builtin().energy_factor(node_nm);  // the scaling table's range, or ConfigError
    it = sources
             .emplace(node_nm,
                      fmt::format("sim/power/tables/logic_delay_45nm.csv (NanGate 45 nm OCL "
                                  "typical-corner DFF_X1, FA_X1, AND2_X1 delays; log-depth "
                                  "prefix adders, Dadda multipliers); x {:.3g} for {} nm (delay "
                                  "proportional to feature size)",
                                  scale, node_nm))
             .first;
  }
  d.source = it->second;
  has_last = true;
  last_node = node_nm;
  last_source = it->second;
  return d;
}

}  // namespace circa::power
