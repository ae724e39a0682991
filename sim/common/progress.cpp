#include "common/progress.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace circa {
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

Progress::Progress(ProgressSink sink, int64_t total, std::string label, std::string unit,
                   bool outcomes)
    : sink_(sink),
      total_(std::max<int64_t>(total, 0)),
      label_(std::move(label)),
      unit_(std::move(unit)),
      outcomes_(outcomes),
      start_(Clock::now()),
      last_draw_(start_) {
  draw(true);
}

std::string Progress::line() const {
  const int64_t done = ok_ + failed_;
  const double elapsed = seconds_since(start_);
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  const std::string eta =
      done == 0 || rate <= 0
          ? "?"
          : format_duration(static_cast<double>(std::max<int64_t>(total_ - done, 0)) / rate);
  std::string bar;
  if (sink_.tty) {
    const int64_t width = 30,
                  filled = total_ > 0 ? std::min(width, width * done / total_) : width;
    bar = "[" + std::string(filled, '#') + std::string(width - filled, '.') + "] ";
  }
  const std::string counts = outcomes_ ? fmt::format(" ({} ok, {} failed)", ok_, failed_)
                                       : " " + unit_;
  // Slower than one a second (cosim cases, cycle-accurate points), the time each takes reads
  // better than "0.0 cases/s".
  const std::string speed = done > 0 && rate < 1 ? fmt::format("{:.1f} s each", 1 / rate)
                                                 : fmt::format("{:.1f} {}/s", rate, unit_);
  return fmt::format("{}: {}{}/{}{}, {}{}, ETA {}", label_, bar, done, total_, counts,
                     detail_.empty() ? "" : detail_ + ", ", speed, eta);
}

void Progress::draw(bool force) {
  if (!sink_.out || finished_) return;
  const int64_t done = ok_ + failed_;
  if (sink_.tty) {
    // Redrawing more than ~10 times a second costs more than it tells.
    if (!force && seconds_since(last_draw_) < 0.1) return;
    *sink_.out << "\r\033[K" << line() << std::flush;
  } else {
    if (!force && done < next_report_ && seconds_since(last_draw_) < 10) return;
    *sink_.out << line() << "\n" << std::flush;
    next_report_ = done + std::max<int64_t>(1, total_ / 20);
    printed_done_ = done;
  }
  last_draw_ = Clock::now();
}

void Progress::tick(bool ok) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++(ok ? ok_ : failed_);
  draw(ok_ + failed_ == total_);
}

void Progress::update(int64_t done, const std::string& detail) {
  std::lock_guard<std::mutex> lock(mutex_);
  ok_ = done, failed_ = 0;
  detail_ = detail;
  draw(false);
}

void Progress::set_total(int64_t total) {
  std::lock_guard<std::mutex> lock(mutex_);
  total_ = std::max(total, ok_ + failed_);
}

void Progress::note(std::ostream& os, const std::string& text) {
  std::lock_guard<std::mutex> lock(mutex_);
  const bool bar = sink_.out && sink_.tty && !finished_;
  if (bar) *sink_.out << "\r\033[K" << std::flush;
  os << text << std::flush;
  if (bar) draw(true);
}

void Progress::finish(const std::string& note) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!sink_.out || finished_) return;
  if (sink_.tty)
    *sink_.out << "\r\033[K" << line() << "\n";
  else if (printed_done_ != ok_ + failed_ || total_ == 0)
    *sink_.out << line() << "\n";
  if (!note.empty()) *sink_.out << label_ << ": " << note << "\n";
  *sink_.out << std::flush;
  finished_ = true;
}

}  // namespace circa
