// The off-chip weight stream of a non-resident layer in closed form (SCHEDULE.md "Weights that
// do not fit"), walked issue by issue in issue order: request n goes out no earlier than cycle
// n (one request a cycle from the product's cycle 0), once the FIFO has room for its rows
// (the rows of earlier issues the MAC has read: known from their issue starts) and once request
// n - max_outstanding has closed (its last row in); its bytes, rounded up to whole bursts, cross
// the bus at R bytes a cycle from L cycles after the request, after the bytes before them; row c
// of its rows is in once (c+1)/rows of them have crossed, and the top takes one row a cycle; the
// issue may start two cycles after its last row (counted, then read the cycle before the issue).
#pragma once

#include <cstdint>
#include <vector>

#include "arch/memory_map.hpp"
#include "arch/microarch.hpp"
#include "arch/offchip.hpp"
#include "spec/accelerator_spec.hpp"

namespace circa::ana {

class OffchipStream {
 public:
  OffchipStream(const AcceleratorSpec& s, const arch::LayerPlan& pl, const arch::MemoryMap& map);

  /// The first cycle (from the product's cycle 0) the next issue, of `blocks` output blocks, may
  /// start; `starts` holds the starts of every earlier issue, in order.
  int64_t issue_ready(int blocks, const std::vector<int64_t>& starts);
  int64_t bytes() const { return bytes_; }  ///< bus bytes so far (whole bursts)
  /// Room for `issues` issues' records (the walk then allocates no more).
  void reserve(size_t issues) { last_rows_.reserve(issues); }

 private:
  arch::OffchipTiming t_;
  arch::MacTiming mac_;
  int64_t depth_;
  int64_t n_ = 0;          ///< issues requested so far
  int64_t last_request_ = -1;
  int64_t last_row_ = -1;  ///< the cycle the previous row was taken
  double bus_free_ = 0;
  int64_t bytes_ = 0;
  std::vector<int64_t> last_rows_;  ///< per issue: the cycle its last row was taken
  /// The last issue size seen (output blocks), its bus bytes and, per row c of the issue, the
  /// cycles after the issue's bus start at which its share (c+1)/issue_cycles has crossed: the
  /// same expressions every issue of that size works out, kept rather than worked out again.
  int offsets_blocks_ = -1;
  int64_t offsets_bytes_ = 0;
  std::vector<double> offsets_;
};

}  // namespace circa::ana
