// The off-chip weight stream of a non-resident layer (SCHEDULE.md "Weights that do not fit"):
// from the product's cycle 0 the first byte arrives after L cycles, then R bytes per cycle (L and
// R from arch::offchip_timing). Both the analytical model and the SystemC off-chip interface take
// arrival cycles from here, so the rounding of a fractional R is the same on both sides.
#pragma once

#include <cstdint>

#include "spec/accelerator_spec.hpp"

namespace circa::ana {

class OffchipStream {
 public:
  explicit OffchipStream(const AcceleratorSpec& s);

  int64_t latency_cycles() const { return latency_; }  ///< L = ceil(latency_ns * MHz / 1000)
  double bytes_per_cycle() const { return rate_; }     ///< R = GB/s * 1000 / MHz

  /// Adds one issue's bits to the stream (in issue order) and returns the first cycle, counted
  /// from the product's cycle 0, at which all bytes up to and including them have arrived:
  /// L + ceil(ceil(cumulative_bits / 8) / R). Bytes usable in cycle t are R * (t - L).
  int64_t ready_cycle_after(int64_t bits);
  int64_t bytes() const { return (bits_ + 7) / 8; }  ///< ceil(cumulative bits / 8) so far
  void restart() { bits_ = 0; }                       ///< a new product streams from byte 0

 private:
  int64_t latency_ = 0;
  double rate_ = 0;
  int64_t bits_ = 0;
};

}  // namespace circa::ana
