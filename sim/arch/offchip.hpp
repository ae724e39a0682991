// TEMPORARY stand-in until branch stream-req lands (same API).
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include "arch/microarch.hpp"
#include "spec/accelerator_spec.hpp"
namespace circa::arch {
struct OffchipTiming {
  int64_t latency_cycles = 0;
  double bytes_per_cycle = 0;
  int burst_bytes = 1;
  int max_outstanding = 16;
};
inline int64_t ceil_ratio(double num, double den) {
  const double x = num / den;
  const double r = std::round(x);
  if (std::fabs(x - r) <= 1e-9 * std::max(1.0, std::fabs(x))) return static_cast<int64_t>(r);
  return static_cast<int64_t>(std::ceil(x));
}
inline OffchipTiming offchip_timing(const AcceleratorSpec& s) {
  return {ceil_ratio(s.offchip.latency_ns * s.clock_mhz, 1000.0),
          s.offchip.bandwidth_gb_per_s * 1000.0 / s.clock_mhz, 1, 16};
}
inline int64_t bus_bytes(const OffchipTiming& t, int64_t bytes) {
  return (bytes + t.burst_bytes - 1) / t.burst_bytes * t.burst_bytes;
}
inline int64_t issue_bytes(const MacTiming& m, int blocks) {
  return (int64_t{blocks} * m.slots * m.weight_bits + 7) / 8;
}
}  // namespace circa::arch
