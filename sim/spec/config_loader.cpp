#include "spec/config_loader.hpp"

#include <algorithm>
#include <filesystem>

#include "spec/accelerator_params.hpp"
#include "spec/yaml_flat.hpp"

namespace circa {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kKinds = {"accelerator", "workload", "sweep"};

/// Reads `kind:` and checks it names the expected document.
std::string read_kind(const YAML::Node& root, const std::string& file) {
  const YAML::Node kind = root["kind"];
  if (!kind)
    throw ConfigError(SourceLocation{file, 1, 1}, "kind",
                      "missing required key 'kind' (one of accelerator, workload, sweep)");
  const std::string k = kind.IsScalar() ? kind.Scalar() : "";
  for (const auto& known : kKinds)
    if (k == known) return k;
  throw ConfigError(location_of(kind, file), "kind",
                    "value '" + k + "': expected one of accelerator, workload, sweep");
}

void expect_kind(const YAML::Node& root, const std::string& file, const std::string& want) {
  const std::string got = read_kind(root, file);
  if (got != want)
    throw ConfigError(
        location_of(root["kind"], file), "kind",
        "this file has kind '" + got + "', but a file of kind '" + want + "' is needed here");
}

/// Flattens `file` and, first, the chain of `base:` files it names (paths relative to it).
void flatten_accelerator(const std::string& file, std::vector<std::string>& chain,
                         FlatConfig& flat) {
  for (const auto& seen : chain)
    if (fs::equivalent(seen, file))
      throw ConfigError(SourceLocation{file, 0, 0}, "base",
                        "the base: chain loops back to this file");
  chain.push_back(file);
  const YAML::Node root = read_yaml_file(file);
  expect_kind(root, file, "accelerator");
  if (const YAML::Node base = root["base"]) {
    const fs::path base_path = fs::path(file).parent_path() / base.as<std::string>("");
    std::error_code ec;  // a name too long for the file system is "not found" too, not a crash
    if (!fs::is_regular_file(base_path, ec))
      throw ConfigError(
          location_of(base, file), "base",
          "file '" + base_path.string() + "' not found; the path is relative to " + file);
    flatten_accelerator(base_path.string(), chain, flat);
  }
  flatten(root, file, "", infos(accelerator_params()), {"kind", "base"}, flat);
}

}  // namespace

const char* to_string(DocumentKind k) {
  return kKinds[static_cast<int>(k)].c_str();
}

Override parse_override(const std::string& arg) {
  const size_t eq = arg.find('=');
  if (eq == std::string::npos || eq == 0)
    throw ConfigError("override '" + arg + "' is not key.path=value (example: -p mac.lanes=16)");
  return Override{arg.substr(0, eq), arg.substr(eq + 1)};
}

std::vector<Override> parse_overrides(const std::vector<std::string>& args) {
  std::vector<Override> v;
  for (const auto& a : args) v.push_back(parse_override(a));
  return v;
}

DocumentKind document_kind(const std::string& file) {
  const std::string k = read_kind(read_yaml_file(file), file);
  return k == "accelerator" ? DocumentKind::accelerator
         : k == "workload"  ? DocumentKind::workload
                            : DocumentKind::sweep;
}

AcceleratorFile::AcceleratorFile(std::string file) : file_(std::move(file)) {
  std::vector<std::string> chain;
  auto flat = std::make_shared<FlatConfig>();
  flatten_accelerator(file_, chain, *flat);
  flat_ = std::move(flat);
}

LoadedAccelerator AcceleratorFile::load(const std::vector<Override>& overrides) const {
  static const std::vector<std::string> paths = [] {
    std::vector<std::string> v;
    for (const auto& p : accelerator_params()) v.push_back(p.info.path);
    return v;
  }();
  FlatConfig flat = *flat_;
  for (const auto& o : overrides) {
    const SourceLocation at{"-p " + o.path + "=" + o.value, 0, 0};
    if (std::find(paths.begin(), paths.end(), o.path) == paths.end())
      throw ConfigError(at, o.path,
                        "unknown parameter" + did_you_mean(o.path, paths) +
                            "; 'circa config schema' lists them all");
    flat[o.path] = FlatValue{o.value, at};
  }
  LoadedAccelerator out;
  apply_params(
      accelerator_params(), flat, "", SourceLocation{file_, 0, 0},
      [](const ParamInfo&) { return true; }, out.spec, out.where);
  cross_check(out.spec, out.where, file_);
  return out;
}

LoadedAccelerator load_accelerator(const std::string& file,
                                   const std::vector<Override>& overrides) {
  return AcceleratorFile(file).load(overrides);
}

AcceleratorSpec default_accelerator() {
  AcceleratorSpec s;
  for (const auto& p : accelerator_params()) p.set(s, p.info.default_text);
  return s;
}

}  // namespace circa
