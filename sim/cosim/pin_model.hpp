// A model of the generated top seen at its pins: the Verilated RTL (verilated_top.hpp) and the
// SystemC reference (reference_top.hpp) both implement it, so one bench drives both. Port
// numbers are indices into the top module's port list (gen::Design::module(top).ports); values
// are words of 32 bits, least significant first.
#pragma once

#include <cstdint>
#include <vector>

namespace circa::cosim {

using Bits = std::vector<uint32_t>;

/// Words of a w-bit value.
inline int words_of(int width) {
  return (width + 31) / 32;
}

class PinModel {
 public:
  virtual ~PinModel() = default;
  /// Drives an input port (takes effect like a signal write: before the next clock edge).
  virtual void set(int port, const Bits& v) = 0;
  /// The current value of an output port (after the last edge and the current inputs).
  virtual Bits get(int port) = 0;
};

}  // namespace circa::cosim
