#include "train/circulant_base.hpp"

#include <algorithm>
#include <cmath>

#include "numerics/reference.hpp"

namespace circa::train::detail {

void CirculantBase::init(std::mt19937_64& g, double* params) const {
  const double sd = std::sqrt(2.0 / static_cast<double>(geom().cols));
  for (size_t n = 0; n < weights(); ++n) params[n] = sd * normal(g);
  std::fill_n(params + weights(), bias_count(), 0.0);
}

void CirculantBase::prepare(const double* params) {
  const LayerGeometry& g = geom();
  num::BlockCirculantWeights bc{g.p, g.q, g.k, {params, params + weights()}};
  spectra_ = num::weight_spectra_double(bc).bins;
  bias_ = params + weights();
}

void CirculantBase::gradient(const double* accum, double* grad) const {
  RealFft fft(geom().k);
  const auto* ga = reinterpret_cast<const cplx*>(accum);
  for (size_t b = 0; b < blocks(); ++b) fft.inverse(ga + b * nb_, grad + b * geom().k);
  std::copy_n(accum + 2 * blocks() * nb_, bias_count(), grad + weights());
}

// The hardware stores FFT(w_ij) and saturates each component at the weight format's range:
// clip the spectrum there and transform back, so the stored spectra are exactly the clipped
// ones (projected gradient descent onto what the format holds).
void CirculantBase::constrain(double* params, double limit) const {
  RealFft fft(geom().k);
  std::vector<cplx> s(nb_);
  for (size_t b = 0; b < blocks(); ++b) {
    double* w = params + b * geom().k;
    fft.forward(w, s.data());
    bool clipped = false;
    for (cplx& v : s) {
      const cplx c(std::clamp(v.real(), -limit, limit), std::clamp(v.imag(), -limit, limit));
      clipped |= c != v;
      v = c;
    }
    if (clipped) fft.inverse(s.data(), w);
  }
}

}  // namespace circa::train::detail
