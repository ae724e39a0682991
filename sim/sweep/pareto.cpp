#include "sweep/pareto.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <map>
#include <numeric>

namespace circa::sweep {
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

/// The points (x, y) seen so far, kept as their lower-left staircase: x rising, y falling, so
/// "is some point at or below and left of (x, y)" is one search.
class Staircase {
 public:
  bool covers(double x, double y) const {
    auto it = steps_.upper_bound(x);
    if (it == steps_.begin()) return false;
    return std::prev(it)->second <= y;  // the least y among the steps at or left of x
  }
  void add(double x, double y) {
    if (covers(x, y)) return;
    // Steps at or right of x and at or above y are covered by (x, y) now.
    auto it = steps_.lower_bound(x);
    while (it != steps_.end() && it->second >= y) it = steps_.erase(it);
    steps_[x] = y;
  }

 private:
  std::map<double, double> steps_;
};

/// Sorted lexicographically, a row can only be dominated by a row before it; rows equal in
/// every objective are decided together, against the rows strictly before them.
std::vector<size_t> lexicographic_order(const std::vector<std::vector<double>>& costs) {
  std::vector<size_t> order(costs.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return costs[a] < costs[b]; });
  return order;
}

/// One to three objectives: a row is dominated exactly when a row strictly before it (in the
/// lexicographic order, so no worse in the first objective) is no worse in the other two, which
/// the staircase of the earlier rows' (second, third) answers in O(log n).
std::vector<bool> up_to_three(const std::vector<std::vector<double>>& costs) {
  const std::vector<size_t> order = lexicographic_order(costs);
  const size_t d = costs.front().size();
  auto at = [&](size_t row, size_t k) { return k < d ? costs[row][k] : 0.0; };
  std::vector<bool> keep(costs.size(), false);
  Staircase seen;
  for (size_t n = 0; n < order.size();) {
    size_t end = n;
    while (end < order.size() && costs[order[end]] == costs[order[n]]) ++end;
    const bool kept = !seen.covers(at(order[n], 1), at(order[n], 2));
    for (size_t m = n; m < end; ++m) keep[order[m]] = kept;
    seen.add(at(order[n], 1), at(order[n], 2));
    n = end;
  }
  return keep;
}

/// More objectives: each row against the front found so far (domination is transitive).
std::vector<bool> against_front(const std::vector<std::vector<double>>& costs) {
  const std::vector<size_t> order = lexicographic_order(costs);
  std::vector<bool> keep(costs.size(), false);
  std::vector<size_t> found;
  for (size_t row : order) {
    bool kept = true;
    for (size_t f : found)
      if (dominates(costs[f], costs[row])) kept = false;
    keep[row] = kept;
    if (kept) found.push_back(row);
  }
  return keep;
}

}  // namespace

std::vector<bool> non_dominated_all_pairs(const std::vector<std::vector<double>>& costs) {
  std::vector<bool> keep(costs.size(), true);
  for (size_t i = 0; i < costs.size(); ++i)
    for (size_t j = 0; j < costs.size() && keep[i]; ++j)
      if (i != j && dominates(costs[j], costs[i])) keep[i] = false;
  return keep;
}

std::vector<bool> non_dominated(const std::vector<std::vector<double>>& costs) {
  if (costs.empty() || costs.front().empty()) return std::vector<bool>(costs.size(), true);
  for (const auto& c : costs)
    for (double v : c)
      if (std::isnan(v)) return non_dominated_all_pairs(costs);
  return costs.front().size() <= 3 ? up_to_three(costs) : against_front(costs);
}

}  // namespace circa::sweep
