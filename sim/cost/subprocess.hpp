// Running an external program (CACTI) without a shell: fork/exec in a chosen folder, stdout and
// stderr captured, killed (with its whole process group) when it overruns a timeout.
#pragma once

#include <string>
#include <vector>

#include "cost/cacti_output.hpp"

namespace circa {

struct ProcessResult {
  std::string out;  ///< everything written to stdout
  std::string err;  ///< everything written to stderr
  ExitStatus status;
  double elapsed_s = 0.0;
};

/// Runs argv[0] (a path, not searched in PATH) with `argv` in folder `cwd`. stdin is /dev/null.
/// After `timeout_s` the child's process group gets SIGKILL and status is timed_out. A program
/// that cannot be started gives status not_started with the errno.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& cwd,
                          double timeout_s);

}  // namespace circa
