// The Pareto front of a set of cost vectors (every objective minimised): O(n log n) for one to
// three objectives, n x front size for more, and every pair compared when a cost is NaN (no total
// order to sort by).
#pragma once

#include <vector>

namespace circa::sweep {

/// Indices of the rows no other row dominates; costs[i] are row i's objectives, all minimised.
/// A row dominates another when it is no worse in every objective and better in one; equal rows
/// do not dominate each other. A NaN objective never dominates and is always dominated.
std::vector<bool> non_dominated(const std::vector<std::vector<double>>& costs);

/// The definition, every pair compared: O(n^2), for tests and for costs holding NaN.
std::vector<bool> non_dominated_all_pairs(const std::vector<std::vector<double>>& costs);

}  // namespace circa::sweep
