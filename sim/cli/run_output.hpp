// What `circa sim` and `circa estimate` both print and write for a finished run: the cycle and
// event summary, then the cost report (area, power, throughput, TOPS/W) priced from its events.
#pragma once

#include <string>
#include <vector>

#include "arch/report.hpp"
#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::cli {

/// An accelerator (with `-p key=value` overrides) and a workload that fits it.
struct RunInputs {
  AcceleratorSpec spec;
  Workload workload;
};
RunInputs load_run_inputs(const std::string& config, const std::string& workload,
                          const std::vector<std::string>& params);

/// Prints the run and its cost to stdout (with `json`, as the JSON of stats.json and nothing
/// else); with a non-empty `out`, writes out/stats.json holding both (the cost under "cost").
/// `extra`'s top-level keys are added to the JSON.
void report_run(const AcceleratorSpec& spec, const Workload& w, const arch::RunReport& run,
                const std::string& out, bool json,
                const nlohmann::json& extra = nlohmann::json::object());

}  // namespace circa::cli
