#include "cost/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>

#include "common/error.hpp"

namespace circa {

namespace {

using Clock = std::chrono::steady_clock;

struct Pipe {
  int fd[2] = {-1, -1};
  Pipe() { CIRCA_CHECK(::pipe2(fd, O_CLOEXEC) == 0, "pipe2 failed"); }
  ~Pipe() { close_both(); }
  void close_end(int i) {
    if (fd[i] >= 0) ::close(fd[i]);
    fd[i] = -1;
  }
  void close_both() {
    close_end(0);
    close_end(1);
  }
};

/// In the child, between fork and exec: only async-signal-safe calls. Reports errno on `report`.
[[noreturn]] void exec_child(char* const* argv, const char* cwd, const Pipe& out, const Pipe& err,
                             int report) {
  ::setpgid(0, 0);  // own process group, so a timeout kills grandchildren too
  const int devnull = ::open("/dev/null", O_RDONLY);
  if (devnull >= 0) ::dup2(devnull, 0);
  ::dup2(out.fd[1], 1);
  ::dup2(err.fd[1], 2);
  if (::chdir(cwd) == 0) ::execv(argv[0], argv);
  const int e = errno;
  [[maybe_unused]] ssize_t n = ::write(report, &e, sizeof e);
  ::_exit(127);
}

/// Reads both pipes until EOF or the deadline; returns false on timeout.
bool drain(int out_fd, int err_fd, std::string& out, std::string& err, Clock::time_point deadline) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  std::string* sinks[2] = {&out, &err};
  char buf[65536];
  int open_fds = 2;
  while (open_fds > 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    const int r = ::poll(fds, 2, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (r < 0 && errno == EINTR) continue;
    CIRCA_CHECK(r >= 0, "poll failed");
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  return true;
}

/// Waits for the child until the deadline (it may close its pipes and keep running), then kills
/// its whole group. Sets `timed_out` when it had to kill.
int reap(pid_t pid, Clock::time_point deadline, bool& timed_out) {
  if (timed_out) ::kill(-pid, SIGKILL);
  int st = 0;
  for (;;) {
    const pid_t r = ::waitpid(pid, &st, timed_out ? 0 : WNOHANG);
    if (r == pid) return st;
    CIRCA_CHECK(r >= 0 || errno == EINTR, "waitpid failed");
    if (!timed_out && Clock::now() >= deadline) {
      timed_out = true;
      ::kill(-pid, SIGKILL);
    } else if (!timed_out) {
      ::usleep(2000);
    }
  }
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& cwd,
                          double timeout_s) {
  CIRCA_CHECK(!argv.empty(), "run_process: empty argv");
  std::vector<char*> cargv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  Pipe out, err, report;
  const auto start = Clock::now();
  const pid_t pid = ::fork();
  CIRCA_CHECK(pid >= 0, "fork failed");
  if (pid == 0) exec_child(cargv.data(), cwd.c_str(), out, err, report.fd[1]);
  ::setpgid(pid, pid);  // also from the parent, so the group exists before any kill
  out.close_end(1);
  err.close_end(1);
  report.close_end(1);

  ProcessResult res;
  const auto deadline =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeout_s));
  bool timed_out = !drain(out.fd[0], err.fd[0], res.out, res.err, deadline);
  const int st = reap(pid, deadline, timed_out);
  res.elapsed_s = std::chrono::duration<double>(Clock::now() - start).count();
  int exec_errno = 0;
  if (::read(report.fd[0], &exec_errno, sizeof exec_errno) == sizeof exec_errno) {
    res.status = {ExitStatus::Kind::not_started, exec_errno};
  } else if (timed_out) {
    res.status = {ExitStatus::Kind::timed_out, 0};
  } else if (WIFSIGNALED(st)) {
    res.status = {ExitStatus::Kind::signaled, WTERMSIG(st)};
  } else {
    res.status = {ExitStatus::Kind::exited, WEXITSTATUS(st)};
  }
  return res;
}

}  // namespace circa
