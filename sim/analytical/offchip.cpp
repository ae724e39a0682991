#include "analytical/offchip.hpp"

#include "arch/offchip.hpp"

namespace circa::ana {

OffchipStream::OffchipStream(const AcceleratorSpec& s) {
  const arch::OffchipTiming t = arch::offchip_timing(s);
  latency_ = t.latency_cycles;
  rate_ = t.bytes_per_cycle;
}

int64_t OffchipStream::ready_cycle_after(int64_t bits) {
  bits_ += bits;
  return latency_ + arch::ceil_ratio(static_cast<double>(bytes()), rate_);
}

}  // namespace circa::ana
