#include "eval/evaluate.hpp"

#include "analytical/estimate.hpp"
#include "eval/cost_report.hpp"
#include "eval/metrics.hpp"
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

const char* to_string(Fidelity f) {
  return name_in(kFidelityNames, f);
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
  MetricInputs in;
  in.cycles = run.cycles;
  in.cost = &c;
  in.sqnr_db = network_sqnr_db(spec, workload, seed);
  for (const auto& l : run.layers) in.weights_on_chip = in.weights_on_chip && l.weights_on_chip;
  PointMetrics m;
  m.values = metric_values(in);
  add_breakdowns(c, m);
  return m;
}

}  // namespace circa::eval
