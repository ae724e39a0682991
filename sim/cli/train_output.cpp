#include "cli/train_output.hpp"

#include <algorithm>
#include <cstdio>

namespace circa::cli {
namespace {

std::string clock_str(double s) {
  const long t = static_cast<long>(s + 0.5);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%ld:%02ld", t / 60, t % 60);
  return buf;
}

}  // namespace

void ProgressPrinter::operator()(const train::Progress& p) {
  char buf[256];
  const bool end = p.test_accuracy >= 0;
  if (end) {
    std::snprintf(buf, sizeof buf,
                  "epoch %d/%d  loss %.4f  train %.2f%%  test %.2f%% (float)  %s elapsed", p.epoch,
                  p.epochs, p.loss, 100 * p.accuracy, 100 * p.test_accuracy,
                  clock_str(p.seconds).c_str());
    if (terminal_) os_ << "\r\033[K";
    os_ << buf << "\n" << std::flush;
    return;
  }
  if (!terminal_) return;
  const double done = static_cast<double>(p.epoch - 1) * p.total + p.done;
  const double rate = done / std::max(p.seconds, 1e-9);
  const double left = (static_cast<double>(p.epochs) * p.total - done) / rate;
  const int width = 24, fill = static_cast<int>(width * p.done / std::max<int64_t>(p.total, 1));
  std::snprintf(buf, sizeof buf,
                "epoch %d/%d [%s%s] %3d%%  loss %.4f  acc %.2f%%  %.0f img/s  ETA %s", p.epoch,
                p.epochs, std::string(fill, '=').c_str(), std::string(width - fill, ' ').c_str(),
                static_cast<int>(100 * p.done / std::max<int64_t>(p.total, 1)), p.loss,
                100 * p.accuracy, rate, clock_str(left).c_str());
  os_ << "\r\033[K" << buf << std::flush;
}

}  // namespace circa::cli
