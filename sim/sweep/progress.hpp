// Sweep progress on stderr: on a terminal, one bar redrawn in place (counts, rate, ETA); in a log
// (not a TTY), a plain line every 5% or 10 s, so CI logs stay readable.
#pragma once

#include <chrono>
#include <mutex>
#include <ostream>
#include <string>

namespace circa::sweep {

class Progress {
 public:
  /// `out` may be null (silent). `tty` chooses the redrawn bar over plain lines.
  Progress(std::ostream* out, bool tty, size_t total, std::string label);
  /// One point finished. Thread-safe.
  void tick(bool ok);
  /// Ends the bar with a summary line.
  void finish(bool interrupted);

  size_t ok() const { return ok_; }
  size_t failed() const { return failed_; }

 private:
  std::string line() const;
  void draw(bool force);

  std::ostream* out_;
  bool tty_;
  size_t total_;
  std::string label_;
  size_t ok_ = 0, failed_ = 0;
  size_t next_report_ = 0;
  std::chrono::steady_clock::time_point start_, last_draw_;
  std::mutex mutex_;
};

/// "1:02:03", "2:03" or "5 s".
std::string format_duration(double seconds);

}  // namespace circa::sweep
