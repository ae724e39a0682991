// The generated top seen at its pins: the Verilated RTL (cosim/verilated_top.hpp) and the
// SystemC top (sysc/pin_top.hpp) both implement PinModel, so one bench drives both. Port numbers
// are indices into the top's port list; values are words of 32 bits, least significant first.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace circa::sysc {

using Bits = std::vector<uint32_t>;

/// Words of a w-bit value.
inline int words_of(int width) {
  return (width + 31) / 32;
}

/// One port of the top, as the generator declares it.
struct Pin {
  std::string name;
  bool output = false;
  int width = 1;
};

class PinModel {
 public:
  virtual ~PinModel() = default;
  /// Drives an input port (takes effect like a signal write: before the next clock edge).
  virtual void set(int port, const Bits& v) = 0;
  /// The current value of an output port (after the last edge and the current inputs).
  virtual Bits get(int port) = 0;
};

/// Sets bits [lo, lo + w) of v to the low w bits of x (v holds zeros there).
void put_field(Bits& v, int lo, int w, int64_t x);
/// Bits [lo, lo + w) of v as a two's-complement code (w <= 64).
int64_t signed_field(const Bits& v, int lo, int w);
/// Bits [lo, lo + w) of v, unsigned (w <= 63).
int64_t unsigned_field(const Bits& v, int lo, int w);

}  // namespace circa::sysc
