// The golden model over a whole network, for callers that need only its outputs (circa accuracy
// --out): layer after layer run_layer_fixed, each layer reading the one before's output codes
// (next_layer_input's order) requantised to formats.input, the chaining the SystemC model, the
// RTL and the accuracy measurement share.
#pragma once

#include <cstdint>
#include <vector>

#include "numerics/layer.hpp"

namespace circa::num {

/// The last layer's output codes (formats.output) for the first layer's input codes `x`; one
/// weight set per layer.
std::vector<int64_t> run_network_fixed(const AcceleratorSpec& s, const std::vector<Layer>& layers,
                                       const std::vector<LayerWeights>& weights,
                                       std::vector<int64_t> x);
/// The same from layers prepared once (PreparedLayer), for many inputs.
std::vector<int64_t> run_network_fixed(const std::vector<PreparedLayer>& layers,
                                       std::vector<int64_t> x);

}  // namespace circa::num
