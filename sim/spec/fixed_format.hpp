// A fixed-point number format as the spec describes it: plain data, no arithmetic (that lives in
// numerics/). A value v with `frac` fractional bits is stored as the integer round(v * 2^frac) in
// a two's-complement word of `bits` bits.
#pragma once

#include <string>

#include "common/enum_names.hpp"

namespace circa {

enum class Rounding {
  truncate,      ///< floor toward -inf (drop bits): cheapest in hardware
  nearest_up,    ///< round half toward +inf: add 1/2 LSB then floor
  nearest_even,  ///< round half to even: unbiased
};

enum class Overflow {
  saturate,  ///< clamp to the largest/smallest code
  wrap,      ///< keep the low `bits` bits (two's-complement wrap)
};

struct FixedFormat {
  int bits = 0;  ///< total width including sign
  int frac = 0;  ///< fractional bits; may exceed bits or be negative
  Rounding rounding = Rounding::truncate;
  Overflow overflow = Overflow::saturate;

  bool operator==(const FixedFormat& o) const {
    return bits == o.bits && frac == o.frac && rounding == o.rounding && overflow == o.overflow;
  }
  bool operator!=(const FixedFormat& o) const { return !(*this == o); }
};

/// "Q<int>.<frac>" style name, e.g. s16.8 = 16 bits, 8 fractional.
std::string describe(const FixedFormat& f);
const EnumNames<Rounding>& enum_names(Rounding);  ///< every value and its YAML spelling
const EnumNames<Overflow>& enum_names(Overflow);
const char* to_string(Rounding r);
const char* to_string(Overflow o);

}  // namespace circa
