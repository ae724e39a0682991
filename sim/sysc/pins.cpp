#include "sysc/pins.hpp"

namespace circa::sysc {

void put_field(Bits& v, int lo, int w, int64_t x) {
  for (int b = 0; b < w; ++b)
    if ((static_cast<uint64_t>(x) >> (b < 64 ? b : 63)) & 1u)
      v[static_cast<size_t>((lo + b) / 32)] |= 1u << ((lo + b) % 32);
}

int64_t unsigned_field(const Bits& v, int lo, int w) {
  uint64_t r = 0;
  for (int b = 0; b < w; ++b) {
    const size_t i = static_cast<size_t>((lo + b) / 32);
    if (i < v.size() && ((v[i] >> ((lo + b) % 32)) & 1u)) r |= uint64_t{1} << b;
  }
  return static_cast<int64_t>(r);
}

int64_t signed_field(const Bits& v, int lo, int w) {
  const uint64_t r = static_cast<uint64_t>(unsigned_field(v, lo, w < 64 ? w : 63));
  return w < 64 && ((r >> (w - 1)) & 1u) ? static_cast<int64_t>(r | (~uint64_t{0} << w))
                                          : static_cast<int64_t>(r);
}

}  // namespace circa::sysc
