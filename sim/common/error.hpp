// Two kinds of failure (gem5's fatal/panic split): ConfigError is the user's fault and names where
// and how to fix it; InternalError is a Circa bug. Only main() turns either into an exit code.
#pragma once

#include <stdexcept>
#include <string>

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
