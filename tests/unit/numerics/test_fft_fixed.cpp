// Level 3: the bit-exact FFT datapath: butterfly, twiddle ROM, forward and inverse transforms,
// and the overall scale (forward or inverse scaling both give y = w (*) x).
#define BOOST_TEST_MODULE numerics_03_fft_fixed
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <random>

#include "numerics/fft_fixed.hpp"
#include "numerics/random_data.hpp"
#include "test_support.hpp"

using namespace circa;
using namespace circa::num;
namespace bdata = boost::unit_test::data;

BOOST_TEST_DONT_PRINT_LOG_VALUE(circa::FftScaling)

namespace {

const int kSizes[] = {2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};
const FftScaling kScalings[] = {FftScaling::forward, FftScaling::inverse};

// Input s16.12, FFT wide enough for an unscaled 1024-point transform of |x| <= 2.
DatapathFormats transform_formats() {
  DatapathFormats f;
  f.input = {16, 12, Rounding::nearest_even, Overflow::saturate};
  f.fft = {40, 26, Rounding::nearest_even, Overflow::saturate};
  f.twiddle = {20, 18, Rounding::nearest_even, Overflow::saturate};
  f.accumulator = f.fft;
  f.ifft = f.fft;
  return f;
}

std::vector<int64_t> random_codes(int k, const FixedFormat& f, double amp, uint64_t seed) {
  std::mt19937_64 g(seed);
  std::vector<int64_t> x(k);
  for (auto& v : x) v = quantize(uniform_pm(g, amp), f, nullptr);
  return x;
}

}  // namespace

// The worked example of NUMBER_FORMATS.md: s16.8 data, twiddle W_8^1 in s16.14, shift 1.
BOOST_AUTO_TEST_CASE(butterfly_worked_example) {
  const FixedFormat data{16, 8, Rounding::nearest_even, Overflow::saturate};
  const TwiddleRom rom(8, {16, 14, Rounding::nearest_even, Overflow::saturate});
  BOOST_TEST(rom(1).re == 11585);
  BOOST_TEST(rom(1).im == -11585);
  uint64_t ovf = 0;
  const ButterflyOut o = butterfly({256, 0}, {128, 64}, rom(1), 14, 1, data, &ovf);
  BOOST_TEST(o.a.re == 196);
  BOOST_TEST(o.a.im == -23);
  BOOST_TEST(o.b.re == 60);
  BOOST_TEST(o.b.im == 23);
  BOOST_TEST(ovf == 0u);
}

BOOST_AUTO_TEST_CASE(twiddle_rom_exact_words_and_saturated_one) {
  const TwiddleRom rom(16, {16, 14, Rounding::nearest_even, Overflow::saturate});
  BOOST_TEST(rom.words().size() == 8u);
  BOOST_TEST((rom(0) == CFixed{16384, 0}));
  BOOST_TEST((rom(4) == CFixed{0, -16384}));
  BOOST_TEST(rom.overflows() == 0u);
  // frac = bits-1 cannot hold +1.0: W^0 saturates to max_code and is counted.
  const TwiddleRom tight(16, {16, 15, Rounding::nearest_even, Overflow::saturate});
  BOOST_TEST(tight(0).re == 32767);
  BOOST_TEST(tight.overflows() == 1u);
}

BOOST_DATA_TEST_CASE(forward_real_tracks_the_double_fft,
                     bdata::make(kSizes) * bdata::make(kScalings), k, scaling) {
  const DatapathFormats f = transform_formats();
  const FixedFft fft(k, f, scaling);
  const double amp = 2.0;
  const std::vector<int64_t> x = random_codes(k, f.input, amp, k);
  OverflowCounts ovf;
  const std::vector<CFixed> X = fft.forward_real(x.data(), ovf);
  BOOST_TEST(ovf.total() == 0u);
  BOOST_TEST(X.size() == static_cast<size_t>(k / 2 + 1));
  std::vector<cplx> xd(k);
  for (int n = 0; n < k; ++n) xd[n] = to_double(x[n], f.input);
  const std::vector<cplx> ref = circa::num::fft(xd);
  // Worst case: per stage one rounding (|e| <= LSB/sqrt 2) and a twiddle error on b
  // (|b| |e_w| <= |b| LSB_t/sqrt 2, |b| <= amp scaled, 2^(s-1) amp unscaled); earlier errors
  // carry through a scaled stage and at most double through an unscaled one. Summed:
  // L * gain * 0.71 * (LSB + LSB_t * amp), gain = 1 scaled, k unscaled.
  const int L = log2_exact(k);
  const double scale = scaling == FftScaling::forward ? 1.0 / k : 1.0;
  const double gain = scaling == FftScaling::forward ? 1.0 : k;
  const double lsb = std::ldexp(1.0, -f.fft.frac), lsb_t = std::ldexp(1.0, -f.twiddle.frac);
  const double bound = L * gain * 0.71 * (lsb + lsb_t * amp) + lsb;
  double worst = 0.0;
  for (int b = 0; b <= k / 2; ++b) {
    const cplx got(to_double(X[b].re, f.fft), to_double(X[b].im, f.fft));
    worst = std::max(worst, std::abs(got - ref[b] * scale));
  }
  BOOST_TEST_MESSAGE("k=" << k << " max |error| " << worst << " bound " << bound);
  BOOST_TEST(worst <= bound);
  BOOST_TEST(X[0].im == 0);
  BOOST_TEST(X[k / 2].im == 0);
}

BOOST_DATA_TEST_CASE(forward_then_inverse_round_trips, bdata::make(kSizes) * bdata::make(kScalings),
                     k, scaling) {
  const DatapathFormats f = transform_formats();
  const FixedFft fft(k, f, scaling);
  const std::vector<int64_t> x = random_codes(k, f.input, 2.0, 7 * k);
  OverflowCounts ovf;
  // accumulator.frac == fft.frac: the spectrum passes straight into the inverse.
  const std::vector<int64_t> y = fft.inverse_real(fft.forward_real(x.data(), ovf), ovf);
  BOOST_TEST(ovf.total() == 0u);
  double worst = 0.0;
  for (int n = 0; n < k; ++n)
    worst = std::max(worst, std::abs(to_double(y[n], f.ifft) - to_double(x[n], f.input)));
  BOOST_TEST_MESSAGE("k=" << k << " round trip max |error| " << worst);
  BOOST_TEST(worst < 1e-4);
}

// The overall scale: with either scaling, one block is y = w (*) x (circular convolution).
BOOST_DATA_TEST_CASE(both_scalings_give_the_circular_convolution,
                     bdata::make({4, 16, 64, 256}) * bdata::make(kScalings), k, scaling) {
  const Layer layer = test::fc_layer(k, k, k);
  const LayerWeights w = random_layer_weights(layer, k, 3 * k);
  DatapathFormats f = test::sized_formats({16, 12, Rounding::nearest_even, Overflow::saturate}, 2.0,
                                          weight_amplitude(layer, k), k, 1, scaling, test::kWide,
                                          Rounding::nearest_even);
  f.output = {16, 12, Rounding::nearest_even, Overflow::saturate};  // a scale slip is >> 1 LSB
  const std::vector<int64_t> x = random_input_codes(layer, k, f.input, 0.25, k);
  const LayerResult r = run_layer_fixed(test::spec_with(f, k, scaling), layer, w, x);
  BOOST_TEST(r.overflow.total() == 0u);
  double worst = 0.0;
  for (int i = 0; i < k; ++i) {
    double conv = 0.0;
    for (int c = 0; c < k; ++c) conv += w.w.w[((i - c) % k + k) % k] * to_double(x[c], f.input);
    worst = std::max(worst, std::abs(to_double(r.output[i], f.output) - conv));
  }
  BOOST_TEST_MESSAGE("k=" << k << " " << to_string(scaling) << " max |y - w*x| " << worst);
  BOOST_TEST(worst <= std::ldexp(1.0, -f.output.frac));  // one output LSB
}

// The end-to-end worked example of NUMBER_FORMATS.md §13: k = 2, w = (0.75, -0.25),
// x = (1.0, 0.5), y = w (*) x = (0.625, 0.125), every intermediate code stated there.
BOOST_AUTO_TEST_CASE(k2_layer_worked_example) {
  const FixedFormat s8_4{8, 4, Rounding::nearest_even, Overflow::saturate};
  const FixedFormat s16_8{16, 8, Rounding::nearest_even, Overflow::saturate};
  DatapathFormats f;
  f.input = f.fft = f.weight = f.ifft = f.output = s8_4;
  f.twiddle = {8, 6, Rounding::nearest_even, Overflow::saturate};
  f.product = f.accumulator = s16_8;
  const FixedFft fft(2, f, FftScaling::forward);
  OverflowCounts ovf;
  const std::vector<int64_t> x = {16, 8};
  const std::vector<CFixed> X = fft.forward_real(x.data(), ovf);
  BOOST_TEST((X[0] == CFixed{12, 0}));
  BOOST_TEST((X[1] == CFixed{4, 0}));
  const WeightSpectra W = quantise_weight_spectra({1, 1, 2, {0.75, -0.25}}, f.weight, ovf);
  BOOST_TEST((W.bins[0] == CFixed{8, 0}));
  BOOST_TEST((W.bins[1] == CFixed{16, 0}));
  const CFixed p0 = complex_product(X[0], W.bins[0], f, nullptr);
  BOOST_TEST((p0 == CFixed{96, 0}));
  const Layer l = test::fc_layer(2, 2, 2);
  const LayerResult r = run_layer_fixed(test::spec_with(f, 2, FftScaling::forward), l,
                                        {{1, 1, 2, {0.75, -0.25}}, {}}, x);
  BOOST_TEST(r.output == std::vector<int64_t>({10, 2}), boost::test_tools::per_element());
  BOOST_TEST(r.overflow.total() == 0u);
  BOOST_TEST(ovf.total() == 0u);
}
