// The bit-exact frequency-domain stage and the block-circulant matrix-vector product built from
// the FFT datapath: weight spectra, complex product, accumulation. NUMBER_FORMATS.md §5-§7.
#pragma once

#include <cstdint>
#include <vector>

#include "numerics/fft_fixed.hpp"
#include "numerics/reference.hpp"

namespace circa::num {

/// Quantised weight spectra, bins 0..k/2 of each block: bins[(i*q + j)*(k/2+1) + b].
struct WeightSpectra {
  int p = 0;
  int q = 0;
  int k = 0;
  std::vector<CFixed> bins;

  const CFixed* block(int i, int j) const {
    return bins.data() + (int64_t{i} * q + j) * (k / 2 + 1);
  }
};

/// FFT(w_ij) in double, each bin quantize()d to `weight`; bins 0 and k/2 get imag exactly 0.
/// Overflows count into Stage::weight.
WeightSpectra quantise_weight_spectra(const BlockCirculantWeights& bc, const FixedFormat& weight,
                                      OverflowCounts& ovf);

/// x (formats.fft) times w (formats.weight), exact, requantized to formats.product.
CFixed complex_product(const CFixed& x, const CFixed& w, const DatapathFormats& f, uint64_t* ovf);

/// acc + requantize(product -> accumulator), fit to formats.accumulator.
CFixed accumulate(const CFixed& acc, const CFixed& product, const DatapathFormats& f,
                  uint64_t* ovf);

/// Work done: bc_matvec_fixed transforms all its q input blocks and p output blocks; a conv
/// layer under conv_dataflow: reuse counts each input block's forward FFT once (at its row fill)
/// and the complex MACs of the on-image taps only.
struct EventCounts {
  uint64_t matvecs = 0;       ///< block-circulant matrix-vector products
  uint64_t ffts = 0;          ///< forward k-point FFTs (input blocks)
  uint64_t iffts = 0;         ///< inverse k-point FFTs (output blocks)
  uint64_t butterflies = 0;   ///< radix-2 butterflies in all FFTs and IFFTs
  uint64_t complex_macs = 0;  ///< complex multiply-accumulates, p*q*(k/2+1) per product
  EventCounts& operator+=(const EventCounts& o);
};

/// y = W x in fixed point. x: q*k codes of formats.input (padding already zero). Returns p*k
/// codes of formats.ifft. Sums over j run in ascending j, one sequential sum per (i, bin).
/// The frequency-domain half of the product: input spectra xs[j] (formats.fft, k/2+1 bins) of
/// the q input blocks, times the weight spectra, summed in ascending j, then the IFFT. A null
/// xs[j] is an input block known to be all zeros (a conv tap off the image) and is skipped: its
/// forward FFT is exactly 0, every product with it is exactly 0 and adding 0 leaves an in-range
/// accumulator as it is, so the result is bit-identical to summing it. Counts one matvec, p
/// inverse FFTs and p*(non-null blocks)*(k/2+1) complex MACs.
std::vector<int64_t> bc_matvec_spectra(const FixedFft& fft, const WeightSpectra& ws,
                                       const DatapathFormats& f,
                                       const std::vector<const std::vector<CFixed>*>& xs,
                                       OverflowCounts& ovf, EventCounts& ev);

std::vector<int64_t> bc_matvec_fixed(const FixedFft& fft, const WeightSpectra& ws,
                                     const DatapathFormats& f, const std::vector<int64_t>& x,
                                     OverflowCounts& ovf, EventCounts& ev);

}  // namespace circa::num
