// The input vector of one conv output pixel in CirCNN's tensor formulation, shared by the
// golden model and the SystemC activation buffer so both build it the same way.
#pragma once

#include <cstdint>
#include <vector>

#include "numerics/reference.hpp"
#include "spec/workload.hpp"

namespace circa::num {

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

/// Channel block c (channels c*k .. c*k+k-1, zeros past in_channels) of input pixel (ih, iw): the
/// block a row fill transforms under conv_dataflow: reuse.
template <class T>
void gather_pixel_block(const Layer& l, int k, const std::vector<T>& image, int ih, int iw, int c,
                        std::vector<T>& block) {
  block.assign(static_cast<size_t>(k), T{});
  for (int ch = c * k; ch < l.in_channels && ch < (c + 1) * k; ++ch)
    block[ch - c * k] = image[(int64_t{ch} * l.in_height + ih) * l.in_width + iw];
}

}  // namespace circa::num
