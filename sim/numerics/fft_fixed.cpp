#include "numerics/fft_fixed.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "common/error.hpp"
#include "numerics/fft_double.hpp"

namespace circa::num {
namespace {

int64_t bf_component(int64_t a, int64_t t, int frac_shift, int shift, const FixedFormat& fmt,
                     uint64_t* ovf) {
  return fit(round_shift(a * (int64_t{1} << frac_shift) + t, frac_shift + shift, fmt.rounding), fmt,
             ovf);
}

// The datapath computes in int64: (a << F) plus a full product must fit (accelerator_checks
// guarantees this for loaded specs; direct API callers get an InternalError).
void check_widths(const FixedFormat& data, const FixedFormat& tw) {
  CIRCA_CHECK(tw.frac >= 0 && data.bits + std::max(tw.bits, tw.frac + 1) <= 61,
              "FFT datapath " + describe(data) + " x twiddle " + describe(tw) +
                  " does not fit 64-bit arithmetic");
}

}  // namespace

TwiddleRom::TwiddleRom(int k, const FixedFormat& fmt) : k_(k), fmt_(fmt), words_(k / 2) {
  CIRCA_CHECK(is_pow2(k), "twiddle ROM size " + std::to_string(k));
  const long double pi = 3.141592653589793238462643383279502884L;
  for (int e = 0; e < k / 2; ++e) {
    const long double a = 2.0L * pi * e / k;
    words_[e].re = quantize(static_cast<double>(std::cos(a)), fmt, &overflows_);
    words_[e].im = quantize(static_cast<double>(-std::sin(a)), fmt, &overflows_);
  }
}

ButterflyOut butterfly(const CFixed& a, const CFixed& b, const CFixed& w, int twiddle_frac,
                       int shift, const FixedFormat& fmt, uint64_t* ovf) {
  const int64_t t_re = b.re * w.re - b.im * w.im;
  const int64_t t_im = b.re * w.im + b.im * w.re;
  const int F = twiddle_frac;
  ButterflyOut o;
  o.a = {bf_component(a.re, t_re, F, shift, fmt, ovf),
         bf_component(a.im, t_im, F, shift, fmt, ovf)};
  o.b = {bf_component(a.re, -t_re, F, shift, fmt, ovf),
         bf_component(a.im, -t_im, F, shift, fmt, ovf)};
  return o;
}

FixedFft::FixedFft(int k, const DatapathFormats& formats, FftScaling scaling)
    : k_(k),
      f_(formats),
      fwd_shift_(scaling == FftScaling::forward ? 1 : 0),
      inv_shift_(scaling == FftScaling::inverse ? 1 : 0),
      rev_(bit_reverse_table(k)),
      rom_(k, formats.twiddle) {
  check_widths(formats.fft, formats.twiddle);
  check_widths(formats.ifft, formats.twiddle);
}

int64_t FixedFft::butterflies_per_transform() const {
  return int64_t{k_ / 2} * log2_exact(k_);
}

void FixedFft::transform(std::vector<CFixed>& d, const FixedFormat& fmt, int shift,
                         uint64_t* ovf) const {
  CIRCA_CHECK(d.size() == static_cast<size_t>(k_), "FFT data size");
  const int F = rom_.format().frac;
  for (int m = 2; m <= k_; m *= 2) {
    const int half = m / 2, step = k_ / m;
    for (int g = 0; g < k_; g += m) {
      for (int j = 0; j < half; ++j) {
        const ButterflyOut o =
            butterfly(d[g + j], d[g + j + half], rom_(j * step), F, shift, fmt, ovf);
        d[g + j] = o.a;
        d[g + j + half] = o.b;
      }
    }
  }
}

std::vector<CFixed> FixedFft::forward_real(const int64_t* x, OverflowCounts& ovf) const {
  std::vector<CFixed> d(k_);
  uint64_t* o = &ovf[Stage::fft];
  for (int n = 0; n < k_; ++n) d[rev_[n]] = {requantize(x[n], f_.input.frac, f_.fft, o), 0};
  transform(d, f_.fft, fwd_shift_, o);
  d.resize(k_ / 2 + 1);
  return d;
}

std::vector<int64_t> FixedFft::inverse_real(const std::vector<CFixed>& bins,
                                            OverflowCounts& ovf) const {
  CIRCA_CHECK(bins.size() == static_cast<size_t>(k_ / 2 + 1), "IFFT input bins");
  uint64_t* o = &ovf[Stage::ifft];
  const int from = f_.accumulator.frac;
  // Spectrum in the IFFT format, bins 0 and k/2 real; then conj(X[b]) at b and X[b] at k-b
  // (the conjugate of the Hermitian partner conj(X[b])), all in bit-reversed order.
  std::vector<CFixed> d(k_);
  for (int b = 0; b <= k_ / 2; ++b) {
    const bool real_bin = b == 0 || b == k_ / 2;
    const CFixed x{requantize(bins[b].re, from, f_.ifft, o),
                   real_bin ? 0 : requantize(bins[b].im, from, f_.ifft, o)};
    d[rev_[b]] = {x.re, fit(-x.im, f_.ifft, o)};  // -min_code does not fit: counted
    if (!real_bin) d[rev_[k_ - b]] = x;
  }
  transform(d, f_.ifft, inv_shift_, o);
  std::vector<int64_t> y(k_);
  for (int n = 0; n < k_; ++n) y[n] = d[n].re;  // the final conj leaves the real part alone
  return y;
}

}  // namespace circa::num
