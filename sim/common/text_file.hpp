// Whole-file reads and crash-safe writes (temporary file + rename), with ConfigErrors that name
// the path.
#pragma once

#include <string>

namespace circa {

/// The whole file; ConfigError naming the path when it cannot be read.
std::string read_text_file(const std::string& path);
/// Writes `text` to `path` through `path.tmp.<pid>` and rename(), so readers never see a partial
/// file; ConfigError when that fails.
void write_text_file_atomic(const std::string& path, const std::string& text);

}  // namespace circa
