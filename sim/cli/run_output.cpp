#include "cli/run_output.hpp"

#include <iostream>

#include "eval/cost_report.hpp"

namespace circa::cli {

void report_run(const AcceleratorSpec& spec, const Workload& w, const ana::RunReport& run,
                const std::string& out) {
  ana::print_summary(std::cout, run);
  const eval::CostReport cost = eval::cost_report(spec, w, run);
  std::cout << "\n";
  eval::print_cost(std::cout, cost);
  if (!out.empty()) ana::write_stats(out, run, {{"cost", eval::to_json(cost)}});
}

}  // namespace circa::cli
