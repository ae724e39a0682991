#include "sweep/results.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <unordered_map>

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

/// Turns stored points into compact rows one at a time, numbering metric names as they come;
/// finish() sorts the names and puts the rows in the asked order.
class RowCollector {
 public:
  RowCollector(const ReportSpec& spec, const std::string& version)
      : r_{spec, version, {}, {}, {}, {}} {}

  void add(StoredSummary&& p) {
    ResultRow row;
    row.point.key = std::move(p.key);
    row.point.status = p.status;
    row.point.error = std::move(p.error);
    row.point.seconds = p.seconds;
    for (const auto& a : r_.spec.axis_params)
      row.point.inputs.push_back(p.inputs.contains(a) && p.inputs[a].is_string()
                                     ? p.inputs[a].get<std::string>()
                                     : std::string());
    if (p.values.is_object())
      for (const auto& [name, v] : p.values.items()) {
        const size_t i = index_.emplace(name, index_.size()).first->second;
        if (row.values.size() <= i) row.values.resize(i + 1, std::nan(""));
        if (v.is_number()) row.values[i] = v.get<double>();
      }
    r_.rows.push_back(std::move(row));
  }

  void confirm(const std::string& key, std::shared_ptr<const StoredPoint> c) {
    confirm_[key] = std::move(c);
  }

  ResultSet finish(const std::vector<std::string>* order) {
    number_metrics();
    if (order) keep_order(*order);
    for (auto& row : r_.rows) {
      if (const auto c = confirm_.find(row.point.key); c != confirm_.end())
        row.confirmation = c->second;
      row.violation = violation(row, r_.spec.constraints);
      row.feasible = row.violation.empty();
    }
    rank_front(r_);
    return std::move(r_);
  }

 private:
  /// Names sorted, each row's values put in their order, and every row pointed at them.
  void number_metrics() {
    auto names = std::make_shared<MetricNames>();
    std::vector<size_t> sorted_at(index_.size());
    for (const auto& [name, i] : index_) names->names.push_back(name);
    std::sort(names->names.begin(), names->names.end());
    for (size_t s = 0; s < names->names.size(); ++s) sorted_at[index_.at(names->names[s])] = s;
    for (auto& row : r_.rows) {
      std::vector<double> v(names->names.size(), std::nan(""));
      for (size_t i = 0; i < row.values.size(); ++i) v[sorted_at[i]] = row.values[i];
      row.values = std::move(v);
      row.names = names.get();
    }
    r_.metric_names = names->names;
    r_.names = std::move(names);
  }

  /// The rows in the order of `order` (its keys distinct), those it does not name dropped.
  void keep_order(const std::vector<std::string>& order) {
    std::unordered_map<std::string_view, size_t> at;
    at.reserve(order.size());
    for (size_t i = 0; i < order.size(); ++i) at.emplace(order[i], i);
    std::vector<std::pair<size_t, size_t>> ranked;  // (place in order, row)
    for (size_t i = 0; i < r_.rows.size(); ++i)
      if (const auto it = at.find(r_.rows[i].point.key); it != at.end())
        ranked.emplace_back(it->second, i);
    std::sort(ranked.begin(), ranked.end());
    std::vector<ResultRow> rows;
    rows.reserve(ranked.size());
    for (const auto& [place, i] : ranked) rows.push_back(std::move(r_.rows[i]));
    r_.rows = std::move(rows);
  }

  ResultSet r_;
  std::unordered_map<std::string, size_t> index_;
  std::map<std::string, std::shared_ptr<const StoredPoint>> confirm_;
};

}  // namespace

int MetricNames::index_of(const std::string& name) const {
  const auto it = std::lower_bound(names.begin(), names.end(), name);
  return it != names.end() && *it == name ? static_cast<int>(it - names.begin()) : -1;
}

double ResultRow::metric(const std::string& name) const {
  const int i = names ? names->index_of(name) : -1;
  return i >= 0 && static_cast<size_t>(i) < values.size() ? values[i] : std::nan("");
}

const std::string& ResultRow::input(const ReportSpec& spec, const std::string& param) const {
  static const std::string none;
  for (size_t a = 0; a < spec.axis_params.size() && a < point.inputs.size(); ++a)
    if (spec.axis_params[a] == param) return point.inputs[a];
  return none;
}

ResultSet build_results(const ReportSpec& spec, const std::string& version,
                        std::vector<StoredPoint> stored, const std::vector<std::string>* order) {
  RowCollector rows(spec, version);
  auto metrics = std::make_shared<std::map<std::string, nlohmann::json>>();
  // By finish time, ties in the given order (a store's rows come ordered by key).
  std::stable_sort(stored.begin(), stored.end(), [](const StoredPoint& a, const StoredPoint& b) {
    return a.finished_at < b.finished_at;
  });
  for (auto& p : stored) {
    if (p.version != version) continue;
    if (p.fidelity == spec.confirm_fidelity && p.fidelity != spec.fidelity)
      rows.confirm(p.key, std::make_shared<const StoredPoint>(p));
    if (p.fidelity != spec.fidelity) continue;
    StoredSummary s{p.key, p.status, p.error, p.seconds, p.inputs, nullptr};
    if (p.metrics.is_object() && p.metrics.contains("values")) s.values = p.metrics["values"];
    (*metrics)[p.key] = std::move(p.metrics);
    rows.add(std::move(s));
  }
  ResultSet r = rows.finish(order);
  r.metrics_of = [metrics](const std::string& key) {
    const auto it = metrics->find(key);
    return it == metrics->end() ? nlohmann::json() : it->second;
  };
  return r;
}

ResultSet build_results_from_store(const ReportSpec& spec, const std::string& version,
                                   std::shared_ptr<const ResultStore> store,
                                   const std::vector<std::string>* order) {
  RowCollector rows(spec, version);
  store->for_each_summary(version, spec.fidelity,
                          [&](StoredSummary&& s) { rows.add(std::move(s)); });
  if (spec.confirm_fidelity != spec.fidelity) {
    for (auto& p : store->all_at(version, spec.confirm_fidelity)) {
      const std::string key = p.key;  // p is moved from below
      rows.confirm(key, std::make_shared<const StoredPoint>(std::move(p)));
    }
  }
  ResultSet r = rows.finish(order);
  r.metrics_of = [store, version, fidelity = spec.fidelity](const std::string& key) {
    return store->metrics_of(key, version, fidelity);
  };
  return r;
}

std::vector<const ResultRow*> sample_rows(const ResultSet& r, size_t limit) {
  size_t on_front = 0;
  for (const auto& row : r.rows) on_front += row.on_front();
  const size_t others = r.rows.size() - on_front;
  const size_t room = limit > on_front ? limit - on_front : 0;
  const size_t stride = room == 0 ? 0 : (others + room - 1) / room;
  std::vector<const ResultRow*> v;
  size_t other = 0;
  for (const auto& row : r.rows) {
    if (row.on_front())
      v.push_back(&row);
    else if (stride != 0 && other++ % stride == 0)
      v.push_back(&row);
  }
  return v;
}

std::vector<const ResultRow*> front(const ResultSet& r) {
  std::vector<const ResultRow*> f;
  for (const auto& row : r.rows)
    if (row.on_front()) f.push_back(&row);
  std::sort(f.begin(), f.end(), [](auto* a, auto* b) { return a->front_rank < b->front_rank; });
  return f;
}

}  // namespace circa::sweep
