#include "sysc/offchip_memory.hpp"

#include <algorithm>

namespace circa::sysc {

OffchipMemory::OffchipMemory(const arch::OffchipTiming& t, int rows_per_request,
                             std::function<int64_t(int64_t)> request_bytes, double stall_prob,
                             uint64_t seed)
    : t_(t),
      rows_per_request_(rows_per_request),
      request_bytes_(std::move(request_bytes)),
      stall_prob_(stall_prob),
      rng_(seed * 0x9e3779b97f4a7c15ULL + 0x0ff) {}

void OffchipMemory::reset(int64_t t) {
  rows_.clear();
  open_ = 0;
  bus_free_ = 0;
  set_out(t);
}

bool OffchipMemory::stalled() {
  return stall_prob_ > 0 &&
         static_cast<double>(rng_() >> 11) * 0x1.0p-53 < stall_prob_;
}

void OffchipMemory::clock(int64_t t, bool req_valid, int64_t req_addr, bool ready) {
  if (out_.valid && ready) {
    if (rows_.front().last) --open_;
    rows_.pop_front();
  }
  if (out_.req_ready && req_valid) {
    const int64_t bytes = arch::bus_bytes(t_, request_bytes_(req_addr));
    const double start = std::max(static_cast<double>(t + t_.latency_cycles), bus_free_);
    const int n = rows_per_request_;
    for (int c = 0; c < n; ++c) {
      const double done = start + (c + 1) * static_cast<double>(bytes) / n / t_.bytes_per_cycle;
      rows_.push_back({req_addr + c, arch::ceil_ratio(done, 1.0), c + 1 == n});
    }
    bus_free_ = start + static_cast<double>(bytes) / t_.bytes_per_cycle;
    bus_bytes_ += bytes;
    ++open_;
  }
  set_out(t + 1);
}

void OffchipMemory::set_out(int64_t t) {
  out_.req_ready = open_ < t_.max_outstanding && !stalled();
  out_.valid = !rows_.empty() && rows_.front().ready <= t && !stalled();
  out_.row = rows_.empty() ? 0 : rows_.front().index;
}

}  // namespace circa::sysc
