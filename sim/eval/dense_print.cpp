// The dense baseline as JSON (stats.json "baseline") and as text under the CirCNN cost table.
#include <fmt/format.h>

#include "eval/dense_baseline.hpp"

namespace circa::eval {

nlohmann::json to_json(const DenseBaseline& d, const CostReport& circnn) {
  nlohmann::json layers = nlohmann::json::array();
  for (const DenseLayer& l : d.layers)
    layers.push_back({{"name", l.name},
                      {"weights", l.weights},
                      {"macs", l.macs},
                      {"passes", l.passes},
                      {"weights_on_chip", l.weights_on_chip},
                      {"weight_sram_words", l.sram_words},
                      {"offchip_bytes", l.offchip_bytes},
                      {"input_reads", l.input_reads},
                      {"compute_cycles", l.compute_cycles},
                      {"weight_sram_cycles", l.sram_cycles},
                      {"offchip_cycles", l.offchip_cycles},
                      {"cycles", l.cycles},
                      {"bound", l.bound}});
  const BaselineRatios r = ratios(d, circnn);
  return {{"kind", "dense"},
          {"pes", d.pes},
          {"pe_area_um2", d.pe_area_um2},
          {"pe_budget_mm2", d.pe_budget_mm2},
          {"cycles", d.cycles},
          {"weight_bits", d.weight_bits},
          {"circnn_weight_bits", d.circnn_weight_bits},
          {"layers", layers},
          {"cost", to_json(d.cost)},
          {"ratios",
           {{"energy_per_inference_dense_over_circnn", r.energy},
            {"throughput_circnn_over_dense", r.throughput},
            {"weight_memory_dense_over_circnn", r.weight_memory},
            {"area_dense_over_circnn", r.area}}}};
}

void print_dense_baseline(std::ostream& os, const DenseBaseline& d, const CostReport& circnn) {
  os << fmt::format(
      "dense baseline: weight-stationary array of {} PEs ({:.4g} um2 each, in {:.4g} mm2), "
      "{} cycles\n",
      d.pes, d.pe_area_um2, d.pe_budget_mm2, d.cycles);
  os << fmt::format("{:<16}{:>12}{:>14}{:>8}{:>9}{:>12}{:>12}  {}\n", "layer", "weights", "MACs",
                    "passes", "on chip", "cycles", "offchip B", "bound");
  for (const DenseLayer& l : d.layers)
    os << fmt::format("{:<16}{:>12}{:>14}{:>8}{:>9}{:>12}{:>12}  {}\n", l.name, l.weights, l.macs,
                      l.passes, l.weights_on_chip ? "yes" : "no", l.cycles, l.offchip_bytes,
                      l.bound);
  print_cost_table(os, d.cost);
  const CostReport& c = d.cost;
  os << fmt::format(
      "dense total: {:.4g} mm2, {:.4g} uJ/inference, {:.4g} inferences/s, {:.4g} TOPS/W\n",
      c.total_area_mm2, c.energy_per_inference_uj, c.inferences_per_s, c.effective_tops_per_w);
  const BaselineRatios r = ratios(d, circnn);
  os << fmt::format(
      "ratios (CirCNN better above 1): energy per inference {:.3g}x (dense / CirCNN), "
      "throughput {:.3g}x (CirCNN / dense), weight memory {:.3g}x (dense / CirCNN: {:.4g} / "
      "{:.4g} Mbit), area {:.3g}x (dense / CirCNN)\n",
      r.energy, r.throughput, r.weight_memory, d.weight_bits * 1e-6, d.circnn_weight_bits * 1e-6,
      r.area);
  for (const auto& n : c.notes) os << "note: " << n << "\n";
}

}  // namespace circa::eval
