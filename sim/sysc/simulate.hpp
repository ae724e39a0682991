// Runs a workload on the SystemC model and checks it against the golden numerics. SystemC
// elaborates once per process: call simulate() at most once per process (simulate_in_child()
// forks for callers that need more, such as tests and sweeps).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "arch/report.hpp"
#include "sysc/workload_data.hpp"

namespace circa::sysc {

struct SimOptions {
  uint64_t seed = 1;
  double stall_prob = 0;  ///< random back-pressure per channel and cycle, in [0, 1)
  std::string vcd_file;   ///< without the .vcd suffix; empty = no waveform
};

struct SimOutcome {
  arch::RunReport report;
  bool bit_exact = false;
  std::string mismatch;          ///< the first difference from the golden model, if any
  std::vector<int64_t> outputs;  ///< the last checked layer's output codes
  std::vector<std::vector<int64_t>> layer_outputs;  ///< every checked layer's, in order
  double sim_seconds = 0;        ///< wall-clock time of the SystemC run itself
};

/// Simulates one inference. ConfigError for invalid inputs (the workload must fit the spec).
SimOutcome simulate(const AcceleratorSpec& s, const Workload& w, const WorkloadData& d,
                    const SimOptions& o);

/// simulate() in a forked child process; the outcome comes back as JSON:
/// {"report": to_json(report), "bit_exact", "mismatch", "output_checksum",
/// "sim_seconds"}. Throws what the
/// child threw (ConfigError stays ConfigError), InternalError if the child died.
nlohmann::json simulate_in_child(const AcceleratorSpec& s, const Workload& w, const SimOptions& o);

}  // namespace circa::sysc
