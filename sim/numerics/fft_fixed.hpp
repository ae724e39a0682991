// The bit-exact radix-2 FFT datapath: twiddle ROM, one butterfly, and the forward (real input)
// and inverse (conj-FFT-conj, real output) transforms built from it. NUMBER_FORMATS.md §3-§4.
#pragma once

#include <cstdint>
#include <vector>

#include "numerics/fixed_point.hpp"
#include "spec/accelerator_spec.hpp"

namespace circa::num {

/// Twiddle ROM of a k-point FFT: W_k^e = exp(-2 pi i e / k) for e = 0..k/2-1, each component
/// quantize()d to the twiddle format (re = cos, im = -sin).
class TwiddleRom {
 public:
  TwiddleRom(int k, const FixedFormat& fmt);
  int k() const { return k_; }
  const FixedFormat& format() const { return fmt_; }
  const CFixed& operator()(int e) const { return words_[e]; }
  const std::vector<CFixed>& words() const { return words_; }
  /// Components that saturated or wrapped while building the ROM (Stage::twiddle).
  uint64_t overflows() const { return overflows_; }

 private:
  int k_;
  FixedFormat fmt_;
  std::vector<CFixed> words_;
  uint64_t overflows_ = 0;
};

struct ButterflyOut {
  CFixed a;  ///< (a + w b) / 2^shift
  CFixed b;  ///< (a - w b) / 2^shift
};

/// One radix-2 DIT butterfly. a, b are codes of `fmt`, w a twiddle word with twiddle_frac
/// fractional bits. t = b*w exact; a' = round_shift((a << F) + t, F + shift), b' likewise with
/// -t, per component, with fmt.rounding; then fit(fmt), each overflow counting into *ovf.
ButterflyOut butterfly(const CFixed& a, const CFixed& b, const CFixed& w, int twiddle_frac,
                       int shift, const FixedFormat& fmt, uint64_t* ovf);

/// Forward and inverse transforms of one block, sharing one twiddle ROM.
class FixedFft {
 public:
  FixedFft(int k, const DatapathFormats& formats, FftScaling scaling);

  int k() const { return k_; }
  const TwiddleRom& twiddles() const { return rom_; }
  /// Butterflies of one k-point transform: (k/2) * log2(k).
  int64_t butterflies_per_transform() const;

  /// k real codes of formats.input -> bins 0..k/2 in formats.fft. Overflows: Stage::fft.
  std::vector<CFixed> forward_real(const int64_t* x, OverflowCounts& ovf) const;
  /// Bins 0..k/2 in formats.accumulator -> k real codes in formats.ifft. Overflows: Stage::ifft.
  std::vector<int64_t> inverse_real(const std::vector<CFixed>& bins, OverflowCounts& ovf) const;
  /// The in-place DIT datapath on data already in bit-reversed order; `shift` bits per stage.
  void transform(std::vector<CFixed>& data, const FixedFormat& fmt, int shift, uint64_t* ovf) const;

 private:
  int k_;
  DatapathFormats f_;
  int fwd_shift_;
  int inv_shift_;
  std::vector<int> rev_;
  TwiddleRom rom_;
};

}  // namespace circa::num
