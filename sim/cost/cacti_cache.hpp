// On-disk cache of CACTI results: CACTI takes up to seconds per array and sweeps repeat arrays.
#pragma once

#include <optional>
#include <string>

#include "cost/cacti_output.hpp"

namespace circa {

/// One JSON file per key in a folder: <dir>/<hash>.json with hash = 16 hex digits of FNV-1a over
/// the key text (the cfg plus the binary's identity). Each entry stores its full key text, which
/// is compared on load, so a collision or a foreign file is a miss, never a wrong answer. Writes go
/// through a temporary file and rename(), so concurrent sweeps never read half an entry.
class CactiCache {
 public:
  /// Creates the folder if needed; ConfigError when that fails.
  explicit CactiCache(std::string dir);
  /// $CIRCA_CACHE_DIR/cacti, else $XDG_CACHE_HOME/circa/cacti, else $HOME/.cache/circa/cacti.
  static std::string default_dir();

  /// The file stem for a key: 16 lowercase hex digits.
  static std::string hash(const std::string& key_text);
  std::optional<CactiOutput> load(const std::string& key_text) const;
  void store(const std::string& key_text, const CactiOutput& output) const;
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

}  // namespace circa
