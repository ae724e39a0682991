#include "sweep/progress.hpp"

#include <fmt/format.h>

namespace circa::sweep {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

}  // namespace

std::string format_duration(double s) {
  if (s < 60) return fmt::format("{:.0f} s", s);
  const long long t = static_cast<long long>(s + 0.5);
  if (t < 3600) return fmt::format("{}:{:02}", t / 60, t % 60);
  return fmt::format("{}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60);
}

Progress::Progress(std::ostream* out, bool tty, size_t total, std::string label)
    : out_(out),
      tty_(tty),
      total_(total),
      label_(std::move(label)),
      start_(Clock::now()),
      last_draw_(start_) {
  draw(true);
}

std::string Progress::line() const {
  const size_t done = ok_ + failed_;
  const double elapsed = seconds_since(start_);
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  const std::string eta =
      done == 0 || rate <= 0 ? "?" : format_duration(static_cast<double>(total_ - done) / rate);
  std::string bar;
  if (tty_) {
    const size_t width = 30, filled = total_ ? width * done / total_ : width;
    bar = "[" + std::string(filled, '#') + std::string(width - filled, '.') + "] ";
  }
  return fmt::format("{}: {}{}/{} ({} ok, {} failed), {:.1f} points/s, ETA {}", label_, bar, done,
                     total_, ok_, failed_, rate, eta);
}

void Progress::draw(bool force) {
  if (!out_) return;
  const size_t done = ok_ + failed_;
  if (tty_) {
    // Redrawing more than ~10 times a second costs more than it tells.
    if (!force && seconds_since(last_draw_) < 0.1) return;
    *out_ << "\r\033[K" << line() << std::flush;
  } else {
    if (!force && done < next_report_ && seconds_since(last_draw_) < 10) return;
    *out_ << line() << "\n" << std::flush;
    next_report_ = done + std::max<size_t>(1, total_ / 20);
  }
  last_draw_ = Clock::now();
}

void Progress::tick(bool ok) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++(ok ? ok_ : failed_);
  draw(ok_ + failed_ == total_);
}

void Progress::finish(bool interrupted) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!out_) return;
  if (tty_)
    *out_ << "\r\033[K" << line() << "\n";
  else if (ok_ + failed_ != total_ || total_ == 0)
    *out_ << line() << "\n";
  if (interrupted)
    *out_ << label_ << ": interrupted; finished points are kept, run again to resume\n";
  *out_ << std::flush;
}

}  // namespace circa::sweep
