#include "cli/train_output.hpp"

#include <fmt/format.h>

namespace circa::cli {

void TrainProgress::operator()(const train::Progress& p) {
  const int64_t done = static_cast<int64_t>(p.epoch - 1) * p.total + p.done;
  if (!bar_)
    bar_ = std::make_unique<Progress>(sink_, static_cast<int64_t>(p.epochs) * p.total, "training",
                                      "images", false);
  bar_->update(done, fmt::format("epoch {}/{}, loss {:.4f}, acc {:.2f}%", p.epoch, p.epochs,
                                 p.loss, 100 * p.accuracy));
  if (p.test_accuracy < 0) return;
  bar_->note(results_,
             fmt::format("epoch {}/{}  loss {:.4f}  train {:.2f}%  test {:.2f}% (float)  {} "
                         "elapsed\n",
                         p.epoch, p.epochs, p.loss, 100 * p.accuracy, 100 * p.test_accuracy,
                         format_duration(p.seconds)));
}

void TrainProgress::finish() {
  if (bar_) bar_->finish();
}

}  // namespace circa::cli
