#include "power/logic_delay.hpp"

#include <cmath>

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
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    ns_[t.rows[i][0]] = t.number(i, 1);
    sources_[t.rows[i][0]] = t.rows[i][2];
  }
}

double LogicDelayModel::cell(const std::string& name) const {
  const auto it = ns_.find(name);
  CIRCA_CHECK(it != ns_.end(), "no row " + name + " in the logic delay table");
  return it->second;
}

double LogicDelayModel::add_ns(int bits) const {
  if (bits <= 1) return cell("fa_sum");
  const int prefix_levels = static_cast<int>(std::ceil(std::log2(bits)));
  return 2 * cell("fa_sum") + prefix_levels * cell("fa_carry");
}

double LogicDelayModel::mult_ns(int a_bits, int b_bits) const {
  return cell("and2") + dadda_levels(std::min(a_bits, b_bits)) * cell("fa_sum") +
         add_ns(a_bits + b_bits);
}

double LogicDelayModel::mux2_ns() const {
  return cell("mux2");
}

double LogicDelayModel::register_ns() const {
  return cell("dff_clk_to_q") + cell("dff_setup");
}

PathDelay LogicDelayModel::path(const arch::LogicPath& p, int node_nm) const {
  LogicModel::builtin().energy_factor(node_nm);  // the scaling table's node range, or ConfigError
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
  auto it = sources.find(node_nm);
  if (it == sources.end())
    it = sources
             .emplace(node_nm,
                      fmt::format("sim/power/tables/logic_delay_45nm.csv (NanGate 45 nm OCL "
                                  "typical-corner DFF_X1, FA_X1, AND2_X1 delays; log-depth "
                                  "prefix adders, Dadda multipliers); x {:.3g} for {} nm (delay "
                                  "proportional to feature size)",
                                  scale, node_nm))
             .first;
  d.source = it->second;
  return d;
}

}  // namespace circa::power
