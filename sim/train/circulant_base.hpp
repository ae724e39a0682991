// What block-circulant layers (fc and conv) share: p x q defining vectors of length k, their
// spectra (bins 0..k/2, the numerics' layout) prepared once per step, the weight gradient summed
// as spectra DY_i conj(X_j) and transformed back once per step, and the projection of the
// spectra onto the weight format's range.
#pragma once

#include <vector>

#include "train/layer.hpp"
#include "train/spectral.hpp"

namespace circa::train::detail {

class CirculantBase : public TrainLayer {
 public:
  CirculantBase(const Layer& l, int accelerator_k)
      : TrainLayer(l, accelerator_k), nb_(static_cast<size_t>(geom().k) / 2 + 1) {}

  size_t param_count() const override { return weights() + bias_count(); }
  size_t accum_count() const override { return 2 * blocks() * nb_ + bias_count(); }
  void init(std::mt19937_64& g, double* params) const override;
  void prepare(const double* params) override;
  void gradient(const double* accum, double* grad) const override;
  void constrain(double* params, double limit) const override;

 protected:
  size_t bins() const { return nb_; }
  size_t blocks() const { return static_cast<size_t>(geom().p) * geom().q; }
  size_t weights() const { return blocks() * geom().k; }
  /// Spectrum of block (i, j) and the bias (null when the layer has none).
  const cplx* spectrum(int i, int j) const {
    return &spectra_[(static_cast<size_t>(i) * geom().q + j) * nb_];
  }
  const double* bias() const { return bias_count() ? bias_ : nullptr; }
  /// The accumulator's spectrum of block (i, j) and its bias part.
  cplx* grad_spectrum(double* accum, int i, int j) const {
    // std::complex<double> is layout-compatible with double[2] (the standard guarantees it).
    return reinterpret_cast<cplx*>(accum) + (static_cast<size_t>(i) * geom().q + j) * nb_;
  }
  double* grad_bias(double* accum) const { return accum + 2 * blocks() * nb_; }

 private:
  size_t nb_;  ///< bins per block, k/2 + 1
  std::vector<cplx> spectra_;
  const double* bias_ = nullptr;
};

/// acc[b] += a[b] * x[b] over n bins; with conj_a, conj(a[b]) * x[b].
inline void mac(cplx* acc, const cplx* a, const cplx* x, size_t n) {
  for (size_t b = 0; b < n; ++b) acc[b] += num::cmul(a[b], x[b]);
}
inline void mac_conj(cplx* acc, const cplx* a, const cplx* x, size_t n) {
  for (size_t b = 0; b < n; ++b) acc[b] += num::cmul(std::conj(a[b]), x[b]);
}

}  // namespace circa::train::detail
