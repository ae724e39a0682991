// What every SystemC unit of one simulation shares: the clock period (cycle numbers come from
// simulated time), the random-stall setting and the waveform switch.
#pragma once

#include <cstdint>

#include <systemc>

namespace circa::sysc {

struct SimContext {
  sc_core::sc_time period{1, sc_core::SC_NS};  ///< one cycle; VCD time is cycles x 1 ns
  double stall_prob = 0;  ///< per cycle: the off-chip memory randomly not ready / not valid
  uint64_t seed = 1;      ///< seeds every channel's stall generator (by channel name)
  bool tracing = false;   ///< channels mirror valid/ready into traced signals

  /// A tenth of a cycle after each clock edge, when the edge's delta activity has settled: where
  /// registers that sample the datapath's results of a cycle move (the pin top's host side, the
  /// weight stream and the off-chip memory).
  sc_core::sc_time settle() const { return period / 10; }
  /// The current cycle: the number of the clock edge that began it.
  int64_t cycle() const {
    return static_cast<int64_t>(sc_core::sc_time_stamp().value() / period.value());
  }
  /// From a clocked thread (statically sensitive to the clock's rising edge): wakes at the
  /// start of cycle t; returns at once when t is not in the future.
  void wait_until(int64_t t) const {
    const int64_t n = t - cycle();
    if (n > 0) sc_core::wait(static_cast<int>(n));
  }
};

}  // namespace circa::sysc
