// Shared by the layer implementations only (not part of the numerics API).
#pragma once

#include <vector>

#include "numerics/layer.hpp"
#include "numerics/reference.hpp"

namespace circa::num::detail {

/// One layer's fixed-point machinery: FFT unit, stored parameters and the result being built.
class FixedKernel {
 public:
  FixedKernel(const AcceleratorSpec& spec, const Layer& layer, const LayerWeights& weights,
              LayerResult& result);
  const DatapathFormats& formats() const { return f_; }
  const LayerGeometry& geometry() const { return g_; }
  /// q*k input codes -> p*k codes of formats.ifft.
  std::vector<int64_t> matvec(const std::vector<int64_t>& x);
  /// Output-format value of `row` before the activation (bias added when the layer has one).
  int64_t preactivation(int64_t ifft_code, int64_t row);
  /// The overflow counter of one stage, for element-wise work done by the layer code.
  uint64_t* overflow(Stage s) { return &res_.overflow[s]; }

 private:
  const DatapathFormats& f_;
  LayerGeometry g_;
  FixedFft fft_;
  QuantisedLayer q_;
  LayerResult& res_;
};

/// ConfigError unless the weights have the shape geometry() gives the layer.
void check_weights(const Layer& l, const LayerGeometry& g, const LayerWeights& w);

std::vector<int64_t> conv_fixed(const Layer& l, FixedKernel& kern, const std::vector<int64_t>& x);
std::vector<int64_t> lstm_fixed(const Layer& l, FixedKernel& kern, const std::vector<int64_t>& x);

/// The CirCNN input vector of output pixel (oh, ow): for each tap (u, v) row-major, the channel
/// vector x[:, oh*stride+u-pad, ow*stride+v-pad] padded to whole blocks (zeros off the image).
template <class T>
void gather_conv_input(const Layer& l, int k, const std::vector<T>& image, int oh, int ow,
                       std::vector<T>& v) {
  const int64_t cpad = blocks_for(l.in_channels, k) * k;
  v.assign(static_cast<size_t>(cpad) * l.kernel * l.kernel, T{});
  for (int u = 0; u < l.kernel; ++u) {
    const int ih = oh * l.stride + u - l.padding;
    for (int t = 0; t < l.kernel; ++t) {
      const int iw = ow * l.stride + t - l.padding;
      if (ih < 0 || ih >= l.in_height || iw < 0 || iw >= l.in_width) continue;
      const int64_t base = (int64_t{u} * l.kernel + t) * cpad;
      for (int c = 0; c < l.in_channels; ++c)
        v[base + c] = image[(int64_t{c} * l.in_height + ih) * l.in_width + iw];
    }
  }
}

}  // namespace circa::num::detail
