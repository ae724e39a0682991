#include "eval/metrics.hpp"

#include "common/error.hpp"

namespace circa::eval {
namespace {

constexpr const char* kRun = "run: analytical model or SystemC simulation (the fidelity's)";
constexpr const char* kCost = "cost report (eval/cost_report)";
constexpr const char* kDense =
    "dense baseline of the same area under the same cost model (eval/dense_baseline, README)";

const CostReport& cost(const MetricInputs& in) {
  CIRCA_CHECK(in.cost != nullptr, "metric read without a cost report");
  return *in.cost;
}

}  // namespace

const std::vector<MetricDef>& metric_table() {
  static const std::vector<MetricDef> table = {
      {"cycles", "cycles", kRun, [](const MetricInputs& in) { return double(in.cycles); }, nullptr,
       0},
      {"latency_us", "us", kCost, [](const MetricInputs& in) { return cost(in).latency_us; },
       "latency_us", 0},
      {"energy_per_inference_uj", "uJ", kCost,
       [](const MetricInputs& in) { return cost(in).energy_per_inference_uj; },
       "energy_per_inference_uj", 2},
      {"area_mm2", "mm2", kCost, [](const MetricInputs& in) { return cost(in).total_area_mm2; },
       "total_area_mm2", 1},
      {"power_mw", "mW", kCost, [](const MetricInputs& in) { return cost(in).power_mw; },
       "power_mw", 0},
      {"throughput_inferences_per_s", "1/s", kCost,
       [](const MetricInputs& in) { return cost(in).inferences_per_s; }, "inferences_per_s", 3},
      {"effective_gops", "GOPS", kCost,
       [](const MetricInputs& in) { return cost(in).effective_gops; }, "effective_gops", 0},
      {"actual_gops", "GOPS", kCost, [](const MetricInputs& in) { return cost(in).actual_gops; },
       "actual_gops", 0},
      {"effective_tops_per_w", "TOPS/W", kCost,
       [](const MetricInputs& in) { return cost(in).effective_tops_per_w; }, "effective_tops_per_w",
       0},
      {"actual_tops_per_w", "TOPS/W", kCost,
       [](const MetricInputs& in) { return cost(in).actual_tops_per_w; }, "actual_tops_per_w", 0},
      {"effective_gops_per_mm2", "GOPS/mm2", kCost,
       [](const MetricInputs& in) { return cost(in).effective_gops_per_mm2; },
       "effective_gops_per_mm2", 0},
      {"actual_gops_per_mm2", "GOPS/mm2", kCost,
       [](const MetricInputs& in) { return cost(in).actual_gops_per_mm2; }, "actual_gops_per_mm2",
       0},
      {"sqnr_db", "dB", "numerics: fixed-point outputs against the double reference",
       [](const MetricInputs& in) { return in.sqnr_db; }, nullptr, 0},
      {"weights_on_chip", "0/1", "analytical schedule: every layer's weights resident",
       [](const MetricInputs& in) { return in.weights_on_chip ? 1.0 : 0.0; }, nullptr, 0},
      {"max_clock_mhz", "MHz",
       "SRAM model and logic paths: the highest clock every memory reads in its cycles at "
       "(weight_sram.read_latency, else one) and every logic path fits",
       [](const MetricInputs& in) { return cost(in).timing.max_clock_mhz; }, nullptr, 0},
      {"timing_feasible", "0/1", "SRAM model and logic paths: every unit runs at clock_mhz",
       [](const MetricInputs& in) { return cost(in).timing.feasible() ? 1.0 : 0.0; }, nullptr, 0},
      {"dense_energy_ratio", "1", kDense,
       [](const MetricInputs& in) { return in.dense_energy_ratio; }, nullptr, 0},
      {"dense_throughput_ratio", "1", kDense,
       [](const MetricInputs& in) { return in.dense_throughput_ratio; }, nullptr, 0},
      {"dense_weight_memory_ratio", "1", kDense,
       [](const MetricInputs& in) { return in.dense_weight_memory_ratio; }, nullptr, 0},
  };
  return table;
}

const MetricDef* find_metric(const std::string& name) {
  for (const MetricDef& m : metric_table())
    if (name == m.name) return &m;
  return nullptr;
}

const std::vector<std::string>& metric_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const MetricDef& m : metric_table()) v.push_back(m.name);
    return v;
  }();
  return names;
}

std::map<std::string, double> metric_values(const MetricInputs& in) {
  std::map<std::string, double> values;
  for (const MetricDef& m : metric_table()) values[m.name] = m.getter(in);
  return values;
}

}  // namespace circa::eval
