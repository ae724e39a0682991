// A sweep point resolved: the base config plus its axis overrides loaded and cross-checked into a
// spec, its canonical text (what a worker process receives) and its content key. A combination
// the loader refuses is kept as a point with its error, to be recorded as failed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sweep/sweep_spec.hpp"

namespace circa::sweep {

/// What every point shares, loaded once per sweep.
struct SweepContext {
  std::optional<AcceleratorFile> base;  ///< the base config, read once
  Workload workload;
  std::string workload_yaml;  ///< dump_yaml(workload): part of every key
  std::string base_yaml;      ///< dump_yaml(base accelerator): keys invalid points
  std::string accuracy;       ///< AccuracySpec::key_text() when the sweep measures accuracy
};
SweepContext load_context(const SweepSpec& s);

struct Point {
  std::vector<Override> inputs;         ///< the axis values
  std::string key;                      ///< sha256 of the canonical text
  std::string config;                   ///< canonical accelerator YAML; empty when invalid
  std::optional<AcceleratorSpec> spec;  ///< absent when invalid
  std::string error;                    ///< the loader's one-line message when invalid
};

/// Loads one point; never throws ConfigError (an invalid point carries its message).
Point resolve_point(const SweepSpec& s, const SweepContext& ctx, std::vector<Override> inputs);

/// The content key: sha256 over the canonical accelerator text, the workload text, the seed and
/// how accuracy is measured (`accuracy`, empty when it is not: the keys of sweeps without an
/// accuracy section stay as they were). The tool version and fidelity are stored beside it (a
/// point is done per version and fidelity).
std::string point_key(const std::string& accelerator_yaml, const std::string& workload_yaml,
                      uint64_t seed, const std::string& accuracy = "");

}  // namespace circa::sweep
