// What `circa accuracy --out DIR` writes: the bit-exact golden model's outputs for every test
// image, in the layout `circa sim --out` uses, with the predicted and the true classes.
#pragma once

#include <string>
#include <vector>

#include "data/fashion_mnist.hpp"
#include "numerics/layer.hpp"
#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::cli {

/// Runs every image of `images` (input codes as train::image_codes makes them) through the
/// golden model (num::run_network_fixed) on `threads` threads and writes outputs.npy /
/// outputs_real.npy (the last layer's codes, shape (images, then sysc::output_shape)),
/// predicted.npy (int64, the top-1 class: the lowest of tied largest codes, as circa accuracy
/// counts it) and labels.npy (int64, the dataset's labels).
void write_accuracy_outputs(const std::string& dir, const AcceleratorSpec& s, const Workload& w,
                            const std::vector<num::LayerWeights>& weights,
                            const data::ImageSet& images, int threads);

}  // namespace circa::cli
