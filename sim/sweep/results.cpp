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

namespace {

/// j dominates i: no worse in every objective and better in one. A NaN objective (metric
/// missing) never dominates and is always dominated.
bool dominates(const std::vector<double>& j, const std::vector<double>& i) {
  bool no_worse = true, better = false;
  for (size_t k = 0; k < i.size(); ++k) {
    const double a = j[k], b = i[k];
    if (std::isnan(a) || (!std::isnan(b) && a > b)) no_worse = false;
    if (!std::isnan(a) && (std::isnan(b) || a < b)) better = true;
  }
  return no_worse && better;
}

/// Every pair compared: the definition, for costs holding NaN (no total order to sort by).
std::vector<bool> all_pairs(const std::vector<std::vector<double>>& costs) {
  std::vector<bool> keep(costs.size(), true);
  for (size_t i = 0; i < costs.size(); ++i)
    for (size_t j = 0; j < costs.size() && keep[i]; ++j)
      if (i != j && dominates(costs[j], costs[i])) keep[i] = false;
  return keep;
}

}  // namespace

std::vector<bool> non_dominated(const std::vector<std::vector<double>>& costs) {
  if (costs.empty() || costs.front().empty()) return std::vector<bool>(costs.size(), true);
  for (const auto& c : costs)
    for (double v : c)
      if (std::isnan(v)) return all_pairs(costs);
  // Sorted lexicographically, a row can only be dominated by one before it, and then by a row
  // of the front found so far (domination is transitive): O(n log n) plus n x front size.
  std::vector<size_t> order(costs.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return costs[a] < costs[b]; });
  std::vector<bool> keep(costs.size(), false);
  const bool two = !costs.empty() && costs.front().size() == 2;
  std::vector<size_t> found;
  double best_before = std::numeric_limits<double>::infinity();  // 2 objectives: min of 2nd
  for (size_t n = 0; n < order.size();) {
    // Rows equal in the first objective: only those at the group's least second one can stay.
    size_t end = n;
    while (end < order.size() && costs[order[end]][0] == costs[order[n]][0]) ++end;
    for (size_t m = n; m < end; ++m) {
      const auto& c = costs[order[m]];
      bool kept;
      if (two) {
        kept = c[1] == costs[order[n]][1] && (c[1] < best_before || n == 0);
      } else {
        kept = true;
        for (size_t f : found)
          if (dominates(costs[f], c)) kept = false;
      }
      keep[order[m]] = kept;
      if (!two && kept) found.push_back(order[m]);
    }
    if (two) best_before = std::min(best_before, costs[order[n]][1]);
    n = end;
  }
  return keep;
}

ResultSet build_results(const ReportSpec& spec, const std::string& version,
                        std::vector<StoredPoint> stored, const std::vector<std::string>* order) {
  ResultSet r{spec, version, {}, {}};
  std::map<std::string, StoredPoint*> main, confirm;
  std::vector<const StoredPoint*> by_finish;
  for (auto& p : stored) {
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
    row.point = std::move(*it->second);  // each key once: moved, not copied
    if (const auto c = confirm.find(key); c != confirm.end())
      row.confirmation = std::move(*c->second);
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
