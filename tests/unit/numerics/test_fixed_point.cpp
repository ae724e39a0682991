// Level 1: the fixed-point primitives every other numerics test stands on.
#define BOOST_TEST_MODULE numerics_01_fixed_point
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <random>

#include "common/error.hpp"
#include "numerics/fixed_point.hpp"

using namespace circa;
using namespace circa::num;
namespace bdata = boost::unit_test::data;

namespace {

struct ShiftCase {
  int64_t v;
  int shift;
  int64_t truncate, nearest_up, nearest_even;
};

std::ostream& operator<<(std::ostream& os, const ShiftCase& c) {
  return os << c.v << ">>" << c.shift;
}

// Hand-checked: v / 2^s as a real number, then each rule. Ties at .5 for odd/even neighbours
// and for negative values (where floor, not truncation toward zero, decides).
const ShiftCase kShiftCases[] = {
    {5, 1, 2, 3, 2},       // 2.5
    {7, 1, 3, 4, 4},       // 3.5
    {-5, 1, -3, -2, -2},   // -2.5
    {-7, 1, -4, -3, -4},   // -3.5
    {-1, 1, -1, 0, 0},     // -0.5
    {1, 1, 0, 1, 0},       // 0.5
    {6, 2, 1, 2, 2},       // 1.5
    {10, 2, 2, 3, 2},      // 2.5
    {-6, 2, -2, -1, -2},   // -1.5
    {-10, 2, -3, -2, -2},  // -2.5
    {13, 3, 1, 2, 2},      // 1.625
    {-13, 3, -2, -2, -2},  // -1.625
    {-11, 3, -2, -1, -1},  // -1.375
    {0, 5, 0, 0, 0},       // 0
    {-1, 40, -1, 0, 0},    // -2^-40
};

FixedFormat fmt(int bits, int frac, Rounding r = Rounding::nearest_even,
                Overflow o = Overflow::saturate) {
  return {bits, frac, r, o};
}

}  // namespace

BOOST_DATA_TEST_CASE(round_shift_each_mode_including_negative_ties, bdata::make(kShiftCases), c) {
  BOOST_TEST(round_shift(c.v, c.shift, Rounding::truncate) == c.truncate);
  BOOST_TEST(round_shift(c.v, c.shift, Rounding::nearest_up) == c.nearest_up);
  BOOST_TEST(round_shift(c.v, c.shift, Rounding::nearest_even) == c.nearest_even);
}

BOOST_AUTO_TEST_CASE(round_shift_matches_real_arithmetic_on_random_values) {
  std::mt19937_64 g(11);
  for (int n = 0; n < 20000; ++n) {
    const int64_t v = static_cast<int64_t>(g() % (1u << 24)) - (1 << 23);
    const int s = 1 + static_cast<int>(g() % 12);
    const long double x = std::ldexp(static_cast<long double>(v), -s);
    BOOST_TEST(round_shift(v, s, Rounding::truncate) == std::floor(x));
    BOOST_TEST(round_shift(v, s, Rounding::nearest_up) == std::floor(x + 0.5L));
    BOOST_TEST(round_shift(v, s, Rounding::nearest_even) == std::nearbyint(x));
  }
}

BOOST_AUTO_TEST_CASE(round_shift_left_is_exact_and_overflow_is_a_bug) {
  BOOST_TEST(round_shift(-3, -4, Rounding::truncate) == -48);
  BOOST_TEST(round_shift(5, 0, Rounding::nearest_up) == 5);
  BOOST_CHECK_THROW(round_shift(int64_t{1} << 40, -30, Rounding::truncate), InternalError);
}

BOOST_AUTO_TEST_CASE(fit_saturates_and_counts) {
  const FixedFormat f = fmt(8, 4);
  uint64_t ovf = 0;
  BOOST_TEST(max_code(f) == 127);
  BOOST_TEST(min_code(f) == -128);
  BOOST_TEST(fit(127, f, &ovf) == 127);
  BOOST_TEST(fit(-128, f, &ovf) == -128);
  BOOST_TEST(ovf == 0u);
  BOOST_TEST(fit(128, f, &ovf) == 127);
  BOOST_TEST(fit(-129, f, &ovf) == -128);
  BOOST_TEST(fit(100000, f, &ovf) == 127);
  BOOST_TEST(ovf == 3u);
  BOOST_TEST(fit(1000, f, nullptr) == 127);  // counting is optional
}

BOOST_AUTO_TEST_CASE(fit_wraps_sign_extending_the_low_bits_and_counts) {
  const FixedFormat f = fmt(8, 0, Rounding::truncate, Overflow::wrap);
  uint64_t ovf = 0;
  BOOST_TEST(fit(128, f, &ovf) == -128);
  BOOST_TEST(fit(255, f, &ovf) == -1);
  BOOST_TEST(fit(256, f, &ovf) == 0);
  BOOST_TEST(fit(-129, f, &ovf) == 127);
  BOOST_TEST(fit(-300, f, &ovf) == -44);  // -300 + 256
  BOOST_TEST(ovf == 5u);
  BOOST_TEST(fit(-5, f, &ovf) == -5);
  BOOST_TEST(ovf == 5u);
}

BOOST_AUTO_TEST_CASE(requantize_rounds_then_fits) {
  uint64_t ovf = 0;
  // 0x155 at frac 8 (1.33203125) to frac 4: 21.3125 -> 21; to frac 10: exact *4.
  BOOST_TEST(requantize(0x155, 8, fmt(16, 4), &ovf) == 21);
  BOOST_TEST(requantize(0x155, 8, fmt(16, 10), &ovf) == 0x155 * 4);
  BOOST_TEST(ovf == 0u);
  BOOST_TEST(requantize(1 << 20, 8, fmt(8, 4), &ovf) == 127);
  BOOST_TEST(ovf == 1u);
}

BOOST_AUTO_TEST_CASE(quantize_rounds_exactly_per_mode) {
  uint64_t ovf = 0;
  const auto q = [&](double v, Rounding r) { return quantize(v, fmt(16, 2, r), &ovf); };
  BOOST_TEST(q(0.625, Rounding::truncate) == 2);  // 2.5
  BOOST_TEST(q(0.625, Rounding::nearest_up) == 3);
  BOOST_TEST(q(0.625, Rounding::nearest_even) == 2);
  BOOST_TEST(q(-0.625, Rounding::truncate) == -3);  // -2.5
  BOOST_TEST(q(-0.625, Rounding::nearest_up) == -2);
  BOOST_TEST(q(-0.625, Rounding::nearest_even) == -2);
  BOOST_TEST(q(-0.875, Rounding::nearest_even) == -4);  // -3.5
  // Just below a tie must not round up: 0.625 - 2^-50.
  BOOST_TEST(q(0.625 - std::ldexp(1.0, -50), Rounding::nearest_up) == 2);
  BOOST_TEST(ovf == 0u);
  BOOST_TEST(quantize(1e30, fmt(16, 2), &ovf) == 32767);
  BOOST_TEST(quantize(-1e30, fmt(16, 2, Rounding::truncate, Overflow::wrap), &ovf) == -32768);
  BOOST_TEST(quantize(8192.0, fmt(16, 2), &ovf) == 32767);
  BOOST_TEST(ovf == 3u);
  BOOST_TEST(to_double(-6, fmt(16, 2)) == -1.5);
  BOOST_TEST(quantize(3.0, fmt(16, -1), &ovf) == 2);  // 1.5 -> 2 (even); value 4
}

BOOST_AUTO_TEST_CASE(overflow_counts_add_and_name_their_stages) {
  OverflowCounts a, b;
  a[Stage::fft] = 2;
  b[Stage::fft] = 1;
  b[Stage::output] = 4;
  a += b;
  BOOST_TEST(a[Stage::fft] == 3u);
  BOOST_TEST(a.total() == 7u);
  BOOST_TEST(std::string(to_string(Stage::accumulator)) == "accumulator");
}
