#include "cost/least_squares.hpp"

#include <algorithm>
#include <cmath>

#include "common/error.hpp"

namespace circa {

namespace {

/// Applies the reflection I - 2 v v^T / (v^T v) (v lives in rows k.. of column k) to column j.
void reflect_column(DenseRows& a, const std::vector<double>& v, double vv, size_t k, size_t j) {
  double s = 0.0;
  for (size_t i = k; i < a.size(); ++i) s += v[i - k] * a[i][j];
  const double f = 2.0 * s / vv;
  for (size_t i = k; i < a.size(); ++i) a[i][j] -= f * v[i - k];
}

}  // namespace

std::vector<double> solve_least_squares(DenseRows a, std::vector<double> b) {
  const size_t m = a.size();
  CIRCA_CHECK(m == b.size() && m > 0, "least squares: row count mismatch");
  const size_t n = a[0].size();
  CIRCA_CHECK(m >= n, "least squares: fewer rows than unknowns");
  for (auto& r : a) {
    CIRCA_CHECK(r.size() == n, "least squares: ragged matrix");
    r.push_back(0.0);  // column n carries b through the same reflections
  }
  for (size_t i = 0; i < m; ++i) a[i][n] = b[i];

  std::vector<double> v;
  for (size_t k = 0; k < n; ++k) {
    double norm2 = 0.0;
    for (size_t i = k; i < m; ++i) norm2 += a[i][k] * a[i][k];
    const double norm = std::sqrt(norm2);
    CIRCA_CHECK(norm > 0.0, "least squares: rank-deficient column " + std::to_string(k));
    const double alpha = a[k][k] > 0 ? -norm : norm;
    v.assign(m - k, 0.0);
    for (size_t i = k; i < m; ++i) v[i - k] = a[i][k];
    v[0] -= alpha;
    double vv = 0.0;
    for (double x : v) vv += x * x;
    if (vv == 0.0) continue;
    for (size_t j = k; j <= n; ++j) reflect_column(a, v, vv, k, j);
  }

  // Back substitution on the upper triangle R x = (Q^T b)[0..n).
  std::vector<double> x(n, 0.0);
  double rmax = 0.0;
  for (size_t k = 0; k < n; ++k) rmax = std::max(rmax, std::fabs(a[k][k]));
  for (size_t k = n; k-- > 0;) {
    CIRCA_CHECK(std::fabs(a[k][k]) > 1e-13 * rmax,
                "least squares: rank-deficient matrix at column " + std::to_string(k));
    double s = a[k][n];
    for (size_t j = k + 1; j < n; ++j) s -= a[k][j] * x[j];
    x[k] = s / a[k][k];
  }
  return x;
}

}  // namespace circa
