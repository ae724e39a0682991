// Bit-exact fixed-point primitives. Values are integer codes (int64_t) in a FixedFormat; every
// rounding and every overflow is explicit. Overflow is counted, never silent.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "spec/fixed_format.hpp"

namespace circa::num {

/// The datapath stages whose overflows are counted separately (README "Number formats").
enum class Stage { input, fft, twiddle, weight, product, accumulator, ifft, output, count_ };
constexpr int kStageCount = static_cast<int>(Stage::count_);
const char* to_string(Stage s);

/// Overflow events per stage: each value that had to be saturated or wrapped counts once.
struct OverflowCounts {
  std::array<uint64_t, kStageCount> n{};
  uint64_t& operator[](Stage s) { return n[static_cast<int>(s)]; }
  uint64_t operator[](Stage s) const { return n[static_cast<int>(s)]; }
  uint64_t total() const;
  OverflowCounts& operator+=(const OverflowCounts& o);
};

/// "fft=3 output=1" (stages with events only), or "none".
std::string describe(const OverflowCounts& c);

/// Largest and smallest codes of a format.
int64_t max_code(const FixedFormat& f);
int64_t min_code(const FixedFormat& f);

/// v * 2^-shift with the given rounding (shift > 0), or v * 2^-shift exactly (shift <= 0).
int64_t round_shift(int64_t v, int shift, Rounding r);

/// Brings an integer into the range of f by f.overflow; counts one event into *ovf if it had to.
int64_t fit(int64_t v, const FixedFormat& f, uint64_t* ovf);

/// A code with `from_frac` fractional bits converted to format `to`: round_shift by
/// (from_frac - to.frac) with to.rounding, then fit.
int64_t requantize(int64_t v, int from_frac, const FixedFormat& to, uint64_t* ovf);

/// A real number to a code of f: v * 2^frac rounded by f.rounding, then fit.
int64_t quantize(double v, const FixedFormat& f, uint64_t* ovf);

/// The real value a code stands for.
double to_double(int64_t code, const FixedFormat& f);

struct CFixed {
  int64_t re = 0;
  int64_t im = 0;
  bool operator==(const CFixed& o) const { return re == o.re && im == o.im; }
};

}  // namespace circa::num
