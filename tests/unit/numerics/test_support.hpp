// Helpers shared by the numerics tests: formats sized from worst-case ranges, SQNR, and the
// rounding-noise model whose prediction the SQNR tests compare against (derivation in
// noise_model.cpp and NUMBER_FORMATS.md §11).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "numerics/layer.hpp"

namespace circa::num::test {

/// Integer bits (sign included) that hold every |v| <= max_abs: 2^(ib-1) > max_abs.
int int_bits(double max_abs);
/// A format of `bits` bits whose range covers max_abs.
FixedFormat format_for(double max_abs, int bits, Rounding r);

/// Datapath widths of one SQNR scenario; fractional bits follow from the value ranges.
struct Widths {
  int fft, twiddle, weight, product, ifft, output;
};
extern const Widths kNarrow;  ///< 18/16/16/24/24/16: close to the defaults
extern const Widths kWide;    ///< 32/20/24/40/40/24

/// Formats for an fc layer of q blocks of k inputs, uniform in [-amp, amp] (codes of input_fmt),
/// weights uniform in [-a, a]: each stage's range holds its worst case or 8 RMS, whichever is
/// smaller, so random data does not overflow; accumulator.frac = product.frac.
DatapathFormats sized_formats(const FixedFormat& input_fmt, double amp, double a, int k, int q,
                              FftScaling scaling, const Widths& w, Rounding r);

/// 10*log10(sum ref^2 / sum (test - ref)^2).
double sqnr_db(const std::vector<double>& ref, const std::vector<double>& test);

/// Signal power and squared error, summed, for several runs.
struct SqnrAccumulator {
  double signal = 0.0, noise = 0.0;
  void add(const std::vector<double>& ref, const std::vector<double>& test);
  double db() const;
};

/// Predicted noise-to-signal ratio of one fc product (see noise_model.cpp): mean-square error
/// NSR by datapath stage, the part of it that is squared bias, and the number of rounding points
/// in series whose biases may add coherently.
struct NoiseBudget {
  double fft = 0, weight = 0, freq = 0, ifft = 0, output = 0;
  double bias = 0;
  int sources = 0;
  double total() const { return fft + weight + freq + ifft + output + (sources - 1) * bias; }
  double sqnr_db() const;
  std::string str() const;
};

/// The model: k, q, formats, scaling; input_ms = mean square of the padded input vector;
/// weight_ms = mean square of the time-domain weights.
NoiseBudget predict_noise(int k, int q, const DatapathFormats& f, FftScaling scaling,
                          double input_ms, double weight_ms);

/// An fc layer without bias or activation (the pure product) and a spec with these formats.
Layer fc_layer(int in, int out, int k, Activation act = Activation::none, bool bias = false);
/// A conv layer of c -> o channels on an h x w image, no bias.
Layer conv_layer(int c, int o, int h, int w, int kernel, int stride, int pad, int k,
                 Pooling pool = Pooling::none, Activation act = Activation::none);
AcceleratorSpec spec_with(const DatapathFormats& f, int k, FftScaling scaling);

/// Codes to doubles.
std::vector<double> values(const std::vector<int64_t>& codes, const FixedFormat& f);

}  // namespace circa::num::test
