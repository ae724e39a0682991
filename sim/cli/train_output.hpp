// What `circa train` shows and writes: the progress line, and the weights folder that
// `circa sim --weights` and `circa accuracy --weights` read (sim/sysc/README.md), with
// train.json holding the float accuracy and how the weights were made.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <ostream>
#include <string>

#include "common/progress.hpp"
#include "train/trainer.hpp"

namespace circa::cli {

/// Training's progress (common/progress.hpp: images of every epoch, with the epoch, loss and
/// accuracy so far) on `sink`, and one result line per finished epoch on `results`.
class TrainProgress {
 public:
  TrainProgress(ProgressSink sink, std::ostream& results) : sink_(sink), results_(results) {}
  void operator()(const train::Progress& p);
  /// Ends the bar (after the last epoch's line).
  void finish();

 private:
  ProgressSink sink_;
  std::ostream& results_;
  std::unique_ptr<Progress> bar_;  ///< from the first report, which tells the total
};

/// Writes <layer>.weights.npy (block-circulant, shape (p, q, k)) or <layer>.dense.npy (dense,
/// shape (rows, cols)), <layer>.bias.npy, and train.json (`info` plus the result).
void write_trained(const std::string& dir, const train::Network& net, int accelerator_k,
                   nlohmann::json info, const train::TrainResult& r);

/// The name of train.json in a weights folder.
inline constexpr const char* kTrainJson = "train.json";

}  // namespace circa::cli
