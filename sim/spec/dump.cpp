// `circa config dump`: the effective configuration as YAML, with every default filled in.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "spec/accelerator_params.hpp"
#include "spec/config_loader.hpp"

namespace circa {
namespace {

/// Sets root[a][b][c] = value for the dotted path "a.b.c", keeping declaration order.
void put(YAML::Node root, const std::string& path, const std::string& value) {
  size_t start = 0;
  YAML::Node node = root;
  for (size_t dot; (dot = path.find('.', start)) != std::string::npos; start = dot + 1)
    node.reset(node[path.substr(start, dot - start)]);
  node[path.substr(start)] = value;
}

std::string emit(const YAML::Node& root) {
  YAML::Emitter out;
  out << root;
  return std::string(out.c_str()) + "\n";
}

/// The accelerator document's layout, worked out once: each parameter's line as the emitter
/// places it (under the map of its first-seen parent, keys in declaration order), with the map
/// headers that open before it.
struct AcceleratorLayout {
  struct Line {
    size_t param;        ///< index in accelerator_params()
    std::string prefix;  ///< headers that open here, then the indent and "key: "
  };
  std::vector<Line> lines;
};

struct PathTree {
  std::vector<std::pair<std::string, PathTree>> children;  ///< in first-seen order
  size_t param = SIZE_MAX;                                 ///< a leaf's parameter
};

void lay_out(const PathTree& t, int depth, std::string& headers, AcceleratorLayout& out) {
  const std::string indent(static_cast<size_t>(2 * depth), ' ');
  for (const auto& [key, child] : t.children) {
    if (child.param != SIZE_MAX) {
      out.lines.push_back({child.param, headers + indent + key + ": "});
      headers.clear();
    } else {
      headers += indent + key + ":\n";
      lay_out(child, depth + 1, headers, out);
    }
  }
}

const AcceleratorLayout& accelerator_layout() {
  static const AcceleratorLayout layout = [] {
    PathTree root;
    const auto& params = accelerator_params();
    for (size_t i = 0; i < params.size(); ++i) {
      const std::string& path = params[i].info.path;
      PathTree* node = &root;
      size_t start = 0;
      for (size_t dot;; start = dot + 1) {
        dot = path.find('.', start);
        const std::string key = path.substr(start, dot - start);
        auto it = std::find_if(node->children.begin(), node->children.end(),
                               [&](const auto& c) { return c.first == key; });
        if (it == node->children.end())
          it = node->children.insert(node->children.end(), {key, PathTree{}});
        node = &it->second;
        if (dot == std::string::npos) break;
      }
      node->param = i;
    }
    AcceleratorLayout out;
    std::string headers;
    lay_out(root, 0, headers, out);
    return out;
  }();
  return layout;
}

/// `value` as yaml-cpp's emitter writes a scalar (plain, or quoted when plain would read as
/// something else), remembered per thread: a sweep's points repeat a few values.
const std::string& scalar_text(const std::string& value) {
  thread_local std::unordered_map<std::string, std::string> seen;
  if (const auto it = seen.find(value); it != seen.end()) return it->second;
  if (seen.size() > 4096) seen.clear();
  YAML::Emitter out;
  out << value;
  return seen.emplace(value, out.c_str()).first->second;
}

}  // namespace

// Written line by line, not through a YAML::Node: a sweep dumps every point's spec (a million
// points), and the node tree and its emitter cost most of a point. The text is the emitter's
// (tests/unit/spec/test_spec.cpp compares the two).
std::string dump_yaml(const AcceleratorSpec& s) {
  const auto& params = accelerator_params();
  std::string out = "kind: accelerator\n";
  out.reserve(2048);
  for (const auto& line : accelerator_layout().lines) {
    out += line.prefix;
    out += scalar_text(params[line.param].get(s));
    out += '\n';
  }
  return out;
}

std::string dump_yaml(const Workload& w) {
  YAML::Node root;
  root["kind"] = "workload";
  for (const auto& p : workload_params()) put(root, p.info.path, p.get(w));
  for (const Layer& l : w.layers) {
    YAML::Node layer;
    for (const auto& p : layer_params()) {
      if (applies_to(p.info, l.kind)) layer[p.info.path] = p.get(l);
    }
    root["layers"].push_back(layer);
  }
  return emit(root);
}

}  // namespace circa
