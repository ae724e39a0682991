#include "sweep/evaluator.hpp"

namespace circa::sweep {

nlohmann::json metrics_to_json(const eval::PointMetrics& m) {
  nlohmann::json j;
  j["values"] = nlohmann::json::object();
  for (const auto& [name, v] : m.values) j["values"][name] = v;
  j["breakdowns"] = nlohmann::json::object();
  for (const auto& [name, parts] : m.breakdowns)
    for (const auto& [unit, v] : parts) j["breakdowns"][name][unit] = v;
  return j;
}

eval::PointMetrics metrics_from_json(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("values") || !j["values"].is_object())
    throw std::runtime_error("metrics document has no 'values' object");
  eval::PointMetrics m;
  for (const auto& [name, v] : j["values"].items()) m.values[name] = v.get<double>();
  if (j.contains("breakdowns"))
    for (const auto& [name, parts] : j["breakdowns"].items())
      for (const auto& [unit, v] : parts.items()) m.breakdowns[name][unit] = v.get<double>();
  return m;
}

}  // namespace circa::sweep
