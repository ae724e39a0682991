// One `circa sweep` per output folder at a time. Two sweeps writing one store would each evaluate
// every missing point (twice the work) and race on the logs and reports, so the second is refused
// with a one-line message instead. The lock is flock() on a file in the folder: the kernel drops
// it when the holder exits, even on SIGKILL, so a killed sweep never leaves a stale lock.
#pragma once

#include <string>

namespace circa::sweep {

class FolderLock {
 public:
  /// Creates `dir` when needed and locks it; ConfigError when the folder cannot be created or
  /// written (read-only, no permission) or another process holds the lock (its pid is named).
  explicit FolderLock(const std::string& dir);
  ~FolderLock();
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

  /// The lock file's name inside the folder.
  static constexpr const char* kFileName = ".circa-sweep.lock";

 private:
  int fd_ = -1;
};

}  // namespace circa::sweep
