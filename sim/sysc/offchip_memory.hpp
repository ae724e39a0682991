// The off-chip memory a streamed layer's weights come from, as `circa sim` and the cosim bench
// see it (the environment of the top, not a unit of it). It accepts a request (one MAC issue's
// rows, from its first row) in a cycle in which fewer than max_outstanding requests are open; the
// request's bytes, rounded up to whole bursts, cross a bus of R bytes per cycle in request order,
// starting no earlier than L cycles after the acceptance; row c of a request's n rows is offered
// from the cycle in which (c+1)/n of its bytes have crossed, in order, one per cycle while the
// top is ready. A request is open until its last row is taken. Random stalls (a seeded draw per
// cycle) drop req_ready or valid: the top's handshakes must absorb them.
// Moore outputs: out() is this cycle's; clock(t, ...) takes the top's outputs in cycle t.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <random>

#include "arch/offchip.hpp"

namespace circa::sysc {

class OffchipMemory {
 public:
  struct Out {
    bool req_ready = false;
    bool valid = false;
    int64_t row = 0;  ///< the row offered (stream order) when valid
  };
  /// `request_bytes(first_row)`: the bytes of the issue starting at that row.
  OffchipMemory(const arch::OffchipTiming& t, int rows_per_request,
                std::function<int64_t(int64_t first_row)> request_bytes, double stall_prob = 0,
                uint64_t seed = 1);

  /// A new product: nothing open; out() for cycle t.
  void reset(int64_t t);
  const Out& out() const { return out_; }
  /// Cycle t's handshakes (the top's request and ready in t), then out() for cycle t + 1.
  void clock(int64_t t, bool req_valid, int64_t req_addr, bool ready);
  int64_t bus_bytes() const { return bus_bytes_; }  ///< bytes moved so far (whole bursts)
  bool idle() const { return rows_.empty(); }

 private:
  struct Row {
    int64_t index, ready;
    bool last;  ///< the request's last row: taking it closes the request
  };
  void set_out(int64_t t);
  bool stalled();

  arch::OffchipTiming t_;
  int rows_per_request_;
  std::function<int64_t(int64_t)> request_bytes_;
  double stall_prob_;
  std::mt19937_64 rng_;
  std::deque<Row> rows_;
  int open_ = 0;
  double bus_free_ = 0;
  int64_t bus_bytes_ = 0;
  Out out_;
};

}  // namespace circa::sysc
