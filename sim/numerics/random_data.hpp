// Seeded random weights and inputs, reproducible across platforms: every value comes from
// std::mt19937_64 (fully specified by the standard) through uniform_pm below, never through
// std::uniform_real_distribution (whose algorithm is implementation-defined).
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "numerics/layer.hpp"

namespace circa::num {

/// Uniform in [-a, a): a * (2u - 1) with u = (g() >> 11) * 2^-53, one draw per value.
double uniform_pm(std::mt19937_64& g, double a);

/// Weight amplitude of a layer: 1/sqrt(fan_in), fan_in = geometry().cols (fc: in_features,
/// conv: kernel^2 * in_channels, lstm: input_size + hidden_size). With inputs of mean square
/// s^2, each output then has mean square about s^2/3 (uniform weights: variance a^2/3).
double weight_amplitude(const Layer& layer, int accelerator_k);

/// Weights w_ij[t] uniform in [-a, a), a = weight_amplitude(), drawn in storage order, then
/// the bias (when the layer has one) uniform in [-a, a), all from one generator seeded `seed`.
LayerWeights random_layer_weights(const Layer& layer, int accelerator_k, uint64_t seed);

/// Input codes of `input`: values uniform in [-A, A), A = fraction * (largest value of the
/// format), each quantize()d.
std::vector<int64_t> random_input_codes(const Layer& layer, int accelerator_k,
                                        const FixedFormat& input, double fraction, uint64_t seed);

}  // namespace circa::num
