// The only way into a spec: YAML files (with `base:` presets) plus `-p key.path=value`
// overrides, validated (unknown keys, types, ranges) and cross-checked. Errors are ConfigError
// with file:line:col, the YAML path, the bad value and what is allowed.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "spec/accelerator_spec.hpp"
#include "spec/param_apply.hpp"
#include "spec/workload.hpp"

namespace circa {

struct FlatValue;  // spec/yaml_flat.hpp

enum class DocumentKind { accelerator, workload, sweep };
const char* to_string(DocumentKind k);

/// One `-p key.path=value` from the command line.
struct Override {
  std::string path;
  std::string value;
};
Override parse_override(const std::string& arg);
std::vector<Override> parse_overrides(const std::vector<std::string>& args);

/// The `kind:` of a YAML document (accelerator, workload or sweep).
DocumentKind document_kind(const std::string& file);

struct LoadedAccelerator {
  AcceleratorSpec spec;
  Provenance where;  ///< file:line:col of every value given (absent = default)
};

/// Loads an accelerator file: its `base:` chain first, then the file, then the overrides.
LoadedAccelerator load_accelerator(const std::string& file,
                                   const std::vector<Override>& overrides = {});

/// An accelerator file with its `base:` chain read once (ConfigError as load_accelerator), to
/// load with many sets of overrides: a sweep's points parse no YAML.
class AcceleratorFile {
 public:
  explicit AcceleratorFile(std::string file);
  /// load_accelerator(file, overrides), from the text read at construction.
  LoadedAccelerator load(const std::vector<Override>& overrides = {}) const;
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::shared_ptr<const std::map<std::string, FlatValue>> flat_;  // the chain's values, flattened
};

/// The accelerator with every parameter at its declared default (for tests and tools).
AcceleratorSpec default_accelerator();

/// Loads and checks a workload file on its own (layer shapes chain, names unique).
Workload load_workload(const std::string& file);

/// Cross-checks a workload against the accelerator that will run it (block sizes).
void check_workload_fits(const Workload& w, const AcceleratorSpec& a);

/// Throws ConfigError when the accelerator's values contradict each other.
void cross_check(const AcceleratorSpec& s, const Provenance& where, const std::string& file);

/// The effective configuration as YAML, every default filled in.
std::string dump_yaml(const AcceleratorSpec& s);
std::string dump_yaml(const Workload& w);

}  // namespace circa
