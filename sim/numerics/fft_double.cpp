#include "numerics/fft_double.hpp"

#include <cmath>
#include <string>
#include <utility>

#include "common/error.hpp"

namespace circa::num {

bool is_pow2(int k) {
  return k >= 2 && (k & (k - 1)) == 0;
}

int log2_exact(int k) {
  CIRCA_CHECK(is_pow2(k), "FFT size " + std::to_string(k) + " is not a power of two >= 2");
  int l = 0;
  while ((1 << l) < k) ++l;
  return l;
}

std::vector<int> bit_reverse_table(int k) {
  const int bits = log2_exact(k);
  std::vector<int> rev(k);
  for (int n = 0; n < k; ++n) {
    int r = 0;
    for (int b = 0; b < bits; ++b) r |= ((n >> b) & 1) << (bits - 1 - b);
    rev[n] = r;
  }
  return rev;
}

FftPlan::FftPlan(int k) : k_(k), rev_(bit_reverse_table(k)), tw_(k / 2) {
  // Each twiddle straight from cos/sin (no recurrence), so errors stay at one ulp.
  const long double pi = 3.141592653589793238462643383279502884L;
  for (int e = 0; e < k / 2; ++e) {
    const long double a = 2.0L * pi * e / k;
    tw_[e] = cplx(static_cast<double>(std::cos(a)), static_cast<double>(-std::sin(a)));
  }
}

void FftPlan::transform(cplx* a, bool inverse) const {
  for (int n = 0; n < k_; ++n)
    if (n < rev_[n]) std::swap(a[n], a[rev_[n]]);
  for (int m = 2; m <= k_; m *= 2) {
    const int half = m / 2, step = k_ / m;
    for (int g = 0; g < k_; g += m) {
      for (int j = 0; j < half; ++j) {
        const cplx w = inverse ? std::conj(tw_[j * step]) : tw_[j * step];
        const cplx t = cmul(a[g + j + half], w);
        a[g + j + half] = a[g + j] - t;
        a[g + j] += t;
      }
    }
  }
}

void FftPlan::forward(cplx* a) const {
  transform(a, false);
}

void FftPlan::inverse(cplx* a) const {
  transform(a, true);
  const double s = 1.0 / k_;
  for (int n = 0; n < k_; ++n) a[n] *= s;
}

std::vector<cplx> fft(std::vector<cplx> a) {
  FftPlan(static_cast<int>(a.size())).forward(a.data());
  return a;
}

std::vector<cplx> ifft(std::vector<cplx> a) {
  FftPlan(static_cast<int>(a.size())).inverse(a.data());
  return a;
}

}  // namespace circa::num
