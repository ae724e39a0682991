// The sweep's side of a worker process: spawn, send the request, wait for the answer while
// watching the stop flag, reap. No shell, no fork of this (multi-threaded) process's state:
// posix_spawn starts the worker image fresh.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <sstream>
#include <thread>

#include "sweep/sweep_spec.hpp"
#include "sweep/worker.hpp"

extern char** environ;

namespace circa::sweep {
namespace {

/// Closes a file descriptor once.
struct Fd {
  int fd = -1;
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) close(fd);
    fd = -1;
  }
};

pid_t spawn(const std::vector<std::string>& argv, int stdin_fd, int stdout_fd,
            const std::string& log) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, stdin_fd, STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, stdout_fd, STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log.empty() ? "/dev/null" : log.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  // Its own process group: a terminal Ctrl-C reaches the sweep, which decides what to stop.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv.at(0).c_str(), &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0)
    throw std::runtime_error("cannot start worker '" + argv[0] + "': " + std::strerror(rc));
  return pid;
}

void send_all(int fd, const std::string& text) {
  // A socket rather than a pipe, so a worker that dies early gives EPIPE instead of SIGPIPE.
  for (size_t done = 0; done < text.size();) {
    const ssize_t n = send(fd, text.data() + done, text.size() - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the worker is gone; its exit status tells why
    done += static_cast<size_t>(n);
  }
}

using Clock = std::chrono::steady_clock;

/// Ends the worker and everything it started (its own process group), then reaps it.
void kill_worker(pid_t pid) {
  kill(-pid, SIGKILL);
  kill(pid, SIGKILL);
  while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
}

/// Watches the stop flag and the deadline while waiting for the worker; on either, kills it and
/// throws (Interrupted, or the timeout as the point's failure).
struct Watch {
  pid_t pid;
  const std::atomic<bool>* stop;
  double timeout_s;  ///< 0 = none
  Clock::time_point deadline;
  std::string where;  ///< " (log: ...)" or ""

  void check() const {
    if (stop && stop->load()) {
      kill_worker(pid);
      throw Interrupted();
    }
    if (timeout_s > 0 && Clock::now() >= deadline) {
      kill_worker(pid);
      std::ostringstream msg;
      msg << "timeout: no result within timeout_s = " << timeout_s << " s; the worker was killed"
          << where;
      throw std::runtime_error(msg.str());
    }
  }
};

/// Everything the worker writes, until it closes its end.
std::string receive_all(int fd, const Watch& watch) {
  std::string out;
  char buf[65536];
  for (;;) {
    watch.check();
    pollfd p{fd, POLLIN, 0};
    const int ready = poll(&p, 1, 100);
    if (ready < 0 && errno != EINTR)
      throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    if (ready <= 0) continue;
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return out;
    out.append(buf, static_cast<size_t>(n));
  }
}

/// The worker's wait status once it has exited (it may still be exiting after closing stdout).
int reap(const Watch& watch) {
  for (;;) {
    int status = 0;
    const pid_t r = waitpid(watch.pid, &status, WNOHANG);
    if (r == watch.pid) return status;
    if (r < 0 && errno != EINTR)
      throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
    watch.check();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

/// A worker ended by SIGTERM, SIGINT or SIGHUP was stopped from outside (a scheduler cancelling
/// the job signals every process of it, `kill` on the sweep's processes), not crashed by its
/// point: when the sweep's own stop request follows within a second, the point is abandoned
/// (run again on resume) rather than recorded as failed, which a resumed sweep would skip.
bool stopped_from_outside(int status, const std::atomic<bool>* stop) {
  if (!stop || !WIFSIGNALED(status)) return false;
  const int sig = WTERMSIG(status);
  if (sig != SIGTERM && sig != SIGINT && sig != SIGHUP) return false;
  const auto until = Clock::now() + std::chrono::seconds(1);
  while (!stop->load() && Clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  return stop->load();
}

/// "crashed: signal SIGSEGV (Segmentation fault)" or "exited with status 3".
std::string describe(int status) {
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    const char* abbrev = sigabbrev_np(sig);
    return "crashed: the worker was killed by signal " +
           (abbrev ? "SIG" + std::string(abbrev) : std::to_string(sig)) + " (" + strsignal(sig) +
           ")";
  }
  return "worker exited with status " + std::to_string(WEXITSTATUS(status));
}

}  // namespace

eval::PointMetrics evaluate_in_worker(const std::vector<std::string>& argv, const WorkRequest& req,
                                      const std::atomic<bool>* stop, const std::string& log_file,
                                      double timeout_s) {
  int sv[2], pv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0 || pipe2(pv, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("cannot create worker channels: ") + std::strerror(errno));
  Fd to_child{sv[0]}, child_in{sv[1]}, from_child{pv[0]}, child_out{pv[1]};
  const pid_t pid = spawn(argv, child_in.fd, child_out.fd, log_file);
  const std::string where = log_file.empty() ? "" : " (log: " + log_file + ")";
  const Watch watch{pid, stop, timeout_s,
                    Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                       std::chrono::duration<double>(timeout_s)),
                    where};
  child_in.reset();
  child_out.reset();
  const nlohmann::json request = {{"accelerator", req.accelerator_yaml},
                                  {"workload", req.workload_yaml},
                                  {"fidelity", fidelity_name(req.fidelity)},
                                  {"seed", req.seed},
                                  {"evaluator_options", req.evaluator_options}};
  send_all(to_child.fd, request.dump());
  to_child.reset();
  const std::string text = receive_all(from_child.fd, watch);
  const int status = reap(watch);
  if (stopped_from_outside(status, stop)) throw Interrupted();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error(describe(status) + where);
  nlohmann::json answer;
  try {
    answer = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception&) {
    throw std::runtime_error("worker answered something that is not JSON" + where);
  }
  if (answer.contains("error")) {
    const std::string msg = answer["error"].get<std::string>();
    // The user's input and a failing external tool are reported as they are; anything else is
    // a Circa bug in the worker.
    const bool expected = answer.value("config_error", false) || answer.value("tool_error", false);
    throw std::runtime_error(expected ? msg : "internal error: " + msg);
  }
  return metrics_from_json(answer);
}

}  // namespace circa::sweep
