// Shared by the layer implementations only (not part of the numerics API).
#pragma once

#include <vector>

#include "numerics/conv_gather.hpp"
#include "numerics/layer.hpp"
#include "numerics/reference.hpp"

namespace circa::num::detail {

/// One layer's fixed-point machinery for one input: the prepared FFT unit and stored
/// parameters, and the result being built.
class FixedKernel {
 public:
  FixedKernel(const PreparedLayer& layer, LayerResult& result);
  const DatapathFormats& formats() const { return p_.spec().formats; }
  const LayerGeometry& geometry() const { return p_.geometry(); }
  /// q*k input codes -> p*k codes of formats.ifft.
  std::vector<int64_t> matvec(const std::vector<int64_t>& x);
  /// The spectrum of one input block (k codes of formats.input), counted as one forward FFT.
  std::vector<CFixed> forward(const int64_t* block);
  /// q input spectra (null: an all-zero block, skipped) -> p*k codes of formats.ifft.
  std::vector<int64_t> matvec_spectra(const std::vector<const std::vector<CFixed>*>& xs);
  /// Output-format value of `row` before the activation (bias added when the layer has one).
  int64_t preactivation(int64_t ifft_code, int64_t row);
  /// The overflow counter of one stage, for element-wise work done by the layer code.
  uint64_t* overflow(Stage s) { return &res_.overflow[s]; }

 private:
  const PreparedLayer& p_;
  LayerResult& res_;
};

/// ConfigError unless the weights have the shape geometry() gives the layer.
void check_weights(const Layer& l, const LayerGeometry& g, const LayerWeights& w);

std::vector<int64_t> conv_fixed(const Layer& l, FixedKernel& kern, const std::vector<int64_t>& x);
/// The same conv layer under conv_dataflow: reuse (a line buffer of input spectra, off-image taps
/// skipped): bit-identical outputs, fewer forward FFTs and complex MACs.
std::vector<int64_t> conv_fixed_reuse(const Layer& l, FixedKernel& kern,
                                      const std::vector<int64_t>& x);
std::vector<int64_t> lstm_fixed(const Layer& l, FixedKernel& kern, const std::vector<int64_t>& x);

using circa::num::gather_conv_input;

}  // namespace circa::num::detail
