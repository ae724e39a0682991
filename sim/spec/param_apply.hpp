// Fills a spec from a flat config through its parameter table: values are checked against the
// declared type and range, missing ones take the declared default, required ones must be there.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "spec/param.hpp"
#include "spec/yaml_flat.hpp"

namespace circa {

/// Where each parameter's value came from (absent = default).
using Provenance = std::map<std::string, SourceLocation>;

/// `applies` filters the table (e.g. by layer kind); `owner` locates errors about missing keys;
/// `prefix` is prepended to paths in messages (e.g. "layers[2].").
template <class Spec, class Filter>
void apply_params(const std::vector<Param<Spec>>& table, const FlatConfig& flat,
                  const std::string& prefix, const SourceLocation& owner, Filter applies,
                  Spec& spec, Provenance& where) {
  for (const auto& p : table) {
    if (!applies(p.info)) continue;
    const auto it = flat.find(p.info.path);
    if (it == flat.end()) {
      if (p.info.required)
        throw ConfigError(owner, prefix + p.info.path,
                          "missing required key '" + p.info.path + "' (" + p.info.description +
                              "; " + p.info.allowed() + ")");
      p.set(spec, p.info.default_text);
      continue;
    }
    const std::string problem = check_value(p.info, it->second.text);
    if (!problem.empty())
      throw ConfigError(it->second.where, prefix + p.info.path,
                        "value '" + it->second.text + "': " + problem);
    p.set(spec, it->second.text);
    where[p.info.path] = it->second.where;
  }
}

template <class Spec>
std::vector<ParamInfo> infos(const std::vector<Param<Spec>>& table) {
  std::vector<ParamInfo> v;
  for (const auto& p : table) v.push_back(p.info);
  return v;
}

}  // namespace circa
