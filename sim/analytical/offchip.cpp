#include "analytical/offchip.hpp"

#include <algorithm>
#include <cmath>

namespace circa::ana {

int64_t ceil_ratio(double num, double den) {
  const double x = num / den;
  const double r = std::round(x);
  if (std::fabs(x - r) <= 1e-9 * std::max(1.0, std::fabs(x))) return static_cast<int64_t>(r);
  return static_cast<int64_t>(std::ceil(x));
}

OffchipStream::OffchipStream(const AcceleratorSpec& s)
    : latency_(ceil_ratio(s.offchip.latency_ns * s.clock_mhz, 1000.0)),
      rate_(s.offchip.bandwidth_gb_per_s * 1000.0 / s.clock_mhz) {}

int64_t OffchipStream::ready_cycle_after(int64_t bits) {
  bits_ += bits;
  return latency_ + ceil_ratio(static_cast<double>(bytes()), rate_);
}

}  // namespace circa::ana
