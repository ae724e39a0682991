#include "gen/run_program.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/error.hpp"

namespace circa::gen {

ProgramResult run_program(const std::vector<std::string>& argv, const std::string& cwd) {
  CIRCA_CHECK(!argv.empty(), "run_program without a program");
  int fds[2], exec_fds[2];
  CIRCA_CHECK(pipe(fds) == 0, std::string("pipe: ") + std::strerror(errno));
  // Closed by a successful exec; carries errno when chdir or exec fails.
  CIRCA_CHECK(pipe2(exec_fds, O_CLOEXEC) == 0, std::string("pipe2: ") + std::strerror(errno));
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = fork();
  CIRCA_CHECK(pid >= 0, std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {  // child: only async-signal-safe calls until exec
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    close(fds[0]);
    close(fds[1]);
    close(exec_fds[0]);
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) {
      const int e = errno;
      (void)!write(exec_fds[1], &e, sizeof e);
      _exit(126);
    }
    execvp(args[0], args.data());
    const int e = errno;
    (void)!write(exec_fds[1], &e, sizeof e);
    _exit(127);
  }
  close(fds[1]);
  close(exec_fds[1]);
  ProgramResult r;
  int e = 0;
  ssize_t got;
  while ((got = read(exec_fds[0], &e, sizeof e)) < 0 && errno == EINTR) {
  }
  close(exec_fds[0]);
  if (got == static_cast<ssize_t>(sizeof e)) {
    r.started = false;
    r.start_errno = e;
  }
  char buf[4096];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) != 0;) {
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    r.output.append(buf, static_cast<size_t>(n));
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

std::string first_error_line(const std::string& output) {
  std::istringstream in(output);
  std::string last;
  for (std::string line; std::getline(in, line);) {
    if (line.find("error") != std::string::npos || line.find("Error") != std::string::npos ||
        line.find("ERROR") != std::string::npos)
      return line.substr(0, 300);
    if (line.find_first_not_of(" \t\r") != std::string::npos) last = line;
  }
  return last.substr(0, 300);
}

ProgramResult run_tool(const std::string& tool, const std::vector<std::string>& argv,
                       const std::string& cwd, const std::string& log) {
  namespace fs = std::filesystem;
  ProgramResult r = run_program(argv, cwd);
  const std::string cmd = command_line(argv) + (cwd.empty() ? "" : " (in " + cwd + ")");
  if (!r.started) {
    if (r.start_errno == ENOENT && (cwd.empty() || fs::is_directory(cwd)))
      throw ToolError::missing(tool, cmd);
    throw ToolError(tool, cmd, std::string("cannot start: ") + std::strerror(r.start_errno), "");
  }
  if (r.exit_code == 0) return r;
  const fs::path path = cwd.empty() || fs::path(log).is_absolute() ? fs::path(log)
                                                                   : fs::path(cwd) / log;
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  std::ofstream(path, std::ios::binary) << r.output;
  const std::string line = first_error_line(r.output);
  throw ToolError(tool, cmd,
                  "exited with status " + std::to_string(r.exit_code) +
                      (line.empty() ? "" : ": " + line),
                  fs::absolute(path).string());
}

}  // namespace circa::gen
