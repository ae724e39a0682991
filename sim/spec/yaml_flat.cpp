#include "spec/yaml_flat.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "spec/yaml_guard.hpp"

namespace circa {
namespace {

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
      diag = up;
    }
  }
  return row[b.size()];
}

/// Keys allowed directly under `prefix`, and whether each is a leaf (true) or a group (false).
std::map<std::string, bool> children(const std::string& prefix,
                                     const std::vector<ParamInfo>& known) {
  std::map<std::string, bool> keys;
  for (const auto& p : known) {
    if (p.path.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string rest = p.path.substr(prefix.size());
    const size_t dot = rest.find('.');
    if (dot == std::string::npos)
      keys[rest] = true;
    else
      keys.emplace(rest.substr(0, dot), false);
  }
  return keys;
}

const char* kind_of(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Null:
      return "nothing";
    default:
      return "a single value";
  }
}

std::string allowed_for(const std::string& path, const std::vector<ParamInfo>& known) {
  for (const auto& p : known)
    if (p.path == path) return p.allowed();
  return "a single value";
}

}  // namespace

YAML::Node read_yaml_file(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw ConfigError(SourceLocation{file, 0, 0}, "", "cannot open file; check the path");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    check_yaml_shape(text.str(), file);
    YAML::Node root = YAML::Load(text.str());
    if (!root.IsMap())
      throw ConfigError(SourceLocation{file, 0, 0}, "",
                        std::string("the file holds ") + kind_of(root) +
                            "; expected a mapping of keys (start with 'kind: ...')");
    return root;
  } catch (const YAML::ParserException& e) {
    throw ConfigError(SourceLocation{file, e.mark.line + 1, e.mark.column + 1}, "",
                      "YAML syntax: " + e.msg);
  }
}

SourceLocation location_of(const YAML::Node& node, const std::string& file) {
  const YAML::Mark m = node.Mark();
  if (m.is_null()) return SourceLocation{"", 0, 0};
  return SourceLocation{file, m.line + 1, m.column + 1};
}

std::string closest(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_d = std::max<size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    const size_t d = edit_distance(word, c);
    if (d < best_d) best_d = d, best = c;
  }
  return best;
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string near = closest(word, candidates);
  return near.empty() ? "" : " (did you mean '" + near + "'?)";
}

std::string suggest(const std::string& word, const std::vector<std::string>& candidates) {
  std::string list;
  for (const auto& c : candidates) list += (list.empty() ? "" : ", ") + c;
  return did_you_mean(word, candidates) + "; allowed here: " + list;
}

void flatten(const YAML::Node& node, const std::string& file, const std::string& prefix,
             const std::vector<ParamInfo>& known, const std::vector<std::string>& extra,
             FlatConfig& out) {
  const auto keys = children(prefix, known);
  std::vector<std::string> allowed;
  for (const auto& [k, leaf] : keys) allowed.push_back(k);
  if (prefix.empty()) allowed.insert(allowed.end(), extra.begin(), extra.end());
  std::set<std::string> seen;
  for (const auto& kv : node) {
    const SourceLocation at = location_of(kv.first, file);
    if (!kv.first.IsScalar()) throw ConfigError(at, prefix, "a key must be a plain name");
    const std::string key = kv.first.Scalar();
    const std::string path = prefix + key;
    if (!seen.insert(key).second) throw ConfigError(at, path, "duplicate key; give each key once");
    if (prefix.empty() && std::find(extra.begin(), extra.end(), key) != extra.end()) continue;
    const auto it = keys.find(key);
    if (it == keys.end())
      throw ConfigError(at, path, "unknown key '" + key + "'" + suggest(key, allowed));
    const YAML::Node& value = kv.second;
    if (it->second) {
      if (value.IsNull())  // an empty value has no place of its own: point at its key
        throw ConfigError(at, path,
                          "no value given (allowed: " + allowed_for(path, known) + ")");
      if (!value.IsScalar())
        throw ConfigError(location_of(value, file).line ? location_of(value, file) : at, path,
                          std::string("expected a single value, found ") + kind_of(value));
      out[path] = FlatValue{value.Scalar(), location_of(value, file)};
    } else {
      if (!value.IsMap())
        throw ConfigError(
            at, path,
            std::string("expected a mapping of keys, found ") + kind_of(value) +
                "; allowed inside: " + [&] {
                  std::string l;
                  for (const auto& [k, leaf] : children(path + ".", known))
                    l += (l.empty() ? "" : ", ") + k;
                  return l;
                }());
      flatten(value, file, path + ".", known, {}, out);
    }
  }
}

}  // namespace circa
