// The peripheral unit, bit-exact: IFFT result to output format, bias, activation, pooling, and
// the element-wise arithmetic of the LSTM cell. All values are codes of formats.output.
// NUMBER_FORMATS.md §8-§10.
#pragma once

#include <cstdint>
#include <vector>

#include "numerics/fixed_point.hpp"
#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::num {

/// The code of +1.0 in `out` (2^frac), clamped to max_code; needs out.frac >= 1.
int64_t one_code(const FixedFormat& out);

/// clamp(round_shift(o, 2) + one/2, 0, one): hard sigmoid clamp(o/4 + 0.5, 0, 1).
int64_t hard_sigmoid(int64_t o, const FixedFormat& out);
/// clamp(o, -one, one): hard tanh.
int64_t hard_tanh(int64_t o, const FixedFormat& out);
/// relu = max(o, 0); none = o; sigmoid, tanh = the hard versions above.
int64_t activate(int64_t o, Activation a, const FixedFormat& out);

/// requantize(ifft code -> output), then if bias: fit(o + *bias); overflows into *ovf.
int64_t output_preactivation(int64_t ifft_code, const int64_t* bias, const DatapathFormats& f,
                             uint64_t* ovf);

/// a * b with both in `out`, rounded back to `out` (round_shift by frac) and fit.
int64_t mul_out(int64_t a, int64_t b, const FixedFormat& out, uint64_t* ovf);

/// One LSTM hidden unit's cell update from its four gate pre-activations (i, f, g, o; all in
/// `out`): c = fit(sigma(f)*c + sigma(i)*tanh(g)), returns h = sigma(o)*tanh(c); hard sigmoid
/// and tanh. The one definition the golden layer and the SystemC peripheral share.
int64_t lstm_cell_unit(int64_t gi, int64_t gf, int64_t gg, int64_t go, int64_t* cell,
                       const FixedFormat& out, uint64_t* ovf);

/// 2x2 stride-2 pooling of a C x H x W code tensor (odd sizes floor). max2: the largest code;
/// avg2: round_shift(sum of four, 2) with out.rounding. Pooling::none returns the input.
std::vector<int64_t> pool2(const std::vector<int64_t>& chw, int channels, int height, int width,
                           Pooling pool, const FixedFormat& out);

/// A conv layer's (pooled) C x H x W output maps pixel-major: H x W x C, channels fastest.
std::vector<int64_t> pixel_major(const Layer& conv, const std::vector<int64_t>& chw);

/// The input layer `next` reads from the outputs y of layer `prev` before it: a conv layer's
/// (pooled) C x H x W maps flatten into an fc layer pixel-major (H x W x C, channels fastest),
/// the order the hardware keeps activations in (SCHEDULE.md); any other pair reads y as it is.
std::vector<int64_t> next_layer_input(const Layer& prev, const Layer& next,
                                      std::vector<int64_t> y);
std::vector<double> next_layer_input(const Layer& prev, const Layer& next, std::vector<double> y);

/// Double references of the same functions.
double hard_sigmoid(double v);
double hard_tanh(double v);
double activate(double v, Activation a);
std::vector<double> pool2(const std::vector<double>& chw, int channels, int height, int width,
                          Pooling pool);

}  // namespace circa::num
