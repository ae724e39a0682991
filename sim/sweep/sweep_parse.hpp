// Internal to the sweep loader: the pieces of a sweep file parsed by their own files, and the
// small YAML helpers they share. Errors are ConfigError at the offending node's file:line:col.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "sweep/sweep_spec.hpp"

namespace circa::sweep::detail {

/// The node's location, or the file itself when the node has none.
SourceLocation where(const YAML::Node& node, const std::string& file);

/// The text of a scalar node; anything else is an error naming `path`.
std::string scalar(const YAML::Node& node, const std::string& file, const std::string& path);

/// A finite number; anything else is an error naming `path`.
double number(const YAML::Node& node, const std::string& file, const std::string& path);

/// Refuses keys of `map` that are not in `allowed` (with a did-you-mean) and duplicate keys.
void check_keys(const YAML::Node& map, const std::string& file, const std::string& path,
                const std::vector<std::string>& allowed);

std::vector<Axis> parse_axes(const YAML::Node& axes, const std::string& file);
std::vector<Constraint> parse_constraints(const YAML::Node& node, const std::string& file);
std::vector<Objective> parse_objectives(const YAML::Node& node, const std::string& file);

AccuracySpec parse_accuracy(const YAML::Node& node, const std::string& file);
/// Refuses accuracy metrics in objectives or constraints when the sweep has no accuracy section.
void check_accuracy_metrics(const SweepSpec& s, const YAML::Node& root);

/// Refuses constraints no point can meet together (max below min on the same metric).
void check_contradictions(const std::vector<Constraint>& constraints);

}  // namespace circa::sweep::detail
