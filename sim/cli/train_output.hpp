// What `circa train` shows and writes: the progress line, and the weights folder that
// `circa sim --weights` and `circa accuracy --weights` read (sim/sysc/README.md), with
// train.json holding the float accuracy and how the weights were made.
#pragma once

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

#include "train/trainer.hpp"

namespace circa::cli {

/// On a terminal, one line redrawn in place (bar, loss, accuracy, images/s, ETA); otherwise one
/// plain line per epoch.
class ProgressPrinter {
 public:
  explicit ProgressPrinter(std::ostream& os, bool terminal) : os_(os), terminal_(terminal) {}
  void operator()(const train::Progress& p);

 private:
  std::ostream& os_;
  bool terminal_;
};

/// Writes <layer>.weights.npy (block-circulant, shape (p, q, k)) or <layer>.dense.npy (dense,
/// shape (rows, cols)), <layer>.bias.npy, and train.json (`info` plus the result).
void write_trained(const std::string& dir, const train::Network& net, int accelerator_k,
                   nlohmann::json info, const train::TrainResult& r);

/// The name of train.json in a weights folder.
inline constexpr const char* kTrainJson = "train.json";

}  // namespace circa::cli
