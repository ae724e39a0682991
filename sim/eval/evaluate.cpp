#include "eval/evaluate.hpp"

#include "analytical/estimate.hpp"
#include "eval/cost_report.hpp"
#include "eval/sqnr.hpp"
#include "numerics/layer.hpp"
#include "spec/config_loader.hpp"
#include "sysc/simulate.hpp"

namespace circa::eval {
namespace {

/// The cycle count of a SystemC run in a child process (SystemC elaborates once per process).
/// Event counts equal the analytical model's (the agreement test holds them equal), so only
/// the cycles and the bit-exactness verdict come from the simulation.
int64_t simulated_cycles(const AcceleratorSpec& s, const Workload& w, uint64_t seed) {
  sysc::SimOptions o;
  o.seed = seed;
  const nlohmann::json j = sysc::simulate_in_child(s, w, o);
  if (!j.at("bit_exact").get<bool>())
    throw InternalError("SystemC outputs differ from the golden model: " +
                        j.at("mismatch").get<std::string>());
  return j.at("report").at("cycles").get<int64_t>();
}

void add_breakdowns(const CostReport& c, PointMetrics& m) {
  for (const auto& f : c.area_mm2) m.breakdowns["area_um2"][f.name] = f.value * 1e6;
  for (const auto& f : c.energy_uj) m.breakdowns["energy_pj"][f.name] = f.value * 1e6;
}

}  // namespace

const std::vector<std::string>& metric_names() {
  static const std::vector<std::string> names = {"cycles",
                                                 "latency_us",
                                                 "energy_per_inference_uj",
                                                 "area_mm2",
                                                 "power_mw",
                                                 "throughput_inferences_per_s",
                                                 "effective_gops",
                                                 "actual_gops",
                                                 "effective_tops_per_w",
                                                 "actual_tops_per_w",
                                                 "effective_gops_per_mm2",
                                                 "actual_gops_per_mm2",
                                                 "sqnr_db",
                                                 "weights_on_chip"};
  return names;
}

const char* to_string(Fidelity f) {
  switch (f) {
    case Fidelity::analytical:
      return "analytical";
    case Fidelity::cycle_accurate:
      return "cycle_accurate";
    case Fidelity::cosim:
      return "cosim";
  }
  return "?";
}

PointMetrics evaluate(const AcceleratorSpec& spec, const Workload& workload, Fidelity fidelity,
                      uint64_t seed) {
  check_workload_fits(workload, spec);
  for (const Layer& l : workload.layers) num::check_layer_numerics(spec, l);
  if (fidelity == Fidelity::cosim)
    throw ConfigError(
        "fidelity 'cosim' needs the generated top-level RTL, which this version does "
        "not emit yet; use analytical or cycle_accurate");
  ana::RunReport run = ana::estimate(spec, workload);
  if (fidelity == Fidelity::cycle_accurate) run.cycles = simulated_cycles(spec, workload, seed);
  const CostReport c = cost_report(spec, workload, run);
  PointMetrics m;
  bool on_chip = true;
  for (const auto& l : run.layers) on_chip = on_chip && l.weights_on_chip;
  m.values = {{"cycles", double(run.cycles)},
              {"latency_us", c.latency_us},
              {"energy_per_inference_uj", c.energy_per_inference_uj},
              {"area_mm2", c.total_area_mm2},
              {"power_mw", c.power_mw},
              {"throughput_inferences_per_s", c.inferences_per_s},
              {"effective_gops", c.effective_gops},
              {"actual_gops", c.actual_gops},
              {"effective_tops_per_w", c.effective_tops_per_w},
              {"actual_tops_per_w", c.actual_tops_per_w},
              {"effective_gops_per_mm2", c.effective_gops_per_mm2},
              {"actual_gops_per_mm2", c.actual_gops_per_mm2},
              {"sqnr_db", network_sqnr_db(spec, workload, seed)},
              {"weights_on_chip", on_chip ? 1.0 : 0.0}};
  CIRCA_CHECK(m.values.size() == metric_names().size(), "metric_names() is out of date");
  for (const auto& name : metric_names())
    CIRCA_CHECK(m.values.count(name) == 1, "metric_names() lists " + name + ", not reported");
  add_breakdowns(c, m);
  return m;
}

}  // namespace circa::eval
