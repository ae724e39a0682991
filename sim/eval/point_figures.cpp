#include "eval/point_figures.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

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
  // Indices of the metric table and of the units in name order: each map is filled at its end
  // (a hint, no search).
  static const auto by_name = [](auto names) {
    std::vector<std::size_t> order(names.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return std::string_view(names[a]) < std::string_view(names[b]);
    });
    return order;
  };
  static const std::vector<std::size_t> metric_order = by_name(metric_names());
  static const std::vector<std::size_t> unit_order = by_name(unit_names());
  PointMetrics m;
  const std::vector<std::string>& names = metric_names();
  for (std::size_t i : metric_order) m.values.emplace_hint(m.values.end(), names[i], f.values[i]);
  std::map<std::string, double>* area = nullptr;
  std::map<std::string, double>* energy = nullptr;
  for (std::size_t u : unit_order) {
    const char* name = unit_names()[u];
    if (f.has_area[u]) {
      if (!area) area = &m.breakdowns["area_um2"];
      area->emplace_hint(area->end(), name, f.area_um2[u]);
    }
    if (f.has_energy[u]) {
      if (!energy) energy = &m.breakdowns["energy_pj"];
      energy->emplace_hint(energy->end(), name, f.energy_pj[u]);
    }
  }
  return m;
}

}  // namespace circa::eval
