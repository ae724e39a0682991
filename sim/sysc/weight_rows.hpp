// The SystemC top's view of weight rows (arch/weight_row_layout.hpp): a row written through the
// configuration port or received on the weight stream is decoded into the layer's weight
// spectra, which the MAC array then reads as it reads stored spectra.
#pragma once

#include <cstdint>

#include "arch/microarch.hpp"
#include "numerics/bc_fixed.hpp"
#include "spec/accelerator_spec.hpp"
#include "sysc/pins.hpp"

namespace circa::sysc {

/// Decodes row `row` (stream order of a layer of ws.p x ws.q blocks) into ws's bins.
void decode_weight_row(const AcceleratorSpec& s, const arch::MacTiming& m, const Bits& bits,
                       int64_t row, num::WeightSpectra& ws);

}  // namespace circa::sysc
