// What `circa train` shows: its progress. The weights folder it writes is
// codesign/trained_files.hpp (sweeps write the same folders into their weight cache).
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "codesign/trained_files.hpp"
#include "common/progress.hpp"
#include "train/trainer.hpp"

namespace circa::cli {

using codesign::kTrainJson;
using codesign::write_trained;

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

}  // namespace circa::cli
