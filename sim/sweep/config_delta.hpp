// A point's canonical config stored as the lines where it differs from the sweep's base config.
// dump_yaml writes every parameter, one per line, in a fixed order, so a point's text has the
// base's lines with a few values changed: about 100 bytes instead of 1.4 KB a row (a
// million-point store). Texts of another shape are stored whole.
#pragma once

#include <string>

namespace circa::sweep {

/// What a delta starts with; a canonical YAML config never does.
inline constexpr const char* kConfigDeltaTag = "circa-config-delta/1 ";

/// `text` as a delta against `base` (whose sha256 is `base_id`), or `text` itself when the two
/// do not have the same number of lines.
std::string encode_config(const std::string& text, const std::string& base,
                          const std::string& base_id);

/// True when `stored` is a delta; `base_id` is then set to the base it needs.
bool is_config_delta(const std::string& stored, std::string* base_id);

/// The text encode_config was given, from its delta and the base; ConfigError when the delta
/// does not fit `base` (a damaged store).
std::string decode_config(const std::string& stored, const std::string& base);

}  // namespace circa::sweep
