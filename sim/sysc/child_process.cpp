#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "common/error.hpp"
#include "sysc/child_process.hpp"
#include "sysc/simulate.hpp"

namespace circa::sysc {
namespace {

void write_all(int fd, const std::string& s) {
  size_t done = 0;
  while (done < s.size()) {
    const ssize_t n = ::write(fd, s.data() + done, s.size() - done);
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

std::string guarded(const std::function<std::string()>& fn) {
  try {
    return "ok\n" + fn();
  } catch (const ConfigError& e) {
    return std::string("config\n") + e.what();
  } catch (const ToolError& e) {
    return "tool\n" + nlohmann::json{{"tool", e.tool()},
                                     {"command", e.command_line()},
                                     {"problem", e.problem()},
                                     {"log", e.log()}}
                          .dump();
  } catch (const std::exception& e) {
    return std::string("internal\n") + e.what();
  }
}

}  // namespace

std::string run_in_child(const std::function<std::string()>& fn) {
  int fds[2];
  CIRCA_CHECK(::pipe(fds) == 0, "pipe()");
  const pid_t pid = ::fork();
  CIRCA_CHECK(pid >= 0, "fork()");
  if (pid == 0) {
    ::close(fds[0]);
    write_all(fds[1], guarded(fn));
    ::close(fds[1]);
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string msg;
  char buf[65536];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) msg.append(buf, static_cast<size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  const size_t nl = msg.find('\n');
  CIRCA_CHECK(WIFEXITED(status) && nl != std::string::npos,
              "the simulation child process died (status " + std::to_string(status) + ")");
  const std::string kind = msg.substr(0, nl), body = msg.substr(nl + 1);
  if (kind == "config") throw ConfigError(body);
  if (kind == "tool") {
    const nlohmann::json t = nlohmann::json::parse(body);
    throw ToolError(t.at("tool").get<std::string>(), t.at("command").get<std::string>(),
                    t.at("problem").get<std::string>(), t.at("log").get<std::string>());
  }
  if (kind != "ok") throw InternalError(body);
  return body;
}

nlohmann::json simulate_in_child(const AcceleratorSpec& s, const Workload& w,
                                 const SimOptions& o) {
  return nlohmann::json::parse(run_in_child([&] {
    const SimOutcome r = simulate(s, w, random_data(s, w, o.seed), o);
    nlohmann::json j = {{"report", arch::to_json(r.report)},
                        {"bit_exact", r.bit_exact},
                        {"mismatch", r.mismatch},
                        {"output_checksum", r.report.output_checksum},
                        {"sim_seconds", r.sim_seconds}};
    return j.dump();
  }));
}

}  // namespace circa::sysc
