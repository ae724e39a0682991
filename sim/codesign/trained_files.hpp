// The folder of trained weights that `circa train` writes and `circa sim --weights` and
// `circa accuracy --weights` read (sim/sysc/README.md): <layer>.weights.npy or .dense.npy,
// <layer>.bias.npy, and train.json with the float accuracy and how the weights were made.
// Sweeps keep the same folders in their weight cache, so any cached set can be re-checked by hand.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "train/trainer.hpp"

namespace circa::codesign {

/// Writes <layer>.weights.npy (block-circulant, shape (p, q, k)) or <layer>.dense.npy (dense,
/// shape (rows, cols)), <layer>.bias.npy, and train.json (`info` plus the result).
void write_trained(const std::string& dir, const train::Network& net, int accelerator_k,
                   nlohmann::json info, const train::TrainResult& r);

/// The float test accuracy (0..1) train.json in `dir` records, or a negative value when none.
double recorded_test_accuracy(const std::string& dir);

/// The name of train.json in a weights folder.
inline constexpr const char* kTrainJson = "train.json";

}  // namespace circa::codesign
