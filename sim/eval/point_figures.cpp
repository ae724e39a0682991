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

/// `from`: where the pointer search starts (the rows of a cost report come in registry order, so
/// the unit after the previous row's is the likely one); it wraps round to cover every unit.
int unit_index(std::string_view name, int from = 0) {
  const auto& names = unit_names();
  for (int n = 0, i = from; n < arch::kUnitCount; ++n, i = i + 1 == arch::kUnitCount ? 0 : i + 1)
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

const char* energy_kind_breakdown(EnergyKind k) {
  static const std::array<const char*, kEnergyKinds> names = {
      "energy_dynamic_pj", "energy_clock_pj", "energy_wires_pj", "energy_leakage_pj"};
  return names[static_cast<std::size_t>(k)];
}

void breakdowns(const CostReport& c, PointFigures& out) {
  out.has_area.fill(false);
  out.has_energy.fill(false);
  for (auto& h : out.has_kind) h.fill(false);
  int next = 0;  // the unit after the previous row's
  for (const Figure& f : c.area_mm2) {
    const int u = unit_index(f.name, next);
    next = (u + 1) % arch::kUnitCount;
    out.area_um2[u] = f.value * 1e6;
    out.has_area[u] = true;
  }
  const auto add = [&](EnergyKind kind, const Figure& f, double pj) {
    const int u = unit_index(f.name, next);
    next = (u + 1) % arch::kUnitCount;
    const auto k = static_cast<std::size_t>(kind);
    out.energy_kind_pj[k][u] = out.has_kind[k][u] ? out.energy_kind_pj[k][u] + pj : pj;
    out.has_kind[k][u] = true;
    if (kind == EnergyKind::leakage) return;  // energy_pj: the rows that scale with activity
    out.energy_pj[u] = out.has_energy[u] ? out.energy_pj[u] + pj : pj;
    out.has_energy[u] = true;
  };
  for (const Figure& f : c.energy_uj) add(EnergyKind::dynamic, f, f.value * 1e6);
  for (const Figure& f : c.clock_uj) add(EnergyKind::clock, f, f.value * 1e6);
  for (const Figure& f : c.wires_uj) add(EnergyKind::wires, f, f.value * 1e6);
  // mW x us = nJ: 1e3 pJ.
  for (const Figure& f : c.leakage_mw) add(EnergyKind::leakage, f, f.value * c.latency_us * 1e3);
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
  for (std::size_t k = 0; k < kEnergyKinds; ++k) {
    std::map<std::string, double>* kind = nullptr;
    for (std::size_t u : unit_order) {
      if (!f.has_kind[k][u]) continue;
      if (!kind) kind = &m.breakdowns[energy_kind_breakdown(static_cast<EnergyKind>(k))];
      kind->emplace_hint(kind->end(), unit_names()[u], f.energy_kind_pj[k][u]);
    }
  }
  return m;
}

}  // namespace circa::eval
