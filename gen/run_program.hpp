// Runs an external tool (yosys, iverilog, vvp, verilator) directly with fork/exec: no shell, so
// no quoting problems and no injection through file names.
#pragma once

#include <string>
#include <vector>

namespace circa::gen {

struct ProgramResult {
  int exit_code = -1;  ///< the tool's exit status; 127 when it could not be started
  std::string output;  ///< stdout and stderr, interleaved
};

/// Runs argv[0] (searched in PATH) with the arguments, in `cwd` when not empty.
ProgramResult run_program(const std::vector<std::string>& argv, const std::string& cwd = "");

}  // namespace circa::gen
