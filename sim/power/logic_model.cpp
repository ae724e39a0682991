#include "power/logic_model.hpp"

#include <cmath>
#include <map>
#include <tuple>

#include "common/csv.hpp"
#include "common/error.hpp"
#include "power/logic_tables.hpp"

namespace circa::power {
namespace {

const char* key(Op op) {
  return to_string(op);
}

/// Power law through two rows: value(b) = v0 * (b / b0)^e.
double power_law(double b, double b0, double v0, double b1, double v1) {
  if (b0 == b1) return v0;
  const double e = std::log(v1 / v0) / std::log(b1 / b0);
  return v0 * std::pow(b / b0, e);
}

}  // namespace

const LogicModel& LogicModel::builtin() {
  static const LogicModel model(kLogicOpsCsv, kNodeScalingCsv);
  return model;
}

LogicModel::LogicModel(const std::string& ops_csv, const std::string& scaling_csv) {
  const CsvTable ops = parse_csv(ops_csv, "sim/power/tables/logic_45nm.csv", true);
  ops.expect_header({"operator", "bits", "energy_pj", "area_um2", "source"});
  for (std::size_t i = 0; i < ops.rows.size(); ++i)
    ops_[ops.rows[i][0]].push_back(
        Row{ops.number(i, 1), ops.number(i, 2), ops.number(i, 3), ops.rows[i][4]});
  const CsvTable sc = parse_csv(scaling_csv, "sim/power/tables/node_scaling.csv", true);
  sc.expect_header({"node_nm", "area_factor", "energy_factor", "vdd_v", "source"});
  for (std::size_t i = 0; i < sc.rows.size(); ++i)
    nodes_[static_cast<int>(sc.number(i, 0))] =
        Node{sc.number(i, 1), sc.number(i, 2), sc.number(i, 3), sc.rows[i][4]};
}

LogicModel::Node LogicModel::node(int node_nm) const {
  const auto hi = nodes_.lower_bound(node_nm);
  if (hi == nodes_.end() || (hi == nodes_.begin() && hi->first != node_nm))
    throw ConfigError("technology.node_nm = " + std::to_string(node_nm) +
                      " is outside the logic scaling table (" +
                      std::to_string(nodes_.begin()->first) + "-" +
                      std::to_string(nodes_.rbegin()->first) + " nm)");
  if (hi->first == node_nm) return hi->second;
  const auto lo = std::prev(hi);  // linear in feature size between the two table nodes
  const double t = double(node_nm - lo->first) / (hi->first - lo->first);
  return Node{lo->second.area + t * (hi->second.area - lo->second.area),
              lo->second.energy + t * (hi->second.energy - lo->second.energy),
              lo->second.vdd + t * (hi->second.vdd - lo->second.vdd),
              "interpolated between " + std::to_string(lo->first) + " and " +
                  std::to_string(hi->first) + " nm of " + lo->second.source};
}

double LogicModel::energy_factor(int node_nm) const {
  return node(node_nm).energy;
}
double LogicModel::area_factor(int node_nm) const {
  return node(node_nm).area;
}
double LogicModel::vdd_v(int node_nm) const {
  return node(node_nm).vdd;
}
std::string LogicModel::scaling_source(int node_nm) const {
  return node(node_nm).source;
}

Cost LogicModel::op(Op op, double bits, int node_nm) const {
  // The built-in tables never change: each thread works a figure out once (clock pins, wires
  // and off-chip accesses are asked for on every point of a sweep).
  if (this != &builtin()) return op_uncached(op, bits, node_nm);
  thread_local std::map<std::tuple<Op, double, int>, Cost> cache;
  const auto key = std::make_tuple(op, bits, node_nm);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  return cache.emplace(key, op_uncached(op, bits, node_nm)).first->second;
}

Cost LogicModel::op_uncached(Op op, double bits, int node_nm) const {
  const auto it = ops_.find(key(op));
  CIRCA_CHECK(it != ops_.end() && !it->second.empty(), std::string("no table rows for ") + key(op));
  const auto& rows = it->second;
  // Pick the bracketing pair (or the nearest two rows when outside the table).
  size_t i = 0;
  while (i + 2 < rows.size() && bits > rows[i + 1].bits) ++i;
  const Row& a = rows[i];
  const Row& b = rows.size() > 1 ? rows[i + 1] : rows[i];
  Cost c;
  if (rows.size() == 1) {  // per-bit figure: scale linearly
    c.energy_pj = a.energy_pj * bits / a.bits;
    c.area_um2 = a.area_um2 * bits / a.bits;
  } else {
    c.energy_pj = power_law(bits, a.bits, a.energy_pj, b.bits, b.energy_pj);
    c.area_um2 = power_law(bits, a.bits, a.area_um2, b.bits, b.area_um2);
  }
  const Node n = node(node_nm);
  if (op == Op::wire) {
    const double v = n.vdd / node(45).vdd;
    c.energy_pj *= v * v;
    c.source = a.source + "; scaled to " + std::to_string(node_nm) +
               " nm by (Vdd ratio)^2, Vdd from " + n.source;
    return c;
  }
  c.energy_pj *= n.energy;
  c.area_um2 *= n.area;
  c.source = a.source + "; scaled to " + std::to_string(node_nm) + " nm by " + n.source;
  return c;
}

}  // namespace circa::power
