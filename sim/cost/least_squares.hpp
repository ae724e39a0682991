// Dense linear least squares by Householder QR: small (a few hundred rows, tens of columns) and
// exact enough that a refit reproduces the checked-in coefficients to ~1e-12.
#pragma once

#include <vector>

namespace circa {

/// Row-major dense matrix, rows[i][j].
using DenseRows = std::vector<std::vector<double>>;

/// Solves min ||A x - b||_2 for A with rows.size() >= columns and full column rank.
/// Throws InternalError on a shape mismatch or a rank-deficient A (callers add ridge rows).
std::vector<double> solve_least_squares(DenseRows a, std::vector<double> b);

}  // namespace circa
