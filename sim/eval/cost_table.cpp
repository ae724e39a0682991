// The cost report as a terminal table and as the per-unit breakdown of stats.json: one row per
// unit (area, dynamic, clock, wire and leakage energy, its share of the energy per inference),
// each distinct source printed once as a numbered note under the table.
#include <fmt/format.h>

#include <algorithm>

#include "eval/cost_report.hpp"

namespace circa::eval {
namespace {

struct Row {
  std::string_view unit;
  const Figure* area = nullptr;
  const Figure* energy = nullptr;
  const Figure* clock = nullptr;
  const Figure* wires = nullptr;
  const Figure* leakage = nullptr;
};

// Rows in first-seen order over area, energy, clock, wires, leakage (the lists name partly
// different units: off-chip has energy and wires only, the ifft shares the fft's area).
std::vector<Row> rows_of(const CostReport& c) {
  std::vector<Row> rows;
  auto row = [&rows](std::string_view unit) -> Row& {
    for (Row& r : rows)
      if (r.unit == unit) return r;
    rows.push_back({unit});
    return rows.back();
  };
  for (const Figure& f : c.area_mm2) row(f.name).area = &f;
  for (const Figure& f : c.energy_uj) row(f.name).energy = &f;
  for (const Figure& f : c.clock_uj) row(f.name).clock = &f;
  for (const Figure& f : c.wires_uj) row(f.name).wires = &f;
  for (const Figure& f : c.leakage_mw) row(f.name).leakage = &f;
  return rows;
}

double value(const Figure* f) {
  return f ? f->value : 0;
}

/// A unit's energy per inference: dynamic, clock and wires plus its leakage over the latency.
double row_uj(const Row& r, double latency_us) {
  return value(r.energy) + value(r.clock) + value(r.wires) + value(r.leakage) * latency_us * 1e-3;
}

std::string cell(const Figure* f, double scale = 1) {
  return f ? fmt::format("{:.4g}", f->value * scale) : "-";
}

std::string share(double part, double total) {
  return total > 0 ? fmt::format("{:.1f}", 100 * part / total) : "-";
}

}  // namespace

nlohmann::json breakdown_json(const CostReport& c) {
  nlohmann::json j = nlohmann::json::object();
  for (const Row& r : rows_of(c))
    j[std::string(r.unit)] = {{"dynamic", value(r.energy)},
                              {"clock", value(r.clock)},
                              {"wires", value(r.wires)},
                              {"leakage", value(r.leakage) * c.latency_us * 1e-3},
                              {"total", row_uj(r, c.latency_us)}};
  return j;
}

void print_cost_table(std::ostream& os, const CostReport& c) {
  std::vector<std::string> sources;  // note n is sources[n - 1]
  auto note = [&sources](const Figure* f) -> size_t {
    if (!f) return 0;
    auto it = std::find(sources.begin(), sources.end(), f->source.str());
    if (it == sources.end()) it = sources.insert(sources.end(), f->source.str());
    return static_cast<size_t>(it - sources.begin()) + 1;
  };
  const double leak_us = c.latency_us * 1e-3;  // mW x us = nJ; x 1e-3 = uJ
  os << "energy per inference in uJ: dynamic (datapath), clock, wires, leakage over the latency\n";
  os << fmt::format("{:<19}{:>10}{:>6}{:>11}{:>11}{:>11}{:>11}{:>8}  {}\n", "unit", "area mm2", "%",
                    "dynamic", "clock", "wires", "leakage", "energy%", "source");
  double clock = 0, wires = 0;
  for (const Row& r : rows_of(c)) {
    clock += value(r.clock);
    wires += value(r.wires);
    std::string notes;
    for (const Figure* f : {r.area, r.energy, r.clock, r.wires, r.leakage})
      if (const size_t n = note(f); n && notes.find("[" + std::to_string(n) + "]") == notes.npos)
        notes += "[" + std::to_string(n) + "]";
    os << fmt::format("{:<19}{:>10}{:>6}{:>11}{:>11}{:>11}{:>11}{:>8}  {}\n", r.unit, cell(r.area),
                      r.area ? share(r.area->value, c.total_area_mm2) : "-", cell(r.energy),
                      cell(r.clock), cell(r.wires), cell(r.leakage, leak_us),
                      share(row_uj(r, c.latency_us), c.energy_per_inference_uj), notes);
  }
  os << fmt::format("{:<19}{:>10.4g}{:>6}{:>11.4g}{:>11.4g}{:>11.4g}{:>11.4g}{:>8}\n", "total",
                    c.total_area_mm2, "100.0", c.dynamic_energy_uj - clock - wires, clock, wires,
                    c.leakage_power_mw * leak_us, "100.0");
  for (size_t i = 0; i < sources.size(); ++i) os << fmt::format("  [{}] {}\n", i + 1, sources[i]);
}

}  // namespace circa::eval
