// SystemC elaborates once per process. Tests and sweeps that need many simulations run each
// in a forked child (run_in_child) and get its result back as a string through a pipe.
#pragma once

#include <functional>
#include <string>

namespace circa::sysc {

/// Runs fn in a forked child and returns its result. A ConfigError or ToolError thrown in the
/// child is rethrown as such, anything else as InternalError; a child that dies is an
/// InternalError. The child ends with _exit() (no SystemC teardown, no atexit handlers).
std::string run_in_child(const std::function<std::string()>& fn);

}  // namespace circa::sysc
