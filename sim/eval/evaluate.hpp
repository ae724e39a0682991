// One design point evaluated: the figures a sweep stores, ranks and plots. Implemented on top of
// the analytical model (fast), the SystemC model (cycle-accurate), the co-simulation of the
// generated RTL beside the SystemC top (cosim: the RTL's cycles) and the cost model.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/enum_names.hpp"
#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::eval {

enum class Fidelity { analytical, cycle_accurate, cosim };
/// Fidelity names as written in sweep files and stored in results, declared once.
inline constexpr std::array<EnumName<Fidelity>, 3> kFidelityNames = {{
    {Fidelity::analytical, "analytical"},
    {Fidelity::cycle_accurate, "cycle_accurate"},
    {Fidelity::cosim, "cosim"},
}};
const char* to_string(Fidelity f);

/// Named scalar metrics, one per entry of metric_table() (eval/metrics.hpp). Breakdowns: per-unit
/// area_um2 and energy_pj per inference.
struct PointMetrics {
  std::map<std::string, double> values;
  std::map<std::string, std::map<std::string, double>> breakdowns;
};

/// Evaluates one point. Throws ConfigError when the point is invalid (e.g. the workload does not
/// fit the accelerator, or cosim on a layer the generated top cannot run), ToolError when
/// Verilator or the compiler fails (cosim), InternalError when a simulation disagrees with the
/// golden model or the RTL with the SystemC top; a sweep records each as a failed point with its
/// message and goes on. cosim builds the Verilated top into the cache of cosim::cache_root
/// ($CIRCA_COSIM_CACHE, else ~/.cache/circa/cosim) once per design.
PointMetrics evaluate(const AcceleratorSpec& spec, const Workload& workload, Fidelity fidelity,
                      uint64_t seed);

}  // namespace circa::eval
