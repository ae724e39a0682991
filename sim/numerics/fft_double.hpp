// Double-precision radix-2 FFT: the reference the fixed-point FFT is measured against, and the
// offline transform that turns stored weight vectors into weight spectra.
#pragma once

#include <complex>
#include <vector>

namespace circa::num {

using cplx = std::complex<double>;

/// Plain complex product: std::complex's operator* adds NaN/inf recovery the hot loops never need.
inline cplx cmul(const cplx& a, const cplx& b) {
  return {a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real()};
}

/// True when k is a power of two >= 2.
bool is_pow2(int k);
/// log2(k) for a power of two k; InternalError otherwise.
int log2_exact(int k);
/// rev[n] = n with its log2(k) bits reversed: the input order of an in-place DIT FFT.
std::vector<int> bit_reverse_table(int k);

/// A k-point radix-2 DIT FFT with its twiddles and bit-reversal table computed once.
class FftPlan {
 public:
  explicit FftPlan(int k);
  int size() const { return k_; }
  /// In place: a <- DFT(a), X[b] = sum_n a[n] exp(-2 pi i b n / k). a has k elements.
  void forward(cplx* a) const;
  /// In place: a <- IDFT(a), including the 1/k.
  void inverse(cplx* a) const;

 private:
  void transform(cplx* a, bool inverse) const;

  int k_;
  std::vector<int> rev_;
  std::vector<cplx> tw_;  ///< exp(-2 pi i e / k), e = 0..k/2-1
};

/// DFT of a (size a power of two).
std::vector<cplx> fft(std::vector<cplx> a);
/// Inverse DFT of a, including the 1/k.
std::vector<cplx> ifft(std::vector<cplx> a);

}  // namespace circa::num
