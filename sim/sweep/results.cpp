#include "sweep/results.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

namespace circa::sweep {
namespace {

/// The first constraint `row` violates, or "" when it meets all of them.
std::string violation(const ResultRow& row, const std::vector<Constraint>& constraints) {
  if (row.point.status != PointStatus::ok) return "failed";
  for (const auto& c : constraints) {
    const double v = row.metric(c.metric);
    if (std::isnan(v)) return "metric '" + c.metric + "' missing";
    if (!c.holds(v)) return c.text;
  }
  return "";
}

/// Marks the Pareto front among feasible rows, ranked by the objectives in order (lexicographic).
void rank_front(ResultSet& r) {
  std::vector<size_t> feasible;
  std::vector<std::vector<double>> costs;
  for (size_t i = 0; i < r.rows.size(); ++i) {
    if (!r.rows[i].feasible) continue;
    std::vector<double> c;
    for (const auto& o : r.spec.objectives) {
      const double v = r.rows[i].metric(o.metric);
      // A missing objective ranks worst; +inf also keeps the lexicographic sort well-defined.
      c.push_back(std::isnan(v)              ? std::numeric_limits<double>::infinity()
                  : o.goal == Goal::minimise ? v
                                             : -v);
    }
    feasible.push_back(i);
    costs.push_back(std::move(c));
  }
  const std::vector<bool> keep = non_dominated(costs);
  std::vector<size_t> order;
  for (size_t j = 0; j < feasible.size(); ++j)
    if (keep[j]) order.push_back(j);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return costs[a] < costs[b]; });
  for (size_t n = 0; n < order.size(); ++n)
    r.rows[feasible[order[n]]].front_rank = static_cast<int>(n + 1);
}

}  // namespace

double ResultRow::metric(const std::string& name) const {
  if (!point.metrics.is_object() || !point.metrics.contains("values")) return std::nan("");
  const auto& v = point.metrics["values"];
  return v.contains(name) && v[name].is_number() ? v[name].get<double>() : std::nan("");
}

std::vector<bool> non_dominated(const std::vector<std::vector<double>>& costs) {
  std::vector<bool> keep(costs.size(), true);
  for (size_t i = 0; i < costs.size(); ++i)
    for (size_t j = 0; j < costs.size() && keep[i]; ++j) {
      if (i == j) continue;
      bool no_worse = true, better = false;
      for (size_t k = 0; k < costs[i].size(); ++k) {
        // A NaN objective (metric missing) never dominates and is always dominated.
        const double a = costs[j][k], b = costs[i][k];
        if (std::isnan(a) || (!std::isnan(b) && a > b)) no_worse = false;
        if (!std::isnan(a) && (std::isnan(b) || a < b)) better = true;
      }
      if (no_worse && better) keep[i] = false;
    }
  return keep;
}

ResultSet build_results(const ReportSpec& spec, const std::string& version,
                        const std::vector<StoredPoint>& stored,
                        const std::vector<std::string>* order) {
  ResultSet r{spec, version, {}, {}};
  std::map<std::string, const StoredPoint*> main, confirm;
  std::vector<const StoredPoint*> by_finish;
  for (const auto& p : stored) {
    if (p.version != version) continue;
    if (p.fidelity == spec.fidelity)
      main[p.key] = &p, by_finish.push_back(&p);
    else if (p.fidelity == spec.confirm_fidelity)
      confirm[p.key] = &p;
  }
  std::vector<std::string> keys;
  if (order) {
    keys = *order;
  } else {
    std::stable_sort(by_finish.begin(), by_finish.end(),
                     [](auto* a, auto* b) { return a->finished_at < b->finished_at; });
    for (auto* p : by_finish) keys.push_back(p->key);
  }
  std::set<std::string> metrics;
  for (const auto& key : keys) {
    const auto it = main.find(key);
    if (it == main.end()) continue;
    ResultRow row;
    row.point = *it->second;
    if (const auto c = confirm.find(key); c != confirm.end()) row.confirmation = *c->second;
    row.violation = violation(row, spec.constraints);
    row.feasible = row.violation.empty();
    if (row.point.metrics.is_object() && row.point.metrics.contains("values"))
      for (const auto& [name, v] : row.point.metrics["values"].items()) metrics.insert(name);
    r.rows.push_back(std::move(row));
  }
  r.metric_names.assign(metrics.begin(), metrics.end());
  rank_front(r);
  return r;
}

std::vector<const ResultRow*> front(const ResultSet& r) {
  std::vector<const ResultRow*> f;
  for (const auto& row : r.rows)
    if (row.on_front()) f.push_back(&row);
  std::sort(f.begin(), f.end(), [](auto* a, auto* b) { return a->front_rank < b->front_rank; });
  return f;
}

}  // namespace circa::sweep
