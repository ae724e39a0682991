#include "train/spectral.hpp"

namespace circa::train {

RealFft::RealFft(int k) : k_(k), plan_(k), buf_(k) {}

void RealFft::forward(const double* x, cplx* out) const {
  for (int n = 0; n < k_; ++n) buf_[n] = cplx(x[n], 0.0);
  plan_.forward(buf_.data());
  for (int b = 0; b <= k_ / 2; ++b) out[b] = buf_[b];
}

void RealFft::inverse(const cplx* half, double* x) const {
  buf_[0] = cplx(half[0].real(), 0.0);
  buf_[k_ / 2] = cplx(half[k_ / 2].real(), 0.0);
  for (int b = 1; b < k_ / 2; ++b) {
    buf_[b] = half[b];
    buf_[k_ - b] = std::conj(half[b]);
  }
  plan_.inverse(buf_.data());
  for (int n = 0; n < k_; ++n) x[n] = buf_[n].real();
}

}  // namespace circa::train
