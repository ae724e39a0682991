// Progress of a long command on a stream (stderr for the CLI): on a terminal, one bar redrawn in
// place (counts, rate, ETA); in a log (not a TTY), a plain line every 5% or 10 s, so CI logs stay
// readable. Sweeps count points, cosim build steps, cycles and random cases, training images.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <ostream>
#include <string>

namespace circa {

/// Where progress goes: `out` null is silent; `tty` chooses the redrawn bar over plain lines.
struct ProgressSink {
  std::ostream* out = nullptr;
  bool tty = false;
};

class Progress {
 public:
  /// `unit` names what is counted ("points", "cycles"); with `outcomes`, the line also says how
  /// many of the finished ones were ok and how many failed (tick's argument).
  Progress(ProgressSink sink, int64_t total, std::string label, std::string unit = "points",
           bool outcomes = true);
  /// finish() unless called: a command that fails half way leaves no bar half drawn.
  ~Progress() { finish(); }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  /// One more finished. Thread-safe.
  void tick(bool ok = true);
  /// `done` finished so far, with `detail` (e.g. "loss 0.41") shown before the rate. Thread-safe.
  void update(int64_t done, const std::string& detail = "");
  /// A better estimate of the total (the ETA follows it); never below what is done.
  void set_total(int64_t total);
  /// Writes `text` (whole lines) to `os` above the bar: the bar is cleared first and redrawn
  /// after, so a command's own lines and the bar do not mix on a terminal.
  void note(std::ostream& os, const std::string& text);
  /// Ends the bar with a summary line, then "label: <note>" when `note` is not empty.
  void finish(const std::string& note = "");

  int64_t ok() const { return ok_; }
  int64_t failed() const { return failed_; }

 private:
  std::string line() const;
  void draw(bool force);

  ProgressSink sink_;
  int64_t total_;
  std::string label_, unit_, detail_;
  bool outcomes_;
  int64_t ok_ = 0, failed_ = 0;
  int64_t next_report_ = 0;
  int64_t printed_done_ = -1;  ///< the count of the last plain line
  bool finished_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
  std::mutex mutex_;
};

/// "1:02:03", "2:03" or "5 s".
std::string format_duration(double seconds);

}  // namespace circa
