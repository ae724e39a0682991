#include "numerics/bc_fixed.hpp"

#include <algorithm>
#include <string>

#include "common/error.hpp"

namespace circa::num {

WeightSpectra quantise_weight_spectra(const BlockCirculantWeights& bc, const FixedFormat& weight,
                                      OverflowCounts& ovf) {
  const WeightSpectraD d = weight_spectra_double(bc);
  const int nb = bc.k / 2 + 1;
  WeightSpectra ws{bc.p, bc.q, bc.k, std::vector<CFixed>(d.bins.size())};
  uint64_t* o = &ovf[Stage::weight];
  for (size_t n = 0; n < d.bins.size(); ++n) {
    const int b = static_cast<int>(n % nb);
    const bool real_bin = b == 0 || b == nb - 1;
    ws.bins[n] = {quantize(d.bins[n].real(), weight, o),
                  real_bin ? 0 : quantize(d.bins[n].imag(), weight, o)};
  }
  return ws;
}

CFixed complex_product(const CFixed& x, const CFixed& w, const DatapathFormats& f, uint64_t* ovf) {
  const int from = f.fft.frac + f.weight.frac;
  return {requantize(x.re * w.re - x.im * w.im, from, f.product, ovf),
          requantize(x.re * w.im + x.im * w.re, from, f.product, ovf)};
}

CFixed accumulate(const CFixed& acc, const CFixed& product, const DatapathFormats& f,
                  uint64_t* ovf) {
  const int from = f.product.frac;
  const FixedFormat& a = f.accumulator;
  return {fit(acc.re + requantize(product.re, from, a, ovf), a, ovf),
          fit(acc.im + requantize(product.im, from, a, ovf), a, ovf)};
}

EventCounts& EventCounts::operator+=(const EventCounts& o) {
  matvecs += o.matvecs;
  ffts += o.ffts;
  iffts += o.iffts;
  butterflies += o.butterflies;
  complex_macs += o.complex_macs;
  return *this;
}

std::vector<int64_t> bc_matvec_spectra(const FixedFft& fft, const WeightSpectra& ws,
                                       const DatapathFormats& f,
                                       const std::vector<const std::vector<CFixed>*>& xs,
                                       OverflowCounts& ovf, EventCounts& ev) {
  const int k = ws.k, nb = k / 2 + 1;
  CIRCA_CHECK(fft.k() == k && xs.size() == static_cast<size_t>(ws.q),
              "bc_matvec_spectra: " + std::to_string(xs.size()) +
                  " input spectra for q=" + std::to_string(ws.q));
  std::vector<int64_t> y(static_cast<size_t>(ws.p) * k);
  std::vector<CFixed> acc(nb);
  uint64_t blocks = 0;
  for (const auto* x : xs) blocks += x != nullptr;
  for (int i = 0; i < ws.p; ++i) {
    std::fill(acc.begin(), acc.end(), CFixed{});
    // Ascending j, one running sum per bin: the order hardware accumulator banks must keep.
    for (int j = 0; j < ws.q; ++j) {
      if (xs[j] == nullptr) continue;  // an all-zero block: its contribution is exactly 0
      const std::vector<CFixed>& xj = *xs[j];
      const CFixed* w = ws.block(i, j);
      for (int b = 0; b < nb; ++b)
        acc[b] = accumulate(acc[b], complex_product(xj[b], w[b], f, &ovf[Stage::product]), f,
                            &ovf[Stage::accumulator]);
    }
    const std::vector<int64_t> yi = fft.inverse_real(acc, ovf);
    std::copy(yi.begin(), yi.end(), y.begin() + int64_t{i} * k);
  }
  const uint64_t p = ws.p;
  ev += {1, 0, p, p * static_cast<uint64_t>(fft.butterflies_per_transform()),
         p * blocks * static_cast<uint64_t>(nb)};
  return y;
}

std::vector<int64_t> bc_matvec_fixed(const FixedFft& fft, const WeightSpectra& ws,
                                     const DatapathFormats& f, const std::vector<int64_t>& x,
                                     OverflowCounts& ovf, EventCounts& ev) {
  const int k = ws.k;
  CIRCA_CHECK(fft.k() == k && x.size() == static_cast<size_t>(ws.q) * k,
              "bc_matvec_fixed: " + std::to_string(x.size()) +
                  " inputs for q=" + std::to_string(ws.q) + ", k=" + std::to_string(k));
  std::vector<std::vector<CFixed>> spectra(ws.q);
  std::vector<const std::vector<CFixed>*> xs(ws.q);
  for (int j = 0; j < ws.q; ++j) {
    spectra[j] = fft.forward_real(x.data() + int64_t{j} * k, ovf);
    xs[j] = &spectra[j];
  }
  const uint64_t q = ws.q;
  ev += {0, q, 0, q * static_cast<uint64_t>(fft.butterflies_per_transform()), 0};
  return bc_matvec_spectra(fft, ws, f, xs, ovf, ev);
}

}  // namespace circa::num
