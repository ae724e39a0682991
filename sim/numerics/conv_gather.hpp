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

}  // namespace circa::num
