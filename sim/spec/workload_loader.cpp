// Workload files: top-level name/dataset plus a list of layers, each checked against the layer
// table with the keys that apply to its type.
#include <algorithm>
#include <set>

#include "spec/accelerator_params.hpp"
#include "spec/config_loader.hpp"
#include "spec/yaml_flat.hpp"

namespace circa {
namespace {

Layer load_layer(const YAML::Node& node, const std::string& file, const std::string& prefix) {
  const SourceLocation at = location_of(node, file);
  if (!node.IsMap())
    throw ConfigError(at, prefix, "a layer must be a mapping (name:, type:, and its sizes)");
  FlatConfig flat;
  flatten(node, file, "", infos(layer_params()), {}, flat);
  Layer layer;
  Provenance where;
  // The type decides which other keys belong, so it is read first.
  apply_params(
      layer_params(), flat, prefix, at, [](const ParamInfo& p) { return p.path == "type"; }, layer,
      where);
  std::vector<std::string> allowed;
  for (const auto& p : layer_params())
    if (applies_to(p.info, layer.kind)) allowed.push_back(p.info.path);
  for (const auto& [path, value] : flat)
    if (std::find(allowed.begin(), allowed.end(), path) == allowed.end())
      throw ConfigError(value.where, prefix + path,
                        "key '" + path + "' does not apply to " + to_string(layer.kind) +
                            " layers" + suggest(path, allowed));
  apply_params(
      layer_params(), flat, prefix, at,
      [&](const ParamInfo& p) { return applies_to(p, layer.kind) && p.path != "type"; }, layer,
      where);
  layer.where = at;
  return layer;
}

void check_layer(const Layer& l, const std::string& prefix) {
  auto fail = [&](const std::string& key, const std::string& problem) {
    throw ConfigError(l.where, prefix + key, problem);
  };
  if (l.block_size != 0 && (l.block_size < 2 || (l.block_size & (l.block_size - 1))))
    fail("block_size",
         "value " + std::to_string(l.block_size) + " must be 0 or a power of two in 2..1024");
  if (l.kind != LayerKind::conv) return;
  if (l.kernel > l.in_height + 2 * l.padding || l.kernel > l.in_width + 2 * l.padding)
    fail("kernel", "kernel " + std::to_string(l.kernel) + " is larger than the padded input " +
                       std::to_string(l.in_height + 2 * l.padding) + "x" +
                       std::to_string(l.in_width + 2 * l.padding));
  const LayerGeometry g = geometry(l, 2);
  if (l.pool != Pooling::none && (g.out_height < 2 || g.out_width < 2))
    fail("pool", "2x2 pooling needs an output of at least 2x2, this layer gives " +
                     std::to_string(g.out_height) + "x" + std::to_string(g.out_width));
}

/// Each layer must consume what the previous one produces (conv outputs flatten into fc).
void check_chain(const Workload& w) {
  for (size_t i = 1; i < w.layers.size(); ++i) {
    const Layer& prev = w.layers[i - 1];
    const Layer& cur = w.layers[i];
    const LayerGeometry gp = geometry(prev, 2), gc = geometry(cur, 2);
    if (gp.output_elements != gc.input_elements)
      throw ConfigError(cur.where, "layers[" + std::to_string(i) + "]",
                        "layer '" + cur.name + "' takes " + std::to_string(gc.input_elements) +
                            " inputs but '" + prev.name + "' produces " +
                            std::to_string(gp.output_elements) + "; fix the sizes so they chain");
  }
}

}  // namespace

Workload load_workload(const std::string& file) {
  const YAML::Node root = read_yaml_file(file);
  if (const std::string k = root["kind"] && root["kind"].IsScalar() ? root["kind"].Scalar() : "";
      k != "workload")
    throw ConfigError(location_of(root["kind"] ? root["kind"] : root, file), "kind",
                      "expected 'kind: workload' in a workload file" +
                          (k.empty() ? std::string() : ", found '" + k + "'"));
  FlatConfig flat;
  flatten(root, file, "", infos(workload_params()), {"kind", "layers"}, flat);
  Workload w;
  Provenance where;
  apply_params(
      workload_params(), flat, "", SourceLocation{file, 0, 0},
      [](const ParamInfo&) { return true; }, w, where);
  const YAML::Node layers = root["layers"];
  if (!layers || !layers.IsSequence() || layers.size() == 0)
    throw ConfigError(layers ? location_of(layers, file) : SourceLocation{file, 0, 0}, "layers",
                      "expected a non-empty list of layers (- name: fc1\\n  type: fc ...)");
  std::set<std::string> names;
  for (size_t i = 0; i < layers.size(); ++i) {
    const std::string prefix = "layers[" + std::to_string(i) + "].";
    Layer l = load_layer(layers[i], file, prefix);
    check_layer(l, prefix);
    if (!names.insert(l.name).second)
      throw ConfigError(l.where, prefix + "name", "layer name '" + l.name + "' is used twice");
    w.layers.push_back(std::move(l));
  }
  check_chain(w);
  return w;
}

void check_workload_fits(const Workload& w, const AcceleratorSpec& a) {
  for (const Layer& l : w.layers)
    if (l.block_size > a.block_size)
      throw ConfigError(l.where, "block_size",
                        "layer '" + l.name + "' uses block_size " + std::to_string(l.block_size) +
                            " but the accelerator's FFT handles at most " +
                            std::to_string(a.block_size) + "; raise the accelerator's block_size");
}

}  // namespace circa
