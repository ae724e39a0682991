// One design point evaluated: the figures a sweep stores, ranks and plots. Implemented on top of
// the analytical model (fast), the SystemC model (cycle-accurate) and the cost model.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::eval {

enum class Fidelity { analytical, cycle_accurate, cosim };
const char* to_string(Fidelity f);

/// Named scalar metrics with the unit in the name, e.g. "cycles", "latency_us",
/// "energy_per_inference_uj", "area_mm2", "power_mw", "throughput_inferences_per_s",
/// "effective_tops_per_w", "actual_tops_per_w", "effective_gops_per_mm2", "sqnr_db",
/// "weights_on_chip" (0/1). Breakdowns: per-unit area_um2 and energy_pj per inference.
struct PointMetrics {
  std::map<std::string, double> values;
  std::map<std::string, std::map<std::string, double>> breakdowns;
};

/// The names of PointMetrics::values, declared once (sweeps check objectives against them).
const std::vector<std::string>& metric_names();

/// Evaluates one point. Throws ConfigError when the point is invalid (e.g. the workload does not
/// fit the accelerator); a sweep records that as a failed point and goes on.
PointMetrics evaluate(const AcceleratorSpec& spec, const Workload& workload, Fidelity fidelity,
                      uint64_t seed);

}  // namespace circa::eval
