#include "numerics/output_stage.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "common/error.hpp"

namespace circa::num {
namespace {

// One pooled value from the four codes or values of a 2x2 window.
template <class T, class Avg>
std::vector<T> pool2_impl(const std::vector<T>& in, int c, int h, int w, Pooling pool, Avg avg) {
  CIRCA_CHECK(in.size() == static_cast<size_t>(c) * h * w, "pool2 input size");
  if (pool == Pooling::none) return in;
  const int ph = h / 2, pw = w / 2;
  std::vector<T> out(static_cast<size_t>(c) * ph * pw);
  for (int ch = 0; ch < c; ++ch) {
    const T* plane = in.data() + static_cast<int64_t>(ch) * h * w;
    for (int y = 0; y < ph; ++y) {
      for (int x = 0; x < pw; ++x) {
        const T* p = plane + int64_t{2 * y} * w + 2 * x;
        const T v[4] = {p[0], p[1], p[w], p[w + 1]};
        out[(int64_t{ch} * ph + y) * pw + x] = pool == Pooling::max2
                                                   ? std::max({v[0], v[1], v[2], v[3]})
                                                   : avg(v[0] + v[1] + v[2] + v[3]);
      }
    }
  }
  return out;
}

template <class T>
std::vector<T> pixel_major_impl(const Layer& conv, const std::vector<T>& chw) {
  const int64_t c_n = conv.out_channels, pixels = static_cast<int64_t>(chw.size()) / c_n;
  CIRCA_CHECK(pixels * c_n == static_cast<int64_t>(chw.size()), "conv outputs: channels x pixels");
  std::vector<T> hwc(chw.size());
  for (int64_t c = 0; c < c_n; ++c)
    for (int64_t px = 0; px < pixels; ++px) hwc[px * c_n + c] = chw[c * pixels + px];
  return hwc;
}

template <class T>
std::vector<T> next_input_impl(const Layer& prev, const Layer& next, std::vector<T> y) {
  if (prev.kind != LayerKind::conv || next.kind != LayerKind::fc) return y;
  return pixel_major_impl(prev, y);
}

}  // namespace

std::vector<int64_t> pixel_major(const Layer& conv, const std::vector<int64_t>& chw) {
  return pixel_major_impl(conv, chw);
}

std::vector<int64_t> next_layer_input(const Layer& prev, const Layer& next,
                                      std::vector<int64_t> y) {
  return next_input_impl(prev, next, std::move(y));
}
std::vector<double> next_layer_input(const Layer& prev, const Layer& next, std::vector<double> y) {
  return next_input_impl(prev, next, std::move(y));
}

int64_t one_code(const FixedFormat& out) {
  CIRCA_CHECK(out.frac >= 1 && out.frac <= 61,
              "hard nonlinearities need output.frac >= 1, have " + std::to_string(out.frac));
  return std::min(int64_t{1} << out.frac, max_code(out));
}

int64_t hard_sigmoid(int64_t o, const FixedFormat& out) {
  const int64_t one = one_code(out);
  const int64_t half = int64_t{1} << (out.frac - 1);
  return std::clamp(round_shift(o, 2, out.rounding) + half, int64_t{0}, one);
}

int64_t hard_tanh(int64_t o, const FixedFormat& out) {
  const int64_t one = one_code(out);
  return std::clamp(o, -one, one);
}

int64_t activate(int64_t o, Activation a, const FixedFormat& out) {
  switch (a) {
    case Activation::none:
      return o;
    case Activation::relu:
      return std::max(o, int64_t{0});
    case Activation::sigmoid:
      return hard_sigmoid(o, out);
    case Activation::tanh:
      return hard_tanh(o, out);
  }
  return o;
}

int64_t output_preactivation(int64_t ifft_code, const int64_t* bias, const DatapathFormats& f,
                             uint64_t* ovf) {
  const int64_t o = requantize(ifft_code, f.ifft.frac, f.output, ovf);
  return bias != nullptr ? fit(o + *bias, f.output, ovf) : o;
}

int64_t mul_out(int64_t a, int64_t b, const FixedFormat& out, uint64_t* ovf) {
  return fit(round_shift(a * b, out.frac, out.rounding), out, ovf);
}

int64_t lstm_cell_unit(int64_t gi, int64_t gf, int64_t gg, int64_t go, int64_t* cell,
                       const FixedFormat& out, uint64_t* ovf) {
  const int64_t i = hard_sigmoid(gi, out), f = hard_sigmoid(gf, out), g = hard_tanh(gg, out),
                o = hard_sigmoid(go, out);
  *cell = fit(mul_out(f, *cell, out, ovf) + mul_out(i, g, out, ovf), out, ovf);
  return mul_out(o, hard_tanh(*cell, out), out, ovf);
}

std::vector<int64_t> pool2(const std::vector<int64_t>& chw, int channels, int height, int width,
                           Pooling pool, const FixedFormat& out) {
  return pool2_impl(chw, channels, height, width, pool,
                    [&out](int64_t sum) { return round_shift(sum, 2, out.rounding); });
}

double hard_sigmoid(double v) {
  return std::clamp(v / 4 + 0.5, 0.0, 1.0);
}
double hard_tanh(double v) {
  return std::clamp(v, -1.0, 1.0);
}

double activate(double v, Activation a) {
  switch (a) {
    case Activation::none:
      return v;
    case Activation::relu:
      return std::max(v, 0.0);
    case Activation::sigmoid:
      return hard_sigmoid(v);
    case Activation::tanh:
      return hard_tanh(v);
  }
  return v;
}

std::vector<double> pool2(const std::vector<double>& chw, int channels, int height, int width,
                          Pooling pool) {
  return pool2_impl(chw, channels, height, width, pool, [](double sum) { return sum / 4; });
}

}  // namespace circa::num
