// The numbers a simulation runs on: every layer's weights (double, as trained) and the first
// layer's input codes. Either seeded random (the numerics' generators) or read from .npy files
// (README.md "Weights from files").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "numerics/layer.hpp"
#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::sysc {

struct WorkloadData {
  std::vector<num::LayerWeights> weights;  ///< one per layer
  std::vector<int64_t> input;              ///< codes of formats.input for the first layer
};

/// Seeded random weights (layer i from seed_for(seed, i)) and inputs (half of the input
/// format's range), reproducible across platforms.
WorkloadData random_data(const AcceleratorSpec& s, const Workload& w, uint64_t seed);

/// Weights from dir/<layer>.weights.npy (+ .bias.npy), the input from dir/input.npy if present
/// (random from `seed` otherwise). ConfigError naming the file for anything missing or wrong.
WorkloadData load_data(const std::string& dir, const AcceleratorSpec& s, const Workload& w,
                       uint64_t seed);

/// The seed of layer i's weights: distinct per layer, stable.
uint64_t seed_for(uint64_t seed, int layer);

}  // namespace circa::sysc
