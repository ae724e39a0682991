// Kinds of failure (gem5's fatal/panic split): ConfigError is the user's fault and names where
// and how to fix it; ToolError is an external tool (yosys, verilator, a compiler, CACTI) that
// failed or is missing; InternalError is a Circa bug. Only main() turns them into exit codes.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace circa {

/// Where in a YAML file a value came from. line/column are 1-based; 0 means unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  std::string str() const;  ///< "file:line:col", or "file", or "<command line>"
};

/// The user's input is wrong. what() is one line: "loc: error: path: problem; fix".
class ConfigError : public std::runtime_error {
 public:
  ConfigError(const SourceLocation& where, const std::string& yaml_path,
              const std::string& problem);
  /// An error with no file behind it (a command-line flag, a missing tool).
  explicit ConfigError(const std::string& message);

  const SourceLocation& where() const { return where_; }
  const std::string& yaml_path() const { return yaml_path_; }

 private:
  SourceLocation where_;
  std::string yaml_path_;
};

/// An external tool failed or could not be started: neither the user's input nor a Circa bug.
/// what() is one line: "<tool>: <problem>; command: <command line>; log: <log path>".
class ToolError : public std::runtime_error {
 public:
  /// `log` is the file holding the tool's output ("" when it never ran).
  ToolError(const std::string& tool, const std::string& command_line, const std::string& problem,
            const std::string& log);

  /// A tool that is not installed (not on PATH): the problem says how to install it, with its
  /// Debian package when it is one Circa knows (debian_package_of).
  static ToolError missing(const std::string& tool, const std::string& command_line);

  const std::string& tool() const { return tool_; }
  const std::string& command_line() const { return command_line_; }
  const std::string& problem() const { return problem_; }
  const std::string& log() const { return log_; }

 private:
  std::string tool_, command_line_, problem_, log_;
};

/// How to install the tools Circa runs (Debian packages, through the project's script).
inline constexpr const char* kInstallToolsHint = "install it with 'bash cmake/install-deps.sh'";

/// The Debian package that provides `tool` (a name or a path: yosys, verilator, iverilog, vvp,
/// a C++ compiler), or "" when Circa does not know it.
std::string debian_package_of(const std::string& tool);

/// argv as one line for messages, arguments with spaces or quotes in single quotes.
std::string command_line(const std::vector<std::string>& argv);

/// A broken invariant inside Circa: a bug to report, never a user mistake.
class InternalError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

/// Throws InternalError with file:line when an invariant does not hold. Active in every build type.
#define CIRCA_CHECK(cond, msg)                                                                \
  do {                                                                                        \
    if (!(cond))                                                                              \
      throw ::circa::InternalError(std::string("internal error at ") + __FILE__ + ":" +       \
                                   std::to_string(__LINE__) + ": " + (msg) + " [" #cond "]"); \
  } while (0)

}  // namespace circa
