#include "numerics/reference.hpp"

#include <algorithm>
#include <string>

#include "common/error.hpp"

namespace circa::num {
namespace {

void check_shape(const BlockCirculantWeights& bc, int64_t m, int64_t n) {
  CIRCA_CHECK(bc.p == blocks_for(m, bc.k) && bc.q == blocks_for(n, bc.k),
              "block-circulant " + std::to_string(bc.p) + "x" + std::to_string(bc.q) +
                  " blocks of k=" + std::to_string(bc.k) + " do not cover " + std::to_string(m) +
                  "x" + std::to_string(n));
  CIRCA_CHECK(bc.w.size() == static_cast<size_t>(bc.p) * bc.q * bc.k, "weight vector size");
}

}  // namespace

int64_t blocks_for(int64_t n, int k) {
  return (n + k - 1) / k;
}

double BlockCirculantWeights::entry(int64_t row, int64_t col) const {
  const int i = static_cast<int>(row / k), j = static_cast<int>(col / k);
  const int r = static_cast<int>(row % k), c = static_cast<int>(col % k);
  return block(i, j)[((r - c) % k + k) % k];
}

std::vector<double> expand_dense(const BlockCirculantWeights& bc, int64_t m, int64_t n) {
  check_shape(bc, m, n);
  std::vector<double> a(static_cast<size_t>(m * n));
  for (int64_t r = 0; r < m; ++r)
    for (int64_t c = 0; c < n; ++c) a[r * n + c] = bc.entry(r, c);
  return a;
}

std::vector<double> dense_matvec(const std::vector<double>& a, int64_t m, int64_t n,
                                 const std::vector<double>& x) {
  CIRCA_CHECK(a.size() == static_cast<size_t>(m * n) && x.size() == static_cast<size_t>(n),
              "dense_matvec shapes");
  std::vector<double> y(m, 0.0);
  for (int64_t r = 0; r < m; ++r) {
    const double* row = a.data() + r * n;
    double s = 0.0;
    for (int64_t c = 0; c < n; ++c) s += row[c] * x[c];
    y[r] = s;
  }
  return y;
}

std::vector<double> bc_matvec_dense(const BlockCirculantWeights& bc, int64_t m, int64_t n,
                                    const std::vector<double>& x) {
  return dense_matvec(expand_dense(bc, m, n), m, n, x);
}

WeightSpectraD weight_spectra_double(const BlockCirculantWeights& bc) {
  const int k = bc.k, nb = k / 2 + 1;
  const FftPlan plan(k);
  WeightSpectraD ws{bc.p, bc.q, k, std::vector<cplx>(static_cast<size_t>(bc.p) * bc.q * nb)};
  std::vector<cplx> buf(k);
  for (int i = 0; i < bc.p; ++i) {
    for (int j = 0; j < bc.q; ++j) {
      const double* w = bc.block(i, j);
      for (int t = 0; t < k; ++t) buf[t] = w[t];
      plan.forward(buf.data());
      cplx* out = ws.bins.data() + (int64_t{i} * bc.q + j) * nb;
      for (int b = 0; b < nb; ++b) out[b] = buf[b];
    }
  }
  return ws;
}

std::vector<double> bc_matvec_fft(const WeightSpectraD& ws, const FftPlan& plan, int64_t m,
                                  int64_t n, const std::vector<double>& x) {
  const int k = ws.k, nb = k / 2 + 1;
  CIRCA_CHECK(plan.size() == k && ws.p == blocks_for(m, k) && ws.q == blocks_for(n, k) &&
                  x.size() == static_cast<size_t>(n),
              "bc_matvec_fft shapes");
  // Spectra of the q input blocks, bins 0..k/2 (real input: the rest are conjugates).
  std::vector<cplx> xs(static_cast<size_t>(ws.q) * nb), buf(k);
  for (int j = 0; j < ws.q; ++j) {
    for (int t = 0; t < k; ++t) {
      const int64_t c = int64_t{j} * k + t;
      buf[t] = c < n ? x[c] : 0.0;
    }
    plan.forward(buf.data());
    for (int b = 0; b < nb; ++b) xs[j * nb + b] = buf[b];
  }
  std::vector<double> y(m);
  std::vector<cplx> acc(nb);
  for (int i = 0; i < ws.p; ++i) {
    std::fill(acc.begin(), acc.end(), cplx{});
    for (int j = 0; j < ws.q; ++j) {
      const cplx* w = ws.block(i, j);
      const cplx* xj = xs.data() + int64_t{j} * nb;
      for (int b = 0; b < nb; ++b) acc[b] += cmul(w[b], xj[b]);
    }
    // Rebuild the Hermitian spectrum, then one inverse transform; the output is real.
    for (int b = 0; b < nb; ++b) buf[b] = acc[b];
    for (int b = 1; b < k / 2; ++b) buf[k - b] = std::conj(acc[b]);
    plan.inverse(buf.data());
    for (int t = 0; t < k; ++t) {
      const int64_t r = int64_t{i} * k + t;
      if (r < m) y[r] = buf[t].real();
    }
  }
  return y;
}

std::vector<double> bc_matvec_fft(const BlockCirculantWeights& bc, int64_t m, int64_t n,
                                  const std::vector<double>& x) {
  check_shape(bc, m, n);
  return bc_matvec_fft(weight_spectra_double(bc), FftPlan(bc.k), m, n, x);
}

}  // namespace circa::num
