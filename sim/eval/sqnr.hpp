// Numeric error of a design point: the workload's fixed-point outputs against the double
// reference on the same seeded random weights and inputs.
#pragma once

#include <cstdint>

#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::eval {

/// SQNR in dB of the last layer's outputs (layers chained; each layer's fixed-point output is
/// re-quantised to the input format for the next, as the hardware does). Memoised by
/// formats, block size, scaling, workload and seed, so sweeps over other axes pay once.
double network_sqnr_db(const AcceleratorSpec& s, const Workload& w, uint64_t seed);

}  // namespace circa::eval
