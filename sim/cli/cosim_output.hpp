// What `circa cosim --out DIR` writes after a passing run: the RTL's outputs per inference, the
// inputs they came from, and the weights, as a folder `circa sim --weights DIR` reads, so the
// first inference re-runs on the SystemC model (sim/sysc/README.md, "Weights from files").
#pragma once

#include <string>
#include <vector>

#include "cosim/cosim.hpp"

namespace circa::cli {

/// Writes, for the inferences of `r` (a run of `layers` on `s` with weights from `seed`):
/// outputs.npy / outputs_real.npy, the last layer's RTL outputs, shape (inferences, then
/// sysc::output_shape: a conv layer's channel-major as `circa sim` writes it); inputs.npy, the
/// first layer's input codes, (inferences, input elements); <layer>.weights.npy and
/// <layer>.bias.npy (cosim::layer_runs' weights) and input.npy (the first inference's input).
void write_cosim_outputs(const std::string& dir, const AcceleratorSpec& s,
                         const std::vector<Layer>& layers, uint64_t seed,
                         const cosim::CosimResult& r);

}  // namespace circa::cli
