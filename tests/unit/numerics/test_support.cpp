#include "test_support.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace circa::num::test {

const Widths kNarrow{18, 16, 16, 24, 24, 16};
const Widths kWide{32, 20, 24, 40, 40, 24};

int int_bits(double max_abs) {
  return max_abs < 0.5 ? 1 : static_cast<int>(std::floor(std::log2(max_abs))) + 2;
}

FixedFormat format_for(double max_abs, int bits, Rounding r) {
  return {bits, bits - int_bits(max_abs), r, Overflow::saturate};
}

DatapathFormats sized_formats(const FixedFormat& input_fmt, double amp, double a, int k, int q,
                              FftScaling scaling, const Widths& w, Rounding r) {
  const bool fwd = scaling == FftScaling::forward;
  // Each range is the smaller of the worst case and 8 RMS (sums of many uniform terms are near
  // Gaussian: exceeding 8 sigma has probability ~1e-15). Powers: inputs amp^2/3, weights a^2/3,
  // a bin of X sigma_x^2 k (/k^2 scaled), of W k a^2/3, of Z q S_x S_w; the largest IFFT node
  // is its output (unscaled, power k S_z) or its input (scaled, S_z).
  const double sx2 = amp * amp / 3, sw = k * a * a / 3;
  const double sx = sx2 * k / (fwd ? double(k) * k : 1.0), sz = q * sx * sw;
  auto range = [](double worst, double power) { return std::min(worst, 8 * std::sqrt(power)); };
  const double bx = range(fwd ? amp : amp * k, fwd ? sx2 : sx);
  const double bw = range(k * a, sw);
  const double bp = range(bx * bw, sx * sw), bz = range(q * bx * bw, sz);
  DatapathFormats f;
  f.input = input_fmt;
  f.fft = format_for(bx, w.fft, r);
  f.twiddle = {w.twiddle, w.twiddle - 2, r, Overflow::saturate};
  f.weight = format_for(bw, w.weight, r);
  f.product = format_for(bp, w.product, r);
  f.accumulator = {int_bits(bz) + f.product.frac, f.product.frac, r, Overflow::saturate};
  f.ifft = format_for(range(fwd ? bz * k : bz, fwd ? sz * k : sz), w.ifft, r);
  f.output = format_for(range(q * k * a * amp, q * sx2 * sw), w.output, r);
  return f;
}

double sqnr_db(const std::vector<double>& ref, const std::vector<double>& test) {
  SqnrAccumulator acc;
  acc.add(ref, test);
  return acc.db();
}

void SqnrAccumulator::add(const std::vector<double>& ref, const std::vector<double>& test) {
  for (size_t i = 0; i < ref.size(); ++i) {
    signal += ref[i] * ref[i];
    noise += (test[i] - ref[i]) * (test[i] - ref[i]);
  }
}

double SqnrAccumulator::db() const {
  return 10.0 * std::log10(signal / noise);
}

double NoiseBudget::sqnr_db() const {
  return -10.0 * std::log10(total());
}

std::string NoiseBudget::str() const {
  char buf[200];
  std::snprintf(buf, sizeof buf,
                "NSR dB: fft %.1f weight %.1f freq %.1f ifft %.1f output %.1f bias %.1f x %d",
                10 * std::log10(fft), 10 * std::log10(weight), 10 * std::log10(freq),
                10 * std::log10(ifft), 10 * std::log10(output), 10 * std::log10(bias), sources);
  return buf;
}

Layer fc_layer(int in, int out, int k, Activation act, bool bias) {
  Layer l;
  l.name = "fc";
  l.kind = LayerKind::fc;
  l.block_size = k;
  l.in_features = in;
  l.out_features = out;
  l.activation = act;
  l.bias = bias;
  return l;
}

Layer conv_layer(int c, int o, int h, int w, int kernel, int stride, int pad, int k, Pooling pool,
                 Activation act) {
  Layer l;
  l.name = "conv";
  l.kind = LayerKind::conv;
  l.block_size = k;
  l.in_channels = c;
  l.out_channels = o;
  l.in_height = h;
  l.in_width = w;
  l.kernel = kernel;
  l.stride = stride;
  l.padding = pad;
  l.pool = pool;
  l.activation = act;
  l.bias = false;
  return l;
}

AcceleratorSpec spec_with(const DatapathFormats& f, int k, FftScaling scaling) {
  AcceleratorSpec s;
  s.block_size = k;
  s.formats = f;
  s.fft.scaling = scaling;
  return s;
}

std::vector<double> values(const std::vector<int64_t>& codes, const FixedFormat& f) {
  std::vector<double> v(codes.size());
  for (size_t i = 0; i < codes.size(); ++i) v[i] = to_double(codes[i], f);
  return v;
}

}  // namespace circa::num::test
