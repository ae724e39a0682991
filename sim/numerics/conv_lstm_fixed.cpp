// Conv (CirCNN: one block-circulant product per output pixel over all taps) and LSTM (one
// product per time step over [x_t; h_{t-1}]) on top of the fixed-point kernel.
#include <algorithm>

#include "numerics/conv_windows.hpp"
#include "numerics/layer_internal.hpp"
#include "numerics/output_stage.hpp"

namespace circa::num::detail {

std::vector<int64_t> conv_fixed(const Layer& l, FixedKernel& kern, const std::vector<int64_t>& x) {
  const LayerGeometry& g = kern.geometry();
  const int oh_n = g.out_height, ow_n = g.out_width;
  std::vector<int64_t> pre(static_cast<size_t>(l.out_channels) * oh_n * ow_n), v;
  for (int oh = 0; oh < oh_n; ++oh) {
    for (int ow = 0; ow < ow_n; ++ow) {
      gather_conv_input(l, g.k, x, oh, ow, v);
      const std::vector<int64_t> y = kern.matvec(v);
      for (int o = 0; o < l.out_channels; ++o)
        pre[(int64_t{o} * oh_n + oh) * ow_n + ow] =
            activate(kern.preactivation(y[o], o), l.activation, kern.formats().output);
    }
  }
  return pool2(pre, l.out_channels, oh_n, ow_n, l.pool, kern.formats().output);
}

// Before output row oy the new input rows' blocks are transformed into the line buffer (row,
// pixel, channel block order); each output pixel then sums the spectra of its on-image taps in
// ascending j, the off-image ones (all-zero blocks) skipped.
std::vector<int64_t> conv_fixed_reuse(const Layer& l, FixedKernel& kern,
                                      const std::vector<int64_t>& x) {
  const LayerGeometry& g = kern.geometry();
  const int k = g.k, cb = static_cast<int>(blocks_for(l.in_channels, k));
  const int oh_n = g.out_height, ow_n = g.out_width;
  std::vector<std::vector<CFixed>> line(static_cast<size_t>(num::line_buffer_spectra(l, k)));
  std::vector<int64_t> pre(static_cast<size_t>(l.out_channels) * oh_n * ow_n), block(k);
  std::vector<const std::vector<CFixed>*> xs(g.q);
  std::vector<int> js;
  for (int oh = 0; oh < oh_n; ++oh) {
    const num::Span fill = num::fill_rows(l, oh);
    for (int r = fill.first; r <= fill.last; ++r)
      for (int px = 0; px < l.in_width; ++px)
        for (int c = 0; c < cb; ++c) {
          gather_pixel_block(l, k, x, r, px, c, block);
          line[num::line_slot(l, k, r, px, c)] = kern.forward(block.data());
        }
    for (int ow = 0; ow < ow_n; ++ow) {
      num::on_image_blocks(l, k, oh, ow, js);
      std::fill(xs.begin(), xs.end(), nullptr);
      for (int j : js) {
        const int tap = j / cb, u = tap / l.kernel, v = tap % l.kernel;
        xs[j] = &line[num::line_slot(l, k, oh * l.stride - l.padding + u,
                                     ow * l.stride - l.padding + v, j % cb)];
      }
      const std::vector<int64_t> y = kern.matvec_spectra(xs);
      for (int o = 0; o < l.out_channels; ++o)
        pre[(int64_t{o} * oh_n + oh) * ow_n + ow] =
            activate(kern.preactivation(y[o], o), l.activation, kern.formats().output);
    }
  }
  return pool2(pre, l.out_channels, oh_n, ow_n, l.pool, kern.formats().output);
}

std::vector<int64_t> lstm_fixed(const Layer& l, FixedKernel& kern, const std::vector<int64_t>& x) {
  const DatapathFormats& f = kern.formats();
  const FixedFormat& out = f.output;
  const int in = l.input_size, hid = l.hidden_size, k = kern.geometry().k;
  const int64_t h_offset = blocks_for(in, k) * k;  // x and h are padded to whole blocks apart
  std::vector<int64_t> c(hid, 0), h(hid, 0), v(static_cast<size_t>(kern.geometry().q) * k, 0);
  std::vector<int64_t> result(static_cast<size_t>(l.time_steps) * hid);
  uint64_t* ovf = kern.overflow(Stage::output);
  for (int t = 0; t < l.time_steps; ++t) {
    std::copy_n(x.begin() + int64_t{t} * in, in, v.begin());
    const std::vector<int64_t> z = kern.matvec(v);
    for (int u = 0; u < hid; ++u) {
      auto gate = [&](int n) {
        return kern.preactivation(z[int64_t{n} * hid + u], int64_t{n} * hid + u);
      };
      h[u] = lstm_cell_unit(gate(0), gate(1), gate(2), gate(3), &c[u], out, ovf);
      result[int64_t{t} * hid + u] = h[u];
      // The recurrent input re-enters the datapath as an activation (formats.input).
      v[h_offset + u] = requantize(h[u], out.frac, f.input, kern.overflow(Stage::input));
    }
  }
  return result;
}

}  // namespace circa::num::detail
