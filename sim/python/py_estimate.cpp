// circa.estimate: what `circa estimate` writes to stats.json (the run and its cost report), plus
// every metric of the metric table and the per-unit breakdowns a sweep stores for the point.
#include <pybind11/stl.h>

#include "analytical/estimate.hpp"
#include "eval/cost_report.hpp"
#include "eval/evaluate.hpp"
#include "eval/timing.hpp"
#include "python/module.hpp"
#include "spec/config_loader.hpp"

namespace py = pybind11;

namespace circa::py_api {
namespace {

/// JSON text; the Python side parses it, so the dict has exactly stats.json's shape.
std::string estimate_json(const Config& c, const std::string& workload_path, uint64_t seed) {
  const Workload w = load_workload(workload_path);
  // the spec `circa estimate` runs (derated, the weight SRAM's read latency derived)
  const eval::TimedSpec t = eval::apply_timing_policy(c.spec);  // its note is in the cost's
  check_workload_fits(w, t.spec);
  const arch::RunReport run = ana::estimate(t.spec, w);
  nlohmann::json j = arch::to_json(run);
  j["cost"] = eval::to_json(eval::cost_report(t.spec, w, run));
  const eval::PointMetrics pm = eval::evaluate(c.spec, w, eval::Fidelity::analytical, seed);
  j["metrics"] = pm.values;
  j["breakdowns"] = pm.breakdowns;
  return j.dump();
}

}  // namespace

void register_estimate(py::module_& m) {
  m.def("estimate_json", &estimate_json, py::arg("config"), py::arg("workload"), py::arg("seed"),
        "circa estimate's stats.json plus metrics and breakdowns, as JSON text");
}

}  // namespace circa::py_api
