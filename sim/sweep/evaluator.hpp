// How a sweep evaluates a point: an injectable function with eval::evaluate's signature, so the
// production tool passes eval::evaluate and tests pass a deterministic stand-in. Metrics travel
// as JSON between worker processes and into the results store.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>

#include "eval/evaluate.hpp"

namespace circa::sweep {

using Evaluator = std::function<eval::PointMetrics(const AcceleratorSpec&, const Workload&,
                                                   eval::Fidelity, uint64_t seed)>;

/// {"values": {...}, "breakdowns": {name: {unit: value}}}
nlohmann::json metrics_to_json(const eval::PointMetrics& m);
/// The inverse of metrics_to_json; throws std::runtime_error on a malformed document.
eval::PointMetrics metrics_from_json(const nlohmann::json& j);

/// Thrown when a point's evaluation was abandoned because the sweep is stopping (Ctrl-C).
/// The point is not recorded, so a later run evaluates it.
struct Interrupted : std::runtime_error {
  Interrupted() : std::runtime_error("interrupted") {}
};

}  // namespace circa::sweep
