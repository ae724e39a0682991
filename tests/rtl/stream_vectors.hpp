// Streaming test vectors for the pipelined and iterative FFT units: random blocks, beat by beat,
// with random idle gaps between blocks (the schedule leaves such gaps; iterative units need ii),
// expected outputs from the golden model in the unit's output order (pipelined: bit-reversed). out_valid is compared every cycle; data only
// while valid.
#pragma once

#include <cstdint>
#include <string>

#include "gen/design.hpp"
#include "rtl_bench.hpp"
#include "spec/accelerator_spec.hpp"

namespace circa::rtltest {

enum class FftDir { forward, inverse, shared };

/// `blocks` blocks through a pipelined unit of direction `dir`. A shared unit gets `blocks`
/// forward blocks, an idle gap of one latency (mode may change only when the unit is empty),
/// then `blocks` inverse blocks; both halves are compared (the inverse's imaginary parts too).
Bench fft_pipelined_bench(const gen::Design& d, const std::string& module, const AcceleratorSpec& s,
                          FftDir dir, int blocks, uint64_t seed);

}  // namespace circa::rtltest
