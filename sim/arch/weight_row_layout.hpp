// Which weight word sits in which lane of which weight row: the layout the generator writes
// (gen::weight_rows_hex, the SRAM images) and the SystemC top decodes from its configuration
// and stream ports. Rows go in issue order, row = ((g*q + j) * issue_cycles + c): group g,
// input block j, issue cycle c. Lane L of issue cycle c carries word u = c*lanes + L of the
// issue: word u % slots of the group's output block u / slots. Each word is {re, im}, re in the
// upper half; packed_real word 0 carries (bin 0, bin k/2), both real.
#pragma once

#include "arch/microarch.hpp"

namespace circa::arch {

struct RowSlot {
  int block = -1;  ///< output block within the group (0..parallel_blocks-1); -1: an unused lane
  int word = 0;    ///< spectrum word of that block (0..slots-1)
};

inline RowSlot weight_row_slot(const MacTiming& m, int lanes, int c, int lane) {
  const int u = c * lanes + lane;
  if (u >= m.parallel_blocks * m.slots) return {};
  return {u / m.slots, u % m.slots};
}

}  // namespace circa::arch
