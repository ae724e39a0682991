#include "arch/offchip.hpp"

#include <algorithm>
#include <cmath>

namespace circa::arch {

int64_t ceil_ratio(double num, double den) {
  const double x = num / den;
  const double r = std::round(x);
  if (std::fabs(x - r) <= 1e-9 * std::max(1.0, std::fabs(x))) return static_cast<int64_t>(r);
  return static_cast<int64_t>(std::ceil(x));
}

OffchipTiming offchip_timing(const AcceleratorSpec& s) {
  OffchipTiming t;
  t.latency_cycles = ceil_ratio(s.offchip.latency_ns * s.clock_mhz, 1000.0);
  t.bytes_per_cycle = s.offchip.bandwidth_gb_per_s * 1000.0 / s.clock_mhz;
  t.burst_bytes = s.offchip.burst_bytes;
  t.max_outstanding = s.offchip.max_outstanding;
  return t;
}

int64_t bus_bytes(const OffchipTiming& t, int64_t bytes) {
  return (bytes + t.burst_bytes - 1) / t.burst_bytes * t.burst_bytes;
}

int64_t stream_request_bytes(const LayerPlan& pl, int64_t first_row) {
  const int g = static_cast<int>(first_row / pl.mac.issue_cycles / pl.geom.q);
  return issue_bytes(pl.mac, group_blocks(pl, g));
}

int64_t issue_bytes(const MacTiming& m, int blocks) {
  return (int64_t{blocks} * m.slots * m.weight_bits + 7) / 8;
}

}  // namespace circa::arch
