// Level 5: overflow is counted at the stage where it happens and the saturated value is the
// format's max/min code; wrap keeps the low bits; benign data counts nothing.
#define BOOST_TEST_MODULE numerics_05_overflow
#include <boost/test/unit_test.hpp>

#include "numerics/output_stage.hpp"
#include "numerics/random_data.hpp"
#include "spec/config_loader.hpp"
#include "test_support.hpp"

using namespace circa;
using namespace circa::num;

namespace {

FixedFormat fmt(int bits, int frac, Overflow o = Overflow::saturate) {
  return {bits, frac, Rounding::nearest_even, o};
}

// Only the stages listed may have counted.
bool only(const OverflowCounts& c, std::initializer_list<Stage> stages) {
  OverflowCounts rest = c;
  for (Stage s : stages) rest[s] = 0;
  return rest.total() == 0;
}

DatapathFormats equal_formats(const FixedFormat& f) {
  DatapathFormats d;
  d.input = d.fft = d.weight = d.product = d.accumulator = d.ifft = d.output = f;
  d.twiddle = fmt(16, 14);
  return d;
}

}  // namespace

BOOST_AUTO_TEST_CASE(unscaled_fft_of_full_scale_dc_saturates_at_stage_fft) {
  const DatapathFormats f = equal_formats(fmt(8, 4));
  const FixedFft fft(8, f, FftScaling::inverse);  // forward FFT does not scale
  for (const int64_t code : {max_code(f.input), min_code(f.input)}) {
    const std::vector<int64_t> x(8, code);
    OverflowCounts ovf;
    const std::vector<CFixed> X = fft.forward_real(x.data(), ovf);
    BOOST_TEST(ovf[Stage::fft] > 0u);
    BOOST_TEST(only(ovf, {Stage::fft}));
    BOOST_TEST(X[0].re == code);  // 8 * code clamps back to the same extreme code
  }
}

BOOST_AUTO_TEST_CASE(wrapping_fft_counts_and_keeps_the_low_bits) {
  const DatapathFormats f = equal_formats(fmt(8, 4, Overflow::wrap));
  const FixedFft fft(2, f, FftScaling::inverse);
  const std::vector<int64_t> x = {100, 100};
  OverflowCounts ovf;
  const std::vector<CFixed> X = fft.forward_real(x.data(), ovf);
  BOOST_TEST(ovf[Stage::fft] == 1u);
  BOOST_TEST(X[0].re == 200 - 256);
  BOOST_TEST(X[1].re == 0);
}

BOOST_AUTO_TEST_CASE(scaled_fft_of_full_scale_input_does_not_overflow) {
  const DatapathFormats f = equal_formats(fmt(8, 4));
  const FixedFft fft(64, f, FftScaling::forward);
  for (const int64_t code : {max_code(f.input), min_code(f.input)}) {
    std::vector<int64_t> x(64);
    for (int n = 0; n < 64; ++n) x[n] = n % 3 == 0 ? code : -code / 2;
    OverflowCounts ovf;
    fft.forward_real(x.data(), ovf);
    BOOST_TEST(ovf.total() == 0u);
  }
}

BOOST_AUTO_TEST_CASE(large_weight_spectrum_saturates_at_stage_weight) {
  // All-ones first column: FFT bin 0 = k = 8 does not fit s8.5 (max 3.97).
  const BlockCirculantWeights w{1, 1, 8, std::vector<double>(8, 1.0)};
  OverflowCounts ovf;
  const WeightSpectra ws = quantise_weight_spectra(w, fmt(8, 5), ovf);
  BOOST_TEST(ovf[Stage::weight] == 1u);
  BOOST_TEST(only(ovf, {Stage::weight}));
  BOOST_TEST(ws.bins[0].re == 127);
  BOOST_TEST(ws.bins[1].re == 0);
}

BOOST_AUTO_TEST_CASE(product_and_accumulator_saturate_to_their_extreme_codes) {
  DatapathFormats f = equal_formats(fmt(16, 8));
  f.product = fmt(12, 8);      // +-8
  f.accumulator = fmt(14, 8);  // +-32
  uint64_t p_ovf = 0, a_ovf = 0;
  const CFixed big = complex_product({16 * 256, 0}, {4 * 256, 0}, f, &p_ovf);  // 64
  BOOST_TEST(big.re == max_code(f.product));
  BOOST_TEST(big.im == 0);
  const CFixed neg = complex_product({16 * 256, 0}, {-4 * 256, 0}, f, &p_ovf);
  BOOST_TEST(neg.re == min_code(f.product));
  BOOST_TEST(p_ovf == 2u);
  CFixed acc;
  for (int j = 0; j < 8; ++j) acc = accumulate(acc, big, f, &a_ovf);  // 8 * 7.99 > 32
  BOOST_TEST(acc.re == max_code(f.accumulator));
  BOOST_TEST(a_ovf == 4u);  // steps 5..8
}

BOOST_AUTO_TEST_CASE(ifft_input_beyond_its_format_saturates_at_stage_ifft) {
  DatapathFormats f = equal_formats(fmt(16, 8));
  f.ifft = fmt(10, 8);  // +-2
  const FixedFft fft(4, f, FftScaling::forward);
  OverflowCounts ovf;
  const std::vector<int64_t> y = fft.inverse_real({{5 * 256, 0}, {0, 0}, {0, 0}}, ovf);
  BOOST_TEST(ovf[Stage::ifft] >= 1u);
  BOOST_TEST(only(ovf, {Stage::ifft}));
  for (int64_t v : y) BOOST_TEST(v == max_code(f.ifft));
}

BOOST_AUTO_TEST_CASE(twiddle_rom_without_room_for_one_counts_at_stage_twiddle) {
  Layer l = test::fc_layer(8, 8, 8);
  DatapathFormats f = test::sized_formats(fmt(16, 12), 2.0, 0.36, 8, 1, FftScaling::forward,
                                          test::kNarrow, Rounding::nearest_even);
  f.twiddle = fmt(16, 15);
  const LayerResult r =
      run_layer_fixed(test::spec_with(f, 8, FftScaling::forward), l, random_layer_weights(l, 8, 1),
                      random_input_codes(l, 8, f.input, 0.25, 2));
  BOOST_TEST(r.overflow[Stage::twiddle] == 1u);
}

BOOST_AUTO_TEST_CASE(input_codes_out_of_range_count_at_stage_input) {
  const Layer l = test::fc_layer(8, 8, 8);
  const DatapathFormats f = equal_formats(fmt(16, 8));
  std::vector<int64_t> x(8, 0);
  x[3] = 1 << 20;
  const LayerResult r = run_layer_fixed(test::spec_with(f, 8, FftScaling::forward), l,
                                        random_layer_weights(l, 8, 1), x);
  BOOST_TEST(r.overflow[Stage::input] == 1u);
}

// Full-scale DC input, all weights +1.5/64 (n = k = 64): the DC weight bin 1.5 fits s16.14
// (+-2) and y = 64 * 8 * 1.5 / 64 = 12 exceeds the s16.12 output (+-8), while every earlier
// stage of the default formats holds its value. Each row
// saturates to the extreme code and counts once, at the output stage only.
BOOST_AUTO_TEST_CASE(full_scale_layer_saturates_exactly_at_the_output_stage) {
  const AcceleratorSpec spec = default_accelerator();
  const Layer l = test::fc_layer(64, 64, 64);
  const LayerWeights w{{1, 1, 64, std::vector<double>(64, 1.5 / 64)}, {}};
  for (const int64_t code : {max_code(spec.formats.input), min_code(spec.formats.input)}) {
    const LayerResult r = run_layer_fixed(spec, l, w, std::vector<int64_t>(64, code));
    BOOST_TEST(r.overflow[Stage::output] == 64u);
    BOOST_TEST(only(r.overflow, {Stage::output}), describe(r.overflow));
    const int64_t expect = code > 0 ? max_code(spec.formats.output) : min_code(spec.formats.output);
    for (int64_t v : r.output) BOOST_TEST(v == expect);
  }
}

BOOST_AUTO_TEST_CASE(bias_addition_saturates_at_the_output_stage) {
  const DatapathFormats f = equal_formats(fmt(8, 4));
  uint64_t ovf = 0;
  const int64_t bias = 100;
  BOOST_TEST(output_preactivation(50, &bias, f, &ovf) == 127);
  BOOST_TEST(ovf == 1u);
  BOOST_TEST(output_preactivation(50, nullptr, f, &ovf) == 50);
  BOOST_TEST(ovf == 1u);
}

BOOST_AUTO_TEST_CASE(benign_random_layers_count_no_overflow_with_default_formats) {
  const AcceleratorSpec spec = default_accelerator();
  Layer l = test::fc_layer(300, 100, 0, Activation::relu, true);
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    const LayerResult r =
        run_layer_fixed(spec, l, random_layer_weights(l, spec.block_size, seed),
                        random_input_codes(l, spec.block_size, spec.formats.input, 0.25, seed));
    BOOST_TEST(r.overflow.total() == 0u, describe(r.overflow));
  }
}
