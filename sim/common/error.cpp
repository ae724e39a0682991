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

}  // namespace circa
