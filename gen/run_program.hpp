// Runs an external tool (yosys, iverilog, vvp, verilator, a C++ compiler) directly with
// fork/exec: no shell, so no quoting problems and no injection through file names.
#pragma once

#include <string>
#include <vector>

namespace circa::gen {

struct ProgramResult {
  int exit_code = -1;   ///< the tool's exit status; 127 when it could not be started
  std::string output;   ///< stdout and stderr, interleaved
  bool started = true;  ///< false: exec failed (not on PATH, not executable) or cwd is missing
  int start_errno = 0;  ///< why it did not start
};

/// Runs argv[0] (searched in PATH) with the arguments, in `cwd` when not empty.
ProgramResult run_program(const std::vector<std::string>& argv, const std::string& cwd = "");

/// run_program for a step that must succeed. When the tool does not start, throws ToolError
/// saying how to install it; when it exits non-zero, writes its output to `log` (folders
/// created) and throws ToolError naming `tool`, the command line, the first error line and
/// the log. `log` relative paths are taken relative to `cwd`.
ProgramResult run_tool(const std::string& tool, const std::vector<std::string>& argv,
                       const std::string& cwd, const std::string& log);

/// The first line of `output` that reads like an error ("error", "Error", "ERROR"), else its
/// last non-empty line; at most 300 characters.
std::string first_error_line(const std::string& output);

}  // namespace circa::gen
