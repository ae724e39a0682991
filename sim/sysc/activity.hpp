// Per-unit busy / stall / idle cycle accounting. A unit reports the intervals it works and the
// intervals it holds a result that its consumer does not take; overlapping intervals count once
// (a pipelined unit can be busy and stalled in the same cycle: that cycle is busy).
#pragma once

#include <cstdint>
#include <string>

#include "arch/report.hpp"

namespace circa::sysc {

/// Length of a union of half-open intervals added in non-decreasing start order.
class IntervalUnion {
 public:
  void add(int64_t from, int64_t to) {
    if (to <= from || to <= end_) return;
    total_ += to - std::max(from, end_);
    end_ = to;
  }
  int64_t total() const { return total_; }

 private:
  int64_t end_ = INT64_MIN;
  int64_t total_ = 0;
};

class Activity {
 public:
  void busy(int64_t from, int64_t to) {
    busy_.add(from, to);
    any_.add(from, to);
  }
  void stalled(int64_t from, int64_t to) { any_.add(from, to); }
  /// Busy, stall and idle cycles out of `total` cycles of the run.
  arch::UnitActivity report(const std::string& name, int64_t total) const {
    const int64_t busy = busy_.total(), stall = any_.total() - busy;
    return {name, busy, stall, std::max<int64_t>(0, total - busy - stall)};
  }

 private:
  IntervalUnion busy_;
  IntervalUnion any_;
};

}  // namespace circa::sysc
