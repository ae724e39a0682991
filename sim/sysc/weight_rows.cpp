#include "sysc/weight_rows.hpp"

#include "arch/weight_row_layout.hpp"

namespace circa::sysc {

void decode_weight_row(const AcceleratorSpec& s, const arch::MacTiming& m, const Bits& bits,
                       int64_t row, num::WeightSpectra& ws) {
  const int ic = m.issue_cycles, half = m.weight_bits / 2, k = ws.k;
  const int c = static_cast<int>(row % ic);
  const int j = static_cast<int>(row / ic % ws.q);
  const int g = static_cast<int>(row / ic / ws.q);
  const bool packed = s.weight_sram.layout == SpectrumLayout::packed_real;
  for (int lane = 0; lane < s.mac.lanes; ++lane) {
    const arch::RowSlot slot = arch::weight_row_slot(m, s.mac.lanes, c, lane);
    const int i = g * m.parallel_blocks + slot.block;
    if (slot.block < 0 || i >= ws.p) continue;
    const int64_t re = signed_field(bits, lane * m.weight_bits + half, half);
    const int64_t im = signed_field(bits, lane * m.weight_bits, half);
    num::CFixed* b = ws.bins.data() + (int64_t{i} * ws.q + j) * (k / 2 + 1);
    if (packed && slot.word == 0) {
      b[0] = {re, 0};
      b[k / 2] = {im, 0};
    } else {
      b[slot.word] = {re, im};
    }
  }
}

}  // namespace circa::sysc
