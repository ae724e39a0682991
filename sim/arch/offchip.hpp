// Off-chip memory as the schedule and the generated top see it (SCHEDULE.md "Weights that do
// not fit"): latency and bandwidth in cycles of the accelerator's clock, the burst a request is
// rounded up to and the requests the memory holds at once. The analytical model, the memory map
// (the weight-stream FIFO hides the latency) and the memory models that answer the top's
// requests all take these numbers from here.
#pragma once

#include <cstdint>

#include "arch/microarch.hpp"
#include "spec/accelerator_spec.hpp"

namespace circa::arch {

struct OffchipTiming {
  int64_t latency_cycles = 0;  ///< L = ceil(offchip.latency_ns * clock_mhz / 1000)
  double bytes_per_cycle = 0;  ///< R = offchip.bandwidth_gb_per_s * 1000 / clock_mhz
  int burst_bytes = 0;         ///< offchip.burst_bytes
  int max_outstanding = 0;     ///< offchip.max_outstanding
};
OffchipTiming offchip_timing(const AcceleratorSpec& s);

/// Bytes a request of `bytes` moves over the bus: whole bursts.
int64_t bus_bytes(const OffchipTiming& t, int64_t bytes);

/// Bytes of the weights one MAC issue of `blocks` output blocks reads:
/// ceil(blocks * slots * weight_bits / 8).
int64_t issue_bytes(const MacTiming& m, int blocks);

/// Bytes of the request a streamed layer's weight stream makes from row `first_row` (stream
/// order): the issue of group first_row / issue_cycles / q.
int64_t stream_request_bytes(const LayerPlan& pl, int64_t first_row);

/// ceil(num / den) for positive reals, robust to the last-bit error of num / den when the
/// quotient is a whole number (e.g. 256 / 25.6 is 10, not 11).
int64_t ceil_ratio(double num, double den);

}  // namespace circa::arch
