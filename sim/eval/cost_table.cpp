// The cost report as a terminal table: one row per unit (area, dynamic energy, leakage and their
// shares of the totals), each distinct source printed once as a numbered note under the table.
#include <fmt/format.h>

#include <algorithm>

#include "eval/cost_report.hpp"

namespace circa::eval {
namespace {

struct Row {
  std::string unit;
  const Figure* area = nullptr;
  const Figure* energy = nullptr;
  const Figure* leakage = nullptr;
};

// Rows in first-seen order over area, energy, leakage (the lists name partly different units:
// "clock" has energy only, leakage is one "logic" figure for all logic).
std::vector<Row> rows_of(const CostReport& c) {
  std::vector<Row> rows;
  auto row = [&rows](const std::string& unit) -> Row& {
    for (Row& r : rows)
      if (r.unit == unit) return r;
    rows.push_back({unit});
    return rows.back();
  };
  for (const Figure& f : c.area_mm2) row(f.name).area = &f;
  for (const Figure& f : c.energy_uj) row(f.name).energy = &f;
  for (const Figure& f : c.leakage_mw) row(f.name).leakage = &f;
  return rows;
}

std::string cell(const Figure* f) {
  return f ? fmt::format("{:.4g}", f->value) : "-";
}

std::string share(double part, double total) {
  return total > 0 ? fmt::format("{:.1f}", 100 * part / total) : "-";
}

}  // namespace

void print_cost_table(std::ostream& os, const CostReport& c) {
  std::vector<std::string> sources;  // note n is sources[n - 1]
  auto note = [&sources](const Figure* f) -> size_t {
    if (!f) return 0;
    auto it = std::find(sources.begin(), sources.end(), f->source);
    if (it == sources.end()) it = sources.insert(sources.end(), f->source);
    return static_cast<size_t>(it - sources.begin()) + 1;
  };
  os << fmt::format("{:<19}{:>11}{:>7}{:>12}{:>12}{:>10}  {}\n", "unit", "area mm2", "%",
                    "dynamic uJ", "leakage mW", "energy %", "source");
  for (const Row& r : rows_of(c)) {
    // A unit's energy per inference: its dynamic energy plus its leakage over the latency.
    const double uj =
        (r.energy ? r.energy->value : 0) + (r.leakage ? r.leakage->value * c.latency_us * 1e-3 : 0);
    std::string notes;
    for (const Figure* f : {r.area, r.energy, r.leakage})
      if (const size_t n = note(f); n && notes.find("[" + std::to_string(n) + "]") == notes.npos)
        notes += "[" + std::to_string(n) + "]";
    os << fmt::format("{:<19}{:>11}{:>7}{:>12}{:>12}{:>10}  {}\n", r.unit, cell(r.area),
                      r.area ? share(r.area->value, c.total_area_mm2) : "-", cell(r.energy),
                      cell(r.leakage), share(uj, c.energy_per_inference_uj), notes);
  }
  os << fmt::format("{:<19}{:>11.4g}{:>7}{:>12.4g}{:>12.4g}{:>10}\n", "total", c.total_area_mm2,
                    "100.0", c.dynamic_energy_uj, c.leakage_power_mw, "100.0");
  for (size_t i = 0; i < sources.size(); ++i) os << fmt::format("  [{}] {}\n", i + 1, sources[i]);
}

}  // namespace circa::eval
