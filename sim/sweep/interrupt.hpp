// Ctrl-C for a running sweep: the first SIGINT (or SIGTERM) sets a flag the runner polls, so it
// stops dispatching, abandons points in flight and keeps everything already recorded. A second
// signal gets the default action (immediate exit); the store is safe either way (WAL).
#pragma once

#include <atomic>

namespace circa::sweep {

class InterruptGuard {
 public:
  /// Installs the handlers; only one guard may exist at a time.
  InterruptGuard();
  /// Restores the previous handlers.
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  /// The flag the handlers set, for RunOptions::stop.
  const std::atomic<bool>* flag() const;
};

}  // namespace circa::sweep
