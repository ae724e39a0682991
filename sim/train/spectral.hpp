// Real-signal transforms for training, on the numerics' double FFT (the same unscaled DFT the
// weight spectra use, NUMBER_FORMATS.md §5): a real block of k values has a Hermitian spectrum,
// so bins 0..k/2 carry all of it.
#pragma once

#include <vector>

#include "numerics/fft_double.hpp"

namespace circa::train {

using num::cplx;

class RealFft {
 public:
  explicit RealFft(int k);
  int size() const { return k_; }
  int bins() const { return k_ / 2 + 1; }
  /// out[b] = DFT(x)[b], b = 0..k/2; x has k values.
  void forward(const double* x, cplx* out) const;
  /// x = IDFT(H) (with the 1/k) of the Hermitian spectrum whose bins 0..k/2 are `half`; the
  /// imaginary parts of bins 0 and k/2 are ignored.
  void inverse(const cplx* half, double* x) const;

 private:
  int k_;
  num::FftPlan plan_;
  mutable std::vector<cplx> buf_;  ///< one per object: each thread owns its RealFft
};

}  // namespace circa::train
