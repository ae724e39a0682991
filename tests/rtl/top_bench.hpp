// End-to-end bench of the generated top on one fc layer: seeded random weights and inputs, the
// golden outputs from num::run_layer_fixed, the expected cycle count from the SCHEDULE.md
// formulas evaluated on arch's timings (nothing kept by hand). The Verilog bench loads weights
// (port or $readmemh images; or answers the top's weight-stream requests with a responder of
// fixed latency) and bias, streams the input with random gaps, starts the product twice (the
// second run proves the controller returns to a clean idle), drains the output with random
// back-pressure, and compares every output code and both cycle counts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gen/units.hpp"
#include "rtl_bench.hpp"
#include "spec/accelerator_spec.hpp"

namespace circa::rtltest {

struct TopCase {
  std::string config;                  ///< bundled config file
  std::vector<std::string> overrides;  ///< -p style
  int in_features = 0;
  int out_features = 0;
  bool relu = true;
  bool bias = true;
  bool load_ports = false;             ///< weights and bias through the ports, else images
  uint64_t seed = 1;
  gen::Faults faults;                  ///< negative tests
  /// Weights streamed (cfg_stream): the bench's off-chip responder answers the top's requests.
  /// It accepts a request while it holds fewer than `outstanding`, and returns the rows
  /// in order, one per cycle while ws_ready, the first `latency` (>= 1) cycles after acceptance
  /// at the earliest; `req_stalls` adds random ws_req_ready back-pressure.
  bool stream = false;
  int latency = 1;
  int outstanding = 1;
  bool req_stalls = false;
  /// out_features of the layers after the first: a network of fc layers run by one start (each
  /// layer's in_features the one before's out_features), weights and bias as images, resident.
  std::vector<int> more_layers = {};
};

struct TopResult {
  int checked = -1;      ///< output codes compared (over both runs); -1: no summary line
  int mismatches = -1;
  int64_t cycles1 = -1;  ///< start to done, first and second run
  int64_t cycles2 = -1;
  /// T from the schedule formulas, weights on chip (a streamed layer's lower bound); a network:
  /// every layer's T plus a layer switch between two
  int64_t expected_cycles = 0;
  int expected_checked = 0;
  std::string log;
};

/// T of one product (SCHEDULE.md "One product") for a layer with p output and q input blocks,
/// weights on chip.
int64_t schedule_cycles(const AcceleratorSpec& s, int p, int q);

/// Generates, writes the bench into `dir` and simulates it (Icarus, or Verilator --timing).
TopResult run_top_case(const TopCase& c, const std::string& dir, Simulator sim = Simulator::icarus);

}  // namespace circa::rtltest
