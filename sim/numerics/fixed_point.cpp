// Bit-exact fixed-point primitives; NUMBER_FORMATS.md states the same definitions for RTL.
#include "numerics/fixed_point.hpp"

#include <cmath>
#include <string>

#include "common/error.hpp"

namespace circa::num {

const char* to_string(Stage s) {
  switch (s) {
    case Stage::input:
      return "input";
    case Stage::fft:
      return "fft";
    case Stage::twiddle:
      return "twiddle";
    case Stage::weight:
      return "weight";
    case Stage::product:
      return "product";
    case Stage::accumulator:
      return "accumulator";
    case Stage::ifft:
      return "ifft";
    case Stage::output:
      return "output";
    case Stage::count_:
      break;
  }
  return "?";
}

uint64_t OverflowCounts::total() const {
  uint64_t t = 0;
  for (uint64_t v : n) t += v;
  return t;
}

OverflowCounts& OverflowCounts::operator+=(const OverflowCounts& o) {
  for (int i = 0; i < kStageCount; ++i) n[i] += o.n[i];
  return *this;
}

std::string describe(const OverflowCounts& c) {
  std::string s;
  for (int i = 0; i < kStageCount; ++i)
    if (c.n[i] != 0)
      s += (s.empty() ? "" : " ") + std::string(to_string(static_cast<Stage>(i))) + "=" +
           std::to_string(c.n[i]);
  return s.empty() ? "none" : s;
}

int64_t max_code(const FixedFormat& f) {
  CIRCA_CHECK(f.bits >= 2 && f.bits <= 62, "format width " + std::to_string(f.bits));
  return (int64_t{1} << (f.bits - 1)) - 1;
}

int64_t min_code(const FixedFormat& f) {
  return -max_code(f) - 1;
}

int64_t round_shift(int64_t v, int shift, Rounding r) {
  if (shift <= 0) {
    CIRCA_CHECK(shift > -63, "left shift by " + std::to_string(-shift));
    int64_t out = 0;
    CIRCA_CHECK(!__builtin_mul_overflow(v, int64_t{1} << -shift, &out),
                "left shift of " + std::to_string(v) + " by " + std::to_string(-shift));
    return out;
  }
  CIRCA_CHECK(shift < 63, "right shift by " + std::to_string(shift));
  // floor(v / 2^s) and the dropped bits as a non-negative remainder: exact for every v.
  const int64_t q = v >> shift;  // arithmetic shift (guaranteed by GCC/Clang, C++20 standard)
  const uint64_t rem = static_cast<uint64_t>(v) - (static_cast<uint64_t>(q) << shift);
  const uint64_t half = uint64_t{1} << (shift - 1);
  switch (r) {
    case Rounding::truncate:
      return q;
    case Rounding::nearest_up:
      return rem >= half ? q + 1 : q;
    case Rounding::nearest_even:
      if (rem != half) return rem > half ? q + 1 : q;
      return (q & 1) != 0 ? q + 1 : q;
  }
  return q;
}

int64_t fit(int64_t v, const FixedFormat& f, uint64_t* ovf) {
  const int64_t hi = max_code(f), lo = min_code(f);
  if (v >= lo && v <= hi) return v;
  if (ovf != nullptr) ++*ovf;
  if (f.overflow == Overflow::saturate) return v > hi ? hi : lo;
  // Two's-complement wrap: keep the low `bits` bits and sign-extend them.
  const uint64_t mask = (uint64_t{1} << f.bits) - 1;
  const uint64_t low = static_cast<uint64_t>(v) & mask;
  const uint64_t sign = uint64_t{1} << (f.bits - 1);
  return (low & sign) != 0 ? static_cast<int64_t>(low) - static_cast<int64_t>(mask) - 1
                           : static_cast<int64_t>(low);
}

int64_t requantize(int64_t v, int from_frac, const FixedFormat& to, uint64_t* ovf) {
  return fit(round_shift(v, from_frac - to.frac, to.rounding), to, ovf);
}

int64_t quantize(double v, const FixedFormat& f, uint64_t* ovf) {
  CIRCA_CHECK(std::isfinite(v), "quantize of a non-finite value");
  // ldexp, floor and x - floor(x) are all exact in double, so the rounding decision is exact.
  const double x = std::ldexp(v, f.frac);
  const double fl = std::floor(x);
  const double rem = x - fl;
  double r = fl;
  switch (f.rounding) {
    case Rounding::truncate:
      break;
    case Rounding::nearest_up:
      r = rem >= 0.5 ? fl + 1 : fl;
      break;
    case Rounding::nearest_even:
      r = rem > 0.5 || (rem == 0.5 && std::fmod(fl, 2.0) != 0.0) ? fl + 1 : fl;
      break;
  }
  // Beyond +-2^62 the value is out of every legal format: clamp before the integer conversion.
  constexpr double kLimit = 4611686018427387904.0;  // 2^62
  if (r >= kLimit || r < -kLimit) {
    if (ovf != nullptr) ++*ovf;
    return r > 0 ? max_code(f) : min_code(f);
  }
  return fit(static_cast<int64_t>(r), f, ovf);
}

double to_double(int64_t code, const FixedFormat& f) {
  return std::ldexp(static_cast<double>(code), -f.frac);
}

}  // namespace circa::num
