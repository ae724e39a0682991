// Checks the shape of a YAML text before it is turned into nodes: one document per file, bounded
// nesting, bounded size once aliases are expanded (an alias bomb is refused, not expanded), no
// alias inside the node it names, and no merge keys ('<<'), which yaml-cpp 0.7 would read as an
// ordinary key named "<<". It reads the parser's event stream, so it never builds the expansion.
#pragma once

#include <cstddef>
#include <string>

namespace circa {

constexpr int kMaxYamlDepth = 32;             ///< Circa's own files nest at most 6 levels
constexpr size_t kMaxYamlValues = 100000;     ///< values after alias expansion

/// Throws ConfigError at the offending line when `text` (the contents of `file`) breaks one of
/// the rules above; YAML syntax errors surface as YAML::ParserException.
void check_yaml_shape(const std::string& text, const std::string& file);

}  // namespace circa
