// Starting this test binary again as a child (see test_main.cpp) and waiting for it.
#pragma once

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace circa::sweep::test {

inline pid_t spawn_self(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"/proc/self/exe"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> c;
  for (auto& a : argv) c.push_back(a.data());
  c.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawn(&pid, "/proc/self/exe", nullptr, nullptr, c.data(), environ) != 0)
    throw std::runtime_error("cannot start the test binary as a child");
  return pid;
}

/// A started child: whether it still runs, and its exit status (128 + signal if one ended it).
class Child {
 public:
  explicit Child(pid_t pid) : pid_(pid) {}
  pid_t pid() const { return pid_; }
  bool running() {
    if (status_ < 0) reap(WNOHANG);
    return status_ < 0;
  }
  int wait() {
    while (status_ < 0) reap(0);
    return status_;
  }

 private:
  void reap(int flags) {
    int s = 0;
    if (waitpid(pid_, &s, flags) == pid_)
      status_ = WIFSIGNALED(s) ? 128 + WTERMSIG(s) : WEXITSTATUS(s);
  }
  pid_t pid_;
  int status_ = -1;
};

/// Polls `done()` every 5 ms for up to `seconds`; true when it became true.
template <class F>
bool wait_until(F done, double seconds) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return done();
}

}  // namespace circa::sweep::test
