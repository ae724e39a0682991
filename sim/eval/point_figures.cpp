#include "eval/point_figures.hpp"

#include <string_view>

#include "common/error.hpp"

namespace circa::eval {
namespace {

/// The unit a cost row names. Rows carry the registry's own name text, so comparing pointers
/// finds it; the text comparison after it covers a row named from other storage.
const std::array<const char*, arch::kUnitCount>& unit_names() {
  static const std::array<const char*, arch::kUnitCount> names = [] {
    std::array<const char*, arch::kUnitCount> n{};
    for (int i = 0; i < arch::kUnitCount; ++i) n[i] = arch::to_string(static_cast<arch::UnitId>(i));
    return n;
  }();
  return names;
}

int unit_index(std::string_view name) {
  const auto& names = unit_names();
  for (int i = 0; i < arch::kUnitCount; ++i)
    if (name.data() == names[i]) return i;
  for (int i = 0; i < arch::kUnitCount; ++i)
    if (name == names[i]) return i;
  throw InternalError("cost row '" + std::string(name) + "' names no unit of the registry");
}

}  // namespace

void metric_values(const MetricInputs& in, PointFigures& out) {
  const std::vector<MetricDef>& table = metric_table();
  CIRCA_CHECK(table.size() == kMetricCount, "kMetricCount differs from the metric table");
  for (std::size_t i = 0; i < kMetricCount; ++i) out.values[i] = table[i].getter(in);
}

void breakdowns(const CostReport& c, PointFigures& out) {
  out.has_area.fill(false);
  out.has_energy.fill(false);
  for (const Figure& f : c.area_mm2) {
    const int u = unit_index(f.name);
    out.area_um2[u] = f.value * 1e6;
    out.has_area[u] = true;
  }
  for (const auto* v : {&c.energy_uj, &c.clock_uj, &c.wires_uj})
    for (const Figure& f : *v) {
      const int u = unit_index(f.name);
      if (!out.has_energy[u]) out.energy_pj[u] = 0;
      out.energy_pj[u] += f.value * 1e6;
      out.has_energy[u] = true;
    }
}

PointMetrics named(const PointFigures& f) {
  PointMetrics m;
  const std::vector<MetricDef>& table = metric_table();
  for (std::size_t i = 0; i < kMetricCount; ++i) m.values[table[i].name] = f.values[i];
  for (int u = 0; u < arch::kUnitCount; ++u) {
    const char* name = unit_names()[u];
    if (f.has_area[u]) m.breakdowns["area_um2"][name] = f.area_um2[u];
    if (f.has_energy[u]) m.breakdowns["energy_pj"][name] = f.energy_pj[u];
  }
  return m;
}

}  // namespace circa::eval
