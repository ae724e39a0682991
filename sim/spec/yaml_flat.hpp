// YAML to a flat map of dotted paths, checked against the declared parameters: unknown keys,
// duplicate keys, lists or mappings where a single value belongs are refused here, with the file,
// line and column, and the closest known key.
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "spec/param.hpp"

namespace circa {

struct FlatValue {
  std::string text;
  SourceLocation where;
};
using FlatConfig = std::map<std::string, FlatValue>;

/// Parses a YAML file; syntax errors become ConfigError at the offending line and column.
YAML::Node read_yaml_file(const std::string& file);

/// The 1-based position of a node in `file`; a node built in memory has none.
SourceLocation location_of(const YAML::Node& node, const std::string& file);

/// Adds every scalar under `node` (a mapping) to `out` as prefix + key. Keys must be declared in
/// `known` (as leaves or as groups of leaves) or listed in `extra` (handled by the caller).
void flatten(const YAML::Node& node, const std::string& file, const std::string& prefix,
             const std::vector<ParamInfo>& known, const std::vector<std::string>& extra,
             FlatConfig& out);

/// The candidate closest to `word` by edit distance, or "" when none is close.
std::string closest(const std::string& word, const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" when a candidate is close, else "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

/// did_you_mean() plus "; allowed here: a, b, c".
std::string suggest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace circa
