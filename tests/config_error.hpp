// Test helper shared across test directories: the message of the ConfigError a call throws.
#pragma once

#include <string>

#include "common/error.hpp"

namespace circa::test {

/// The ConfigError message `fn` throws, or `none` when it throws nothing.
template <class Fn>
std::string config_error_of(Fn fn, const std::string& none = "") {
  try {
    fn();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return none;
}

}  // namespace circa::test
