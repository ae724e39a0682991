// `circa config dump`: the effective configuration as YAML, with every default filled in.
#include <yaml-cpp/yaml.h>

#include <sstream>

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

}  // namespace

std::string dump_yaml(const AcceleratorSpec& s) {
  YAML::Node root;
  root["kind"] = "accelerator";
  for (const auto& p : accelerator_params()) put(root, p.info.path, p.get(s));
  return emit(root);
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
