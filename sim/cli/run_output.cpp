#include "cli/run_output.hpp"

#include <iostream>

#include "eval/cost_report.hpp"
#include "spec/config_loader.hpp"

namespace circa::cli {

RunInputs load_run_inputs(const std::string& config, const std::string& workload,
                          const std::vector<std::string>& params) {
  RunInputs in{load_accelerator(config, parse_overrides(params)).spec, load_workload(workload)};
  check_workload_fits(in.workload, in.spec);
  return in;
}

void report_run(const AcceleratorSpec& spec, const Workload& w, const arch::RunReport& run,
                const std::string& out) {
  arch::print_summary(std::cout, run);
  const eval::CostReport cost = eval::cost_report(spec, w, run);
  std::cout << "\n";
  eval::print_cost(std::cout, cost);
  if (!out.empty()) arch::write_stats(out, run, {{"cost", eval::to_json(cost)}});
}

}  // namespace circa::cli
