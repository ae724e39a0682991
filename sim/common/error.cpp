#include "common/error.hpp"

namespace circa {

std::string SourceLocation::str() const {
  if (file.empty()) return "<command line>";
  if (line <= 0) return file;
  if (column <= 0) return file + ":" + std::to_string(line);
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

ConfigError::ConfigError(const SourceLocation& where, const std::string& yaml_path,
                         const std::string& problem)
    : std::runtime_error(where.str() + ": error: " + (yaml_path.empty() ? "" : yaml_path + ": ") +
                         problem),
      where_(where),
      yaml_path_(yaml_path) {}

// A message that already says "error:" (rethrown from a child process) is not prefixed twice.
ConfigError::ConfigError(const std::string& message)
    : std::runtime_error(message.rfind("error: ", 0) == 0 ||
                                 message.find(": error: ") != std::string::npos
                             ? message
                             : "error: " + message) {}

ToolError::ToolError(const std::string& tool, const std::string& command_line,
                     const std::string& problem, const std::string& log)
    : std::runtime_error(tool + ": " + problem + "; command: " + command_line +
                         (log.empty() ? "" : "; log: " + log)),
      tool_(tool),
      command_line_(command_line),
      problem_(problem),
      log_(log) {}

std::string debian_package_of(const std::string& tool) {
  const std::string name = tool.substr(tool.find_last_of('/') + 1);
  if (name == "yosys" || name == "verilator" || name == "iverilog") return name;
  if (name == "vvp") return "iverilog";
  if (name == "c++" || name == "g++" || name == "cc" || name == "gcc") return "g++";
  if (name == "clang++" || name == "clang") return "clang";
  return "";
}

ToolError ToolError::missing(const std::string& tool, const std::string& command_line) {
  const std::string package = debian_package_of(tool);
  const std::string how = package.empty() ? std::string(kInstallToolsHint)
                                          : "install it with 'apt-get install " + package +
                                                "' (as root) or 'bash " + "cmake/install-deps.sh'";
  const bool path = tool.find('/') != std::string::npos;
  return ToolError(tool, command_line,
                   "'" + tool + "' is not installed (" +
                       (path ? "no such file" : "not found on PATH") + "); " + how,
                   "");
}

std::string command_line(const std::vector<std::string>& argv) {
  std::string line;
  for (const auto& a : argv) {
    if (!line.empty()) line += ' ';
    if (!a.empty() && a.find_first_of(" \t'\"\\$;&|<>*?") == std::string::npos) {
      line += a;
      continue;
    }
    line += '\'';
    for (char c : a) line += c == '\'' ? std::string("'\\''") : std::string(1, c);
    line += '\'';
  }
  return line;
}

}  // namespace circa
