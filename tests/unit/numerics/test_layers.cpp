// Level 6: whole layers. Conv against the direct convolution, pooling, bias and activations,
// the LSTM against its double twin, event counts, user errors, reproducibility.
#define BOOST_TEST_MODULE numerics_06_layers
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "common/error.hpp"
#include "numerics/layer_internal.hpp"
#include "numerics/output_stage.hpp"
#include "numerics/random_data.hpp"
#include "test_support.hpp"

using namespace circa;
using namespace circa::num;
namespace bdata = boost::unit_test::data;

namespace {

constexpr double kMarginDb = 3.0;
const FixedFormat kInput{16, 12, Rounding::nearest_even, Overflow::saturate};

Layer lstm_layer(int in, int hidden, int steps, int k) {
  Layer l;
  l.name = "lstm";
  l.kind = LayerKind::lstm;
  l.block_size = k;
  l.input_size = in;
  l.hidden_size = hidden;
  l.time_steps = steps;
  return l;
}

// Formats sized for a layer (as the fc SQNR tests), inputs at 1/4 of full scale.
AcceleratorSpec sized_spec(const Layer& l, int k) {
  const LayerGeometry g = geometry(l, k);
  const double amp = 0.25 * to_double(max_code(kInput), kInput);
  return test::spec_with(
      test::sized_formats(kInput, amp, weight_amplitude(l, k), k, g.q, FftScaling::forward,
                          test::kNarrow, Rounding::nearest_even),
      k, FftScaling::forward);
}

double mean_square(const std::vector<double>& v) {
  double s = 0.0;
  for (double x : v) s += x * x;
  return s / static_cast<double>(v.size());
}

// Mean square of the CirCNN input vectors of all output pixels (padding zeros included).
double conv_vector_power(const Layer& l, int k, const std::vector<double>& image) {
  const LayerGeometry g = geometry(l, k);
  double sum = 0.0;
  std::vector<double> v;
  for (int oh = 0; oh < g.out_height; ++oh)
    for (int ow = 0; ow < g.out_width; ++ow) {
      detail::gather_conv_input(l, k, image, oh, ow, v);
      sum += mean_square(v);
    }
  return sum / static_cast<double>(g.products);
}

struct ConvCase {
  int c, o, hw, kernel, stride, pad, k;
};
std::ostream& operator<<(std::ostream& os, const ConvCase& c) {
  return os << c.c << "->" << c.o << " " << c.hw << "x" << c.hw << " K" << c.kernel << " s"
            << c.stride << " p" << c.pad << " k" << c.k;
}
const ConvCase kConvCases[] = {
    {5, 12, 7, 3, 1, 1, 8},  // channels not a multiple of k
    {16, 16, 6, 3, 2, 0, 16},
    {3, 20, 9, 5, 1, 2, 4},
    {32, 8, 5, 1, 1, 0, 32},  // 1x1 conv
};

}  // namespace

BOOST_DATA_TEST_CASE(conv_fft_reference_equals_direct_convolution, bdata::make(kConvCases), c) {
  const Layer l =
      test::conv_layer(c.c, c.o, c.hw, c.hw, c.kernel, c.stride, c.pad, c.k, Pooling::none);
  const LayerWeights w = random_layer_weights(l, c.k, 5);
  std::mt19937_64 g(6);
  std::vector<double> x(static_cast<size_t>(geometry(l, c.k).input_elements));
  for (double& v : x) v = uniform_pm(g, 1.0);
  const std::vector<double> a = run_layer_double(l, c.k, w, x, ReferencePath::fft);
  const std::vector<double> b = run_layer_double(l, c.k, w, x, ReferencePath::dense);
  BOOST_TEST(test::sqnr_db(b, a) > 180.0);  // relative error < 1e-9
}

// The fc noise model applies per output pixel with q = kernel^2 * ceil(C/k) and the input power
// of the gathered vectors (border zeros lower it).
BOOST_DATA_TEST_CASE(conv_fixed_sqnr_meets_the_derived_bound, bdata::make(kConvCases), c) {
  const Layer l =
      test::conv_layer(c.c, c.o, c.hw, c.hw, c.kernel, c.stride, c.pad, c.k, Pooling::none);
  const AcceleratorSpec spec = sized_spec(l, c.k);
  const LayerWeights w = random_layer_weights(l, c.k, 7);
  const std::vector<int64_t> x = random_input_codes(l, c.k, kInput, 0.25, 8);
  const std::vector<double> xd = test::values(x, kInput);
  const LayerResult r = run_layer_fixed(spec, l, w, x);
  BOOST_TEST_REQUIRE(r.overflow.total() == 0u, describe(r.overflow));
  const double got = test::sqnr_db(run_layer_double(l, c.k, w, xd, ReferencePath::dense),
                                   test::values(r.output, spec.formats.output));
  const test::NoiseBudget model =
      test::predict_noise(c.k, geometry(l, c.k).q, spec.formats, FftScaling::forward,
                          conv_vector_power(l, c.k, xd), mean_square(w.w.w));
  BOOST_TEST_MESSAGE("conv " << c << ": measured SQNR " << got << " dB, model " << model.sqnr_db()
                             << " dB, bound " << model.sqnr_db() - kMarginDb);
  BOOST_TEST(got >= model.sqnr_db() - kMarginDb);
}

BOOST_AUTO_TEST_CASE(conv_pooling_is_applied_after_the_activation_bit_exactly) {
  for (const Pooling pool : {Pooling::max2, Pooling::avg2}) {
    const Layer plain = test::conv_layer(6, 10, 7, 7, 3, 1, 1, 8, Pooling::none, Activation::relu);
    Layer pooled = plain;
    pooled.pool = pool;
    const AcceleratorSpec spec = sized_spec(plain, 8);
    const LayerWeights w = random_layer_weights(plain, 8, 9);
    const std::vector<int64_t> x = random_input_codes(plain, 8, kInput, 0.25, 10);
    const std::vector<int64_t> full = run_layer_fixed(spec, plain, w, x).output;
    const std::vector<int64_t> got = run_layer_fixed(spec, pooled, w, x).output;
    BOOST_TEST(got.size() == 10u * 3 * 3);  // 7x7 floors to 3x3
    BOOST_TEST(got == pool2(full, 10, 7, 7, pool, spec.formats.output),
               boost::test_tools::per_element());
    for (int64_t v : got) BOOST_TEST(v >= 0);
  }
}

BOOST_AUTO_TEST_CASE(avg_pool_rounds_the_quarter_sum_by_the_output_rounding) {
  const FixedFormat out{16, 4, Rounding::nearest_even, Overflow::saturate};
  const std::vector<int64_t> x = {1, 2, 3, 4};  // sum 10 -> 2.5 -> 2
  BOOST_TEST(pool2(x, 1, 2, 2, Pooling::avg2, out)[0] == 2);
  const std::vector<int64_t> y = {1, 2, 3, 8};  // sum 14 -> 3.5 -> 4
  BOOST_TEST(pool2(y, 1, 2, 2, Pooling::avg2, out)[0] == 4);
  BOOST_TEST(pool2(y, 1, 2, 2, Pooling::max2, out)[0] == 8);
}

// Conv outputs flatten into an fc layer pixel-major: 3 channels x 2 pixels (c*10 + px) give
// pixel 0's three channels, then pixel 1's; into another conv layer they stay C x H x W.
BOOST_AUTO_TEST_CASE(conv_outputs_flatten_into_fc_pixel_major) {
  Layer c;
  c.kind = LayerKind::conv, c.out_channels = 3;
  Layer fc;
  const std::vector<int64_t> chw = {0, 1, 10, 11, 20, 21};
  BOOST_TEST(next_layer_input(c, fc, chw) == (std::vector<int64_t>{0, 10, 20, 1, 11, 21}),
             boost::test_tools::per_element());
  BOOST_TEST(next_layer_input(c, c, chw) == chw, boost::test_tools::per_element());
  BOOST_TEST(next_layer_input(fc, fc, chw) == chw, boost::test_tools::per_element());
  const std::vector<double> d = {0, 1, 10, 11, 20, 21};
  BOOST_TEST(next_layer_input(c, fc, d)[1] == 10.0);
}

BOOST_AUTO_TEST_CASE(hard_activations_in_output_codes) {
  const FixedFormat out{16, 8, Rounding::nearest_even, Overflow::saturate};  // one = 256
  BOOST_TEST(hard_sigmoid(0, out) == 128);
  BOOST_TEST(hard_sigmoid(256, out) == 192);   // 1/4 + 1/2
  BOOST_TEST(hard_sigmoid(2000, out) == 256);  // clamps at 1
  BOOST_TEST(hard_sigmoid(-2000, out) == 0);
  BOOST_TEST(hard_sigmoid(2, out) == 128);  // 2/4 = 0.5 LSB ties to even: 0
  BOOST_TEST(hard_sigmoid(6, out) == 130);  // 1.5 LSB ties to even: 2
  BOOST_TEST(hard_tanh(300, out) == 256);
  BOOST_TEST(hard_tanh(-300, out) == -256);
  BOOST_TEST(hard_tanh(-100, out) == -100);
  BOOST_TEST(activate(int64_t{-5}, Activation::relu, out) == 0);
  const FixedFormat tight{8, 7, Rounding::nearest_even, Overflow::saturate};  // 1.0 -> 127
  BOOST_TEST(one_code(tight) == 127);
  BOOST_TEST(hard_tanh(-128, tight) == -127);
}

// Bias codes are one more output rounding; with activation none the model just gains it.
BOOST_AUTO_TEST_CASE(fc_with_bias_meets_the_bound_with_one_more_output_rounding) {
  const int k = 32;
  const Layer l = test::fc_layer(200, 90, k, Activation::none, true);
  const AcceleratorSpec spec = sized_spec(l, k);
  const LayerWeights w = random_layer_weights(l, k, 11);
  test::SqnrAccumulator acc;
  double input_ms = 0.0;
  for (uint64_t s = 0; s < 40; ++s) {
    const std::vector<int64_t> x = random_input_codes(l, k, kInput, 0.25, 100 + s);
    const LayerResult r = run_layer_fixed(spec, l, w, x);
    BOOST_TEST_REQUIRE(r.overflow.total() == 0u);
    const std::vector<double> xd = test::values(x, kInput);
    acc.add(run_layer_double(l, k, w, xd, ReferencePath::dense),
            test::values(r.output, spec.formats.output));
    input_ms += mean_square(xd) * 200.0 / 224.0 / 40;
  }
  test::NoiseBudget model =
      test::predict_noise(k, 7, spec.formats, FftScaling::forward, input_ms, mean_square(w.w.w));
  const double lsb = std::ldexp(1.0, -spec.formats.output.frac);
  const double signal = 7 * input_ms * k * mean_square(w.w.w) + mean_square(w.bias);
  model.output += lsb * lsb / 12 / signal;
  BOOST_TEST_MESSAGE("fc+bias: measured SQNR " << acc.db() << " dB, bound "
                                               << model.sqnr_db() - kMarginDb);
  BOOST_TEST(acc.db() >= model.sqnr_db() - kMarginDb);
}

// LSTM bound (an engineering estimate, not a proof): the gate products obey the fc model (input
// power taken from x alone, which under-states the signal); the hard nonlinearities have slopes
// <= 1, |f| <= 1 and |i|, |o|, |g| <= 1, so an error entering the cell state is carried, not
// amplified, and the errors of T steps add at most linearly in amplitude: 20 log10(T) dB. Not
// covered separately: the cell's own output-format roundings and the SQNR being measured on h
// rather than on the gates; the 3 dB margin and the conservative input power absorb them here
// (measured 62 dB against a 56 dB bound).
BOOST_AUTO_TEST_CASE(lstm_fixed_tracks_the_double_lstm) {
  const int k = 8, steps = 6;
  const Layer l = lstm_layer(20, 24, steps, k);
  AcceleratorSpec spec = sized_spec(l, k);
  spec.formats.output = {16, 12, Rounding::nearest_even, Overflow::saturate};
  const LayerWeights w = random_layer_weights(l, k, 12);
  const std::vector<int64_t> x = random_input_codes(l, k, kInput, 0.25, 13);
  const LayerResult r = run_layer_fixed(spec, l, w, x);
  BOOST_TEST_REQUIRE(r.overflow.total() == 0u, describe(r.overflow));
  const std::vector<double> ref =
      run_layer_double(l, k, w, test::values(x, kInput), ReferencePath::dense);
  BOOST_TEST(ref == run_layer_double(l, k, w, test::values(x, kInput), ReferencePath::fft),
             boost::test_tools::tolerance(1e-9) << boost::test_tools::per_element());
  const double got = test::sqnr_db(ref, test::values(r.output, spec.formats.output));
  // Input power of [x; h] padded to 24 + 24, counting x only: a lower bound, so conservative.
  const double x_ms = mean_square(test::values(x, kInput)) * 20 / 48;
  const test::NoiseBudget gate = test::predict_noise(k, geometry(l, k).q, spec.formats,
                                                     FftScaling::forward, x_ms, mean_square(w.w.w));
  const double bound = gate.sqnr_db() - 20 * std::log10(steps) - kMarginDb;
  BOOST_TEST_MESSAGE("lstm: measured SQNR " << got << " dB, gate model " << gate.sqnr_db()
                                            << " dB, bound " << bound << " dB");
  BOOST_TEST(got >= bound);
  BOOST_TEST(r.output.size() == static_cast<size_t>(steps * 24));
}

BOOST_AUTO_TEST_CASE(event_counts_follow_the_plain_schedule) {
  const int k = 16;
  const Layer fc = test::fc_layer(100, 40, k);  // p = 3, q = 7
  const AcceleratorSpec spec = sized_spec(fc, k);
  const LayerResult r = run_layer_fixed(spec, fc, random_layer_weights(fc, k, 1),
                                        random_input_codes(fc, k, kInput, 0.25, 2));
  BOOST_TEST(r.events.matvecs == 1u);
  BOOST_TEST(r.events.ffts == 7u);
  BOOST_TEST(r.events.iffts == 3u);
  BOOST_TEST(r.events.butterflies == 10u * 8 * 4);
  BOOST_TEST(r.events.complex_macs == 3u * 7 * 9);
  const Layer conv = test::conv_layer(5, 12, 7, 7, 3, 2, 1, 8, Pooling::max2);  // 4x4 outputs
  const LayerResult rc =
      run_layer_fixed(sized_spec(conv, 8), conv, random_layer_weights(conv, 8, 3),
                      random_input_codes(conv, 8, kInput, 0.25, 4));
  BOOST_TEST(rc.events.matvecs == 16u);
  BOOST_TEST(rc.events.ffts == 16u * 9);
  BOOST_TEST(rc.output.size() == 12u * 2 * 2);
  const Layer lstm = lstm_layer(10, 8, 3, 8);
  const LayerResult rl =
      run_layer_fixed(sized_spec(lstm, 8), lstm, random_layer_weights(lstm, 8, 5),
                      random_input_codes(lstm, 8, kInput, 0.25, 6));
  BOOST_TEST(rl.events.matvecs == 3u);
  BOOST_TEST(rl.events.iffts == 3u * 4);
}

BOOST_AUTO_TEST_CASE(user_errors_are_config_errors_and_bugs_internal_errors) {
  const Layer l = test::fc_layer(30, 20, 8);
  const AcceleratorSpec spec = sized_spec(l, 8);
  const LayerWeights w = random_layer_weights(l, 8, 1);
  const std::vector<int64_t> x = random_input_codes(l, 8, kInput, 0.25, 1);
  BOOST_CHECK_THROW(run_layer_fixed(spec, l, w, std::vector<int64_t>(29)), ConfigError);
  LayerWeights bad = w;
  bad.w.q = 3;
  BOOST_CHECK_THROW(run_layer_fixed(spec, l, bad, x), ConfigError);
  bad = w;
  bad.bias.assign(20, 0.0);  // the layer has no bias
  BOOST_CHECK_THROW(run_layer_fixed(spec, l, bad, x), ConfigError);
  Layer sig = l;
  sig.activation = Activation::sigmoid;
  AcceleratorSpec coarse = spec;
  coarse.formats.output.frac = 0;
  BOOST_CHECK_THROW(run_layer_fixed(coarse, sig, w, x), ConfigError);
  BOOST_CHECK_THROW(FixedFft(12, spec.formats, FftScaling::forward), InternalError);
}

BOOST_AUTO_TEST_CASE(seeded_generation_is_reproducible) {
  const Layer l = test::fc_layer(50, 30, 8, Activation::relu, true);
  const LayerWeights a = random_layer_weights(l, 8, 42), b = random_layer_weights(l, 8, 42);
  BOOST_TEST(a.w.w == b.w.w, boost::test_tools::per_element());
  BOOST_TEST(a.bias == b.bias, boost::test_tools::per_element());
  BOOST_TEST(a.w.w != random_layer_weights(l, 8, 43).w.w);
  const double amp = weight_amplitude(l, 8);
  for (double v : a.w.w) BOOST_TEST((v >= -amp && v < amp));
  BOOST_TEST(random_input_codes(l, 8, kInput, 0.25, 1) ==
             random_input_codes(l, 8, kInput, 0.25, 1));
}
