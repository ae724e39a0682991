#include "analytical/offchip.hpp"

#include <algorithm>
#include <cmath>

#include "arch/memory_map.hpp"

namespace circa::ana {
namespace {

/// arch::ceil_ratio(x, 1.0) (x / 1.0 is x), inline: the walk asks it for every row. Its cycles
/// are never negative, so truncation is the floor and std::round and std::ceil (library calls
/// without SSE4.1) are the floor or one above it: the same results in a few instructions.
int64_t ceil_whole(double x) {
  if (x < 0) return arch::ceil_ratio(x, 1.0);
  const auto f = static_cast<int64_t>(x);
  const double fd = static_cast<double>(f);
  const int64_t r = x - fd < 0.5 ? f : f + 1;  // std::round: halves away from zero
  if (std::fabs(x - static_cast<double>(r)) <= 1e-9 * std::max(1.0, x)) return r;
  return x > fd ? f + 1 : f;
}

}  // namespace

OffchipStream::OffchipStream(const AcceleratorSpec& s, const arch::LayerPlan& pl,
                             const arch::MemoryMap& map)
    : t_(arch::offchip_timing(s)), mac_(pl.mac), depth_(map.weight_stream_fifo.depth) {}

int64_t OffchipStream::issue_ready(int blocks, const std::vector<int64_t>& starts) {
  const int ic = mac_.issue_cycles;
  // The request: a cycle after the one before, with room in the FIFO for its rows counting
  // those in flight (the MAC reads row r in the cycle before issue cycle r % ic; the count
  // drops a cycle later) and a free slot at the memory.
  int64_t a = last_request_ + 1;
  const int64_t need = (n_ + 1) * ic - depth_;  // rows the MAC must have read first
  if (need > 0) {
    const int64_t r = need - 1;
    a = std::max(a, starts.at(static_cast<size_t>(r / ic)) + r % ic);
  }
  if (n_ >= t_.max_outstanding)
    a = std::max(a, last_rows_.at(static_cast<size_t>(n_ - t_.max_outstanding)) + 1);
  last_request_ = a;
  // Its bytes on the bus after the bytes before them; each row through the port once its share
  // has crossed, one row a cycle.
  if (blocks != offsets_blocks_) {
    const int64_t bytes = arch::bus_bytes(t_, arch::issue_bytes(mac_, blocks));
    offsets_.resize(static_cast<size_t>(ic));
    for (int c = 0; c < ic; ++c)
      offsets_[c] = (c + 1) * static_cast<double>(bytes) / ic / t_.bytes_per_cycle;
    offsets_blocks_ = blocks;
    offsets_bytes_ = bytes;
  }
  const int64_t b = offsets_bytes_;
  const double start = std::max(static_cast<double>(a + t_.latency_cycles), bus_free_);
  if (start + offsets_[ic - 1] <= static_cast<double>(last_row_)) {
    // Rows come in order (start + offsets_[c] grows with c): the last in by last_row_, so is
    // every row, and each is taken the cycle after the one before, as the loop below finds.
    last_row_ += ic;
  } else {
    for (int c = 0; c < ic; ++c) {
      const double in = start + offsets_[c];
      // A row in by cycle last_row_ is taken the cycle after it: ceil_whole(in) <= ceil(in) <=
      // last_row_ there, so the max below is last_row_ + 1 without working the ceiling out.
      last_row_ = in <= static_cast<double>(last_row_) ? last_row_ + 1
                                                       : std::max(ceil_whole(in), last_row_ + 1);
    }
  }
  bus_free_ = start + static_cast<double>(b) / t_.bytes_per_cycle;
  bytes_ += b;
  last_rows_.push_back(last_row_);
  ++n_;
  return last_row_ + 2;  // counted a cycle later, read the cycle before the issue
}

}  // namespace circa::ana
