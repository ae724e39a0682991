// Shared by the fuzz targets: a private scratch folder per process (on /dev/shm when there is
// one: the loaders read files, and a file per input is the price), and the rule every target
// checks: malformed input may end in a ConfigError and nothing else. Any other exception escapes
// to libFuzzer, which reports it as a crash.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "common/error.hpp"

namespace circa::fuzz {

namespace fs = std::filesystem;

/// The process's scratch folder, created on first use and removed at exit.
inline const fs::path& scratch() {
  static const fs::path dir = [] {
    const fs::path base =
        fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    std::string templ = (base / "circa-fuzz-XXXXXX").string();
    if (!mkdtemp(templ.data())) std::abort();
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(scratch(), ec);
    });
    return fs::path(templ);
  }();
  return dir;
}

/// Writes the input to `path` (inside the scratch folder) and returns it as a string.
inline std::string write_input(const fs::path& path, const uint8_t* data, size_t size) {
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path.string();
}

/// Runs `f`; a ConfigError is the expected answer to bad input, anything else escapes.
template <class F>
void config_errors_only(F&& f) {
  try {
    f();
  } catch (const ConfigError&) {
  }
}

}  // namespace circa::fuzz
