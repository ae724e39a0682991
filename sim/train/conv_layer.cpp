// The block-circulant conv layer (CirCNN's tensor formulation, NUMBER_FORMATS.md §10): every
// output pixel is one product W v, v the window's channel vectors tap by tap (block column
// j = tap * ceil(C/k) + channel block), zeros off the image. The spectrum of each input
// position's channel block is the same in every window that reads it, so it is computed once
// per image, and the input gradient is summed as spectra per position and transformed back
// once. Activation, then 2x2 pooling (odd sizes floor) as the numerics do; into an fc layer the
// outputs flatten pixel-major (H x W x C), as num::next_layer_input and the hardware do.
#include <algorithm>

#include "train/circulant_base.hpp"

namespace circa::train {
namespace {

class ConvLayer : public detail::CirculantBase {
 public:
  ConvLayer(const Layer& l, int accelerator_k, bool into_fc)
      : CirculantBase(l, accelerator_k),
        into_fc_(into_fc),
        cbs_(static_cast<int>((l.in_channels + geom().k - 1) / geom().k)),
        pre_pool_(static_cast<size_t>(l.out_channels) * geom().out_height * geom().out_width) {}

  struct S : Scratch {
    S(const LayerGeometry& g, const Layer& l, int cbs, size_t pre_pool)
        : fft(g.k),
          xs(static_cast<size_t>(l.in_height) * l.in_width * cbs * fft.bins()),
          dxs(xs.size()),
          dys(static_cast<size_t>(g.p) * fft.bins()),
          block(g.k),
          act(pre_pool),
          dact(pre_pool) {
      z.resize(pre_pool);
      dz.resize(pre_pool);
    }
    RealFft fft;
    std::vector<cplx> xs;   ///< input spectra per (position, channel block), kept for backward
    std::vector<cplx> dxs;  ///< input-gradient spectra, same layout
    std::vector<cplx> dys;  ///< one pixel's output spectra (forward) or gradient spectra
    std::vector<double> block, act, dact;
  };
  std::unique_ptr<Scratch> scratch() const override {
    return std::make_unique<S>(geom(), layer(), cbs_, pre_pool_);
  }

  void forward(const double* x, double* out, Scratch& scratch) const override {
    S& s = static_cast<S&>(scratch);
    const Layer& l = layer();
    const LayerGeometry& g = geom();
    const int plane = l.in_height * l.in_width;
    for (int pos = 0; pos < plane; ++pos)
      for (int cb = 0; cb < cbs_; ++cb) {
        for (int c = 0; c < g.k; ++c) {
          const int ch = cb * g.k + c;
          s.block[c] = ch < l.in_channels ? x[static_cast<size_t>(ch) * plane + pos] : 0.0;
        }
        s.fft.forward(s.block.data(), input_spectrum(s.xs, pos, cb));
      }
    for (int oh = 0; oh < g.out_height; ++oh)
      for (int ow = 0; ow < g.out_width; ++ow) {
        std::fill(s.dys.begin(), s.dys.end(), cplx());
        for_taps(oh, ow, [&](int j, int pos, int cb) {
          for (int i = 0; i < g.p; ++i)
            detail::mac(&s.dys[i * bins()], spectrum(i, j), input_spectrum(s.xs, pos, cb), bins());
        });
        for (int i = 0; i < g.p; ++i) {
          s.fft.inverse(&s.dys[i * bins()], s.block.data());
          for (int r = 0; r < g.k && i * g.k + r < l.out_channels; ++r) {
            const int o = i * g.k + r;
            s.z[pixel(o, oh, ow)] = s.block[r] + (bias() ? bias()[o] : 0.0);
          }
        }
      }
    activate(s.z.data(), s.act.data(), pre_pool_);
    pool(s.act, out);
  }

  void backward(const double* x, const double* dout, double* dx, Scratch& scratch,
                double* accum) const override {
    (void)x;  // its spectra are in the scratch
    S& s = static_cast<S&>(scratch);
    const Layer& l = layer();
    const LayerGeometry& g = geom();
    unpool(s.act, dout, s.dact);
    activation_backward(s.z.data(), s.dact.data(), s.dz.data(), pre_pool_);
    double* gb = grad_bias(accum);
    const size_t pixels = pre_pool_ / l.out_channels;
    if (bias())
      for (size_t n = 0; n < pre_pool_; ++n) gb[n / pixels] += s.dz[n];
    if (dx) std::fill(s.dxs.begin(), s.dxs.end(), cplx());
    for (int oh = 0; oh < g.out_height; ++oh)
      for (int ow = 0; ow < g.out_width; ++ow) {
        for (int i = 0; i < g.p; ++i) {
          for (int r = 0; r < g.k; ++r) {
            const int o = i * g.k + r;
            s.block[r] = o < l.out_channels ? s.dz[pixel(o, oh, ow)] : 0.0;
          }
          s.fft.forward(s.block.data(), &s.dys[i * bins()]);
        }
        for_taps(oh, ow, [&](int j, int pos, int cb) {
          const cplx* xj = input_spectrum(s.xs, pos, cb);
          for (int i = 0; i < g.p; ++i) {
            const cplx* dy = &s.dys[i * bins()];
            detail::mac_conj(grad_spectrum(accum, i, j), xj, dy, bins());
            if (dx) detail::mac_conj(input_spectrum(s.dxs, pos, cb), spectrum(i, j), dy, bins());
          }
        });
      }
    if (!dx) return;
    const int plane = l.in_height * l.in_width;
    for (int pos = 0; pos < plane; ++pos)
      for (int cb = 0; cb < cbs_; ++cb) {
        s.fft.inverse(input_spectrum(s.dxs, pos, cb), s.block.data());
        for (int c = 0; c < g.k && cb * g.k + c < l.in_channels; ++c)
          dx[static_cast<size_t>(cb * g.k + c) * plane + pos] = s.block[c];
      }
  }

 private:
  cplx* input_spectrum(std::vector<cplx>& v, int pos, int cb) const {
    return &v[(static_cast<size_t>(pos) * cbs_ + cb) * bins()];
  }
  size_t pixel(int o, int oh, int ow) const {
    return (static_cast<size_t>(o) * geom().out_height + oh) * geom().out_width + ow;
  }

  // fn(block column j, input position, channel block) for every on-image tap of a window.
  template <class Fn>
  void for_taps(int oh, int ow, Fn&& fn) const {
    const Layer& l = layer();
    for (int u = 0; u < l.kernel; ++u)
      for (int v = 0; v < l.kernel; ++v) {
        const int ih = oh * l.stride + u - l.padding, iw = ow * l.stride + v - l.padding;
        if (ih < 0 || ih >= l.in_height || iw < 0 || iw >= l.in_width) continue;
        for (int cb = 0; cb < cbs_; ++cb)
          fn((u * l.kernel + v) * cbs_ + cb, ih * l.in_width + iw, cb);
      }
  }

  // 2x2 windows of stride 2 (odd sizes floor), max or mean; none copies.
  template <class Fn>
  void for_windows(Fn&& fn) const {
    const int h = geom().out_height, w = geom().out_width;
    for (int c = 0; c < layer().out_channels; ++c)
      for (int y = 0; y < h / 2; ++y)
        for (int x = 0; x < w / 2; ++x) {
          const size_t first = pixel(c, 2 * y, 2 * x);
          const size_t in[4] = {first, first + 1, first + w, first + w + 1};
          fn(in, (static_cast<size_t>(c) * (h / 2) + y) * (w / 2) + x);
        }
  }

  void pool(const std::vector<double>& act, double* out) const {
    const Pooling p = layer().pool;
    if (p == Pooling::none) {
      for (size_t o = 0; o < act.size(); ++o) out[placed(o, act.size())] = act[o];
      return;
    }
    const size_t n = pooled_outputs();
    for_windows([&](const size_t* in, size_t o) {
      const double a = act[in[0]], b = act[in[1]], c = act[in[2]], d = act[in[3]];
      out[placed(o, n)] = p == Pooling::max2 ? std::max({a, b, c, d}) : (a + b + c + d) / 4;
    });
  }

  // The gradient flows to the window's largest element (the first of equals) or a quarter to
  // each; elements in no window (an odd last row or column) get none.
  void unpool(const std::vector<double>& act, const double* dout, std::vector<double>& dact) const {
    const Pooling p = layer().pool;
    if (p == Pooling::none) {
      for (size_t o = 0; o < dact.size(); ++o) dact[o] = dout[placed(o, dact.size())];
      return;
    }
    std::fill(dact.begin(), dact.end(), 0.0);
    const size_t n = pooled_outputs();
    for_windows([&](const size_t* in, size_t o) {
      const double g = dout[placed(o, n)];
      if (p == Pooling::avg2) {
        for (int t = 0; t < 4; ++t) dact[in[t]] += g / 4;
        return;
      }
      int best = 0;
      for (int t = 1; t < 4; ++t)
        if (act[in[t]] > act[in[best]]) best = t;
      dact[in[best]] += g;
    });
  }

  size_t pooled_outputs() const {
    return static_cast<size_t>(layer().out_channels) * (geom().out_height / 2) *
           (geom().out_width / 2);
  }
  /// Where output o of the C x H x W maps (n values) goes: there, or pixel-major into an fc layer.
  size_t placed(size_t o, size_t n) const {
    if (!into_fc_) return o;
    const size_t c_n = static_cast<size_t>(layer().out_channels), pixels = n / c_n;
    return o % pixels * c_n + o / pixels;
  }

  bool into_fc_;     ///< the next layer is fc: outputs flatten pixel-major
  int cbs_;          ///< channel blocks per tap, ceil(C / k)
  size_t pre_pool_;  ///< out_channels x H' x W'
};

}  // namespace

std::unique_ptr<TrainLayer> make_conv_layer(const Layer& l, int accelerator_k, bool into_fc) {
  return std::make_unique<ConvLayer>(l, accelerator_k, into_fc);
}

}  // namespace circa::train
