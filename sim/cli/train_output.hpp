// What `circa train` shows: the progress line. The weights folder it writes is
// codesign/trained_files.hpp (sweeps write the same folders into their weight cache).
#pragma once

#include <ostream>

#include "codesign/trained_files.hpp"
#include "train/trainer.hpp"

namespace circa::cli {

using codesign::kTrainJson;
using codesign::write_trained;

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

}  // namespace circa::cli
