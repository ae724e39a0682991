#include "cli/run_output.hpp"

#include <iostream>

#include "eval/cost_report.hpp"
#include "eval/run_spec.hpp"
#include "spec/config_loader.hpp"

namespace circa::cli {

RunInputs load_run_inputs(const std::string& config, const std::string& workload,
                          const std::vector<std::string>& params) {
  RunInputs in{eval::load_run_spec(config, parse_overrides(params), std::cerr),
               load_workload(workload)};
  check_workload_fits(in.workload, in.spec);
  return in;
}

void report_run(const AcceleratorSpec& spec, const Workload& w, const arch::RunReport& run,
                const std::string& out, bool json, const nlohmann::json& extra) {
  const eval::CostReport cost = eval::cost_report(spec, w, run);
  nlohmann::json more = extra;
  more["cost"] = eval::to_json(cost);
  if (!out.empty()) arch::write_stats(out, run, more);
  if (json) {
    nlohmann::json j = arch::to_json(run);
    for (const auto& [key, value] : more.items()) j[key] = value;
    std::cout << j.dump(2) << "\n";
    return;
  }
  arch::print_summary(std::cout, run);
  std::cout << "\n";
  eval::print_cost(std::cout, cost);
}

}  // namespace circa::cli
