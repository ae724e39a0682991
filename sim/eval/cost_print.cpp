// The cost report as JSON and as text, every figure with its unit and source.
#include <fmt/format.h>

#include "eval/cost_report.hpp"
#include "eval/metrics.hpp"

namespace circa::eval {
namespace {

nlohmann::json figures(const Figures& v) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& f : v) j[std::string(f.name)] = {{"value", f.value}, {"source", f.source.str()}};
  return j;
}

}  // namespace

nlohmann::json to_json(const CostReport& c) {
  nlohmann::json j = {{"area_mm2", figures(c.area_mm2)},
                      {"dynamic_energy_uj_per_inference", figures(c.energy_uj)},
                      {"clock_energy_uj_per_inference", figures(c.clock_uj)},
                      {"wire_energy_uj_per_inference", figures(c.wires_uj)},
                      {"wire_length_mm", c.wire_length_mm},
                      {"breakdown_uj_per_inference", breakdown_json(c)},
                      {"leakage_mw", figures(c.leakage_mw)},
                      {"dynamic_energy_uj", c.dynamic_energy_uj},
                      {"leakage_power_mw", c.leakage_power_mw},
                      {"effective_ops_per_inference", c.effective_ops},
                      {"actual_ops_per_inference", c.actual_ops},
                      {"timing", to_json(c.timing)},
                      {"notes", c.notes}};
  // The totals a sweep also stores as metrics, under the keys the metric table gives them.
  MetricInputs in;
  in.cost = &c;
  for (const MetricDef& m : metric_table())
    if (m.cost_key) j[m.cost_key] = m.getter(in);
  return j;
}

void print_cost(std::ostream& os, const CostReport& c) {
  print_cost_table(os, c);
  os << fmt::format(
      "total: {:.4g} mm2, {:.4g} uJ/inference ({:.4g} uJ dynamic, clock and wires + {:.4g} mW "
      "leakage over {:.4g} us), {:.4g} mW\n",
      c.total_area_mm2, c.energy_per_inference_uj, c.dynamic_energy_uj, c.leakage_power_mw,
      c.latency_us, c.power_mw);
  os << fmt::format("throughput: {:.4g} inferences/s; {:.4g} effective GOPS, {:.4g} actual GOPS\n",
                    c.inferences_per_s, c.effective_gops, c.actual_gops);
  os << fmt::format(
      "efficiency: {:.4g} effective TOPS/W, {:.4g} actual TOPS/W; {:.4g} effective "
      "GOPS/mm2, {:.4g} actual GOPS/mm2\n",
      c.effective_tops_per_w, c.actual_tops_per_w, c.effective_gops_per_mm2, c.actual_gops_per_mm2);
  os << fmt::format("timing: memories and logic {} at {:.4g} MHz; highest clock {:.4g} MHz ({})\n",
                    c.timing.feasible() ? "run" : "do NOT run", 1000 / c.timing.period_ns,
                    c.timing.max_clock_mhz, c.timing.limited_by());
  for (const auto& n : c.notes) os << "note: " << n << "\n";
}

}  // namespace circa::eval
