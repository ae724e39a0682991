// A design point's metrics and breakdowns as numbers only, in the order the metric table and the
// unit registry declare: what the analytical hot path of a sweep fills without allocating or
// touching text. PointMetrics (named, for the store, JSON and Python) is made from it.
#pragma once

#include <array>
#include <cstddef>

#include "arch/units.hpp"
#include "eval/cost_report.hpp"
#include "eval/evaluate.hpp"
#include "eval/metrics.hpp"

namespace circa::eval {

/// The entries of metric_table() (checked where the table is built).
inline constexpr std::size_t kMetricCount = 19;

/// The parts a unit's energy per inference splits into: the cost table's columns.
enum class EnergyKind { dynamic, clock, wires, leakage };
inline constexpr std::size_t kEnergyKinds = 4;
/// Their breakdown names: energy_<kind>_pj.
const char* energy_kind_breakdown(EnergyKind k);

struct PointFigures {
  std::array<double, kMetricCount> values{};  ///< metric_table() order
  /// Per arch::UnitId: area and datapath + clock + wire energy per inference, where the cost
  /// report has a figure for the unit (has_area, has_energy).
  std::array<double, arch::kUnitCount> area_um2{}, energy_pj{};
  std::array<bool, arch::kUnitCount> has_area{}, has_energy{};
  /// The same energy split by EnergyKind, with leakage over the latency besides (has_kind).
  std::array<std::array<double, arch::kUnitCount>, kEnergyKinds> energy_kind_pj{};
  std::array<std::array<bool, arch::kUnitCount>, kEnergyKinds> has_kind{};
};

/// Every metric of the table, read off `in` (in.cost must be set), in the table's order.
void metric_values(const MetricInputs& in, PointFigures& out);

/// The breakdowns of `c`: area_um2 from its area rows, energy_pj the sum of its energy, clock
/// and wire rows per unit (in that order), and each of those rows and the leakage over
/// c.latency_us on its own. Every row must name a unit of the registry.
void breakdowns(const CostReport& c, PointFigures& out);

/// The named form: values under the metric table's names, breakdowns["area_um2"],
/// ["energy_pj"] and ["energy_<kind>_pj"] under the units' names.
PointMetrics named(const PointFigures& f);

}  // namespace circa::eval
