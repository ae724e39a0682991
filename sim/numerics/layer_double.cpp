// Double-precision layers: the references the fixed-point layers are measured against.
#include <algorithm>

#include "numerics/layer_internal.hpp"
#include "numerics/output_stage.hpp"

namespace circa::num {
namespace {

// y = W x for an m x n block-circulant W by the chosen path (expansion cached per layer).
class DoubleMatvec {
 public:
  DoubleMatvec(const BlockCirculantWeights& w, int64_t m, int64_t n, ReferencePath path)
      : m_(m), n_(n), plan_(w.k) {
    if (path == ReferencePath::dense)
      dense_ = expand_dense(w, m, n);
    else
      spectra_ = weight_spectra_double(w);
  }
  std::vector<double> operator()(const std::vector<double>& x) const {
    return dense_.empty() ? bc_matvec_fft(spectra_, plan_, m_, n_, x)
                          : dense_matvec(dense_, m_, n_, x);
  }

 private:
  int64_t m_, n_;
  FftPlan plan_;
  std::vector<double> dense_;
  WeightSpectraD spectra_;
};

double bias_of(const LayerWeights& w, int64_t row) {
  return w.bias.empty() ? 0.0 : w.bias[row];
}

std::vector<double> fc_double(const Layer& l, const LayerWeights& w, const std::vector<double>& x,
                              ReferencePath path) {
  std::vector<double> y = DoubleMatvec(w.w, l.out_features, l.in_features, path)(x);
  for (int r = 0; r < l.out_features; ++r) y[r] = activate(y[r] + bias_of(w, r), l.activation);
  return y;
}

// The independent conv path: direct convolution, weights read entry by entry from the
// circulant definition (tap (u, v) uses block column (u*K + v)*ceil(C/k) + c/k).
std::vector<double> conv_direct(const Layer& l, const LayerGeometry& g, const LayerWeights& w,
                                const std::vector<double>& x) {
  const int64_t cpad = blocks_for(l.in_channels, g.k) * g.k;
  std::vector<double> y(static_cast<size_t>(l.out_channels) * g.out_height * g.out_width);
  for (int o = 0; o < l.out_channels; ++o)
    for (int oh = 0; oh < g.out_height; ++oh)
      for (int ow = 0; ow < g.out_width; ++ow) {
        double s = 0.0;
        for (int u = 0; u < l.kernel; ++u)
          for (int v = 0; v < l.kernel; ++v) {
            const int ih = oh * l.stride + u - l.padding, iw = ow * l.stride + v - l.padding;
            if (ih < 0 || ih >= l.in_height || iw < 0 || iw >= l.in_width) continue;
            for (int c = 0; c < l.in_channels; ++c)
              s += w.w.entry(o, (int64_t{u} * l.kernel + v) * cpad + c) *
                   x[(int64_t{c} * l.in_height + ih) * l.in_width + iw];
          }
        y[(int64_t{o} * g.out_height + oh) * g.out_width + ow] = s;
      }
  return y;
}

// The FFT conv path: the hardware's formulation, one product per output pixel.
std::vector<double> conv_fft(const Layer& l, const LayerGeometry& g, const LayerWeights& w,
                             const std::vector<double>& x) {
  const DoubleMatvec mv(w.w, l.out_channels, int64_t{g.q} * g.k, ReferencePath::fft);
  std::vector<double> y(static_cast<size_t>(l.out_channels) * g.out_height * g.out_width), v;
  for (int oh = 0; oh < g.out_height; ++oh)
    for (int ow = 0; ow < g.out_width; ++ow) {
      detail::gather_conv_input(l, g.k, x, oh, ow, v);
      const std::vector<double> yp = mv(v);
      for (int o = 0; o < l.out_channels; ++o)
        y[(int64_t{o} * g.out_height + oh) * g.out_width + ow] = yp[o];
    }
  return y;
}

std::vector<double> conv_double(const Layer& l, const LayerGeometry& g, const LayerWeights& w,
                                const std::vector<double>& x, ReferencePath path) {
  std::vector<double> y =
      path == ReferencePath::dense ? conv_direct(l, g, w, x) : conv_fft(l, g, w, x);
  const int64_t plane = int64_t{g.out_height} * g.out_width;
  for (size_t n = 0; n < y.size(); ++n)
    y[n] = activate(y[n] + bias_of(w, static_cast<int64_t>(n) / plane), l.activation);
  return pool2(y, l.out_channels, g.out_height, g.out_width, l.pool);
}

std::vector<double> lstm_double(const Layer& l, const LayerGeometry& g, const LayerWeights& w,
                                const std::vector<double>& x, ReferencePath path) {
  const int in = l.input_size, hid = l.hidden_size;
  const int64_t h_offset = blocks_for(in, g.k) * g.k;
  const DoubleMatvec mv(w.w, 4 * int64_t{hid}, int64_t{g.q} * g.k, path);
  std::vector<double> c(hid, 0.0), v(static_cast<size_t>(g.q) * g.k, 0.0);
  std::vector<double> result(static_cast<size_t>(l.time_steps) * hid);
  for (int t = 0; t < l.time_steps; ++t) {
    std::copy_n(x.begin() + int64_t{t} * in, in, v.begin());
    const std::vector<double> z = mv(v);
    for (int u = 0; u < hid; ++u) {
      auto gate = [&](int n) { return z[int64_t{n} * hid + u] + bias_of(w, int64_t{n} * hid + u); };
      c[u] = hard_sigmoid(gate(1)) * c[u] + hard_sigmoid(gate(0)) * hard_tanh(gate(2));
      const double h = hard_sigmoid(gate(3)) * hard_tanh(c[u]);
      result[int64_t{t} * hid + u] = h;
      v[h_offset + u] = h;
    }
  }
  return result;
}

}  // namespace

std::vector<double> run_layer_double(const Layer& l, int accelerator_k, const LayerWeights& w,
                                     const std::vector<double>& input, ReferencePath path) {
  const LayerGeometry g = geometry(l, accelerator_k);
  if (input.size() != static_cast<size_t>(g.input_elements))
    throw ConfigError(l.where, l.name,
                      "input has " + std::to_string(input.size()) + " values; the layer takes " +
                          std::to_string(g.input_elements));
  detail::check_weights(l, g, w);
  switch (l.kind) {
    case LayerKind::fc:
      return fc_double(l, w, input, path);
    case LayerKind::conv:
      return conv_double(l, g, w, input, path);
    case LayerKind::lstm:
      return lstm_double(l, g, w, input, path);
  }
  return {};
}

}  // namespace circa::num
