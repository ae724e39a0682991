// `circa cosim`: the generated top (Verilated at run time, verilated_top.hpp) and the SystemC
// reference of its pins (reference_top.hpp) in lockstep under one stimulus (lockstep_bench.hpp)
// on fc layers (layer_runs.hpp), every output port compared every cycle.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gen/units.hpp"
#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::cosim {

struct CosimOptions {
  std::string config;                  ///< accelerator YAML
  std::vector<std::string> overrides;  ///< -p key=value
  std::string workload;                ///< workload YAML
  std::string layer;                   ///< its fc layer ("" = every layer, in order)
  uint64_t seed = 1;                   ///< weights, inputs and stimulus
  int products = 2;                    ///< inferences: products per layer
  double stall = 0.25;     ///< probability of an input gap and of output back-pressure per cycle
  bool reference = true;   ///< false: the Verilated top alone, nothing compared (benchmarks)
  int64_t max_cycles = 0;  ///< 0: a bound from the schedule
  std::string work;        ///< cache root ("" = cache_root default)
  std::string vcd;         ///< VCD on a mismatch ("" = cosim_mismatch.vcd in the cwd)
  gen::Faults faults;      ///< tests only: a broken generated top
};

struct CosimResult {
  bool ok = false;
  int64_t cycles = 0;           ///< cycles simulated
  int64_t compared = 0;         ///< port comparisons
  int64_t outputs_checked = 0;  ///< out_data beats compared
  int products_done = 0;
  int64_t product_cycles = 0;            ///< T of the schedule (the first layer)
  std::vector<int64_t> measured_cycles;  ///< start to done, per product (reference)
  std::vector<int64_t> expected_cycles;  ///< T of the schedule, per product
  // first mismatch
  int64_t mismatch_cycle = -1;
  std::string mismatch_port, expected, actual;
  std::string vcd;  ///< written on a mismatch
  std::string build_dir;
  bool cached = false;
  double build_seconds = 0;
  double sim_seconds = 0;  ///< wall time of the simulation (sc_start)
  std::string message;     ///< one-line summary or the reason of a failure
};

/// Builds (or reuses) the Verilated top and co-simulates. Elaborates SystemC: once per process
/// (tests: sysc::run_in_child). ConfigError for unusable inputs (not an fc layer, no top, ...).
CosimResult run_cosim(const CosimOptions& o);

/// The same on a loaded spec and fc layers (o.config, o.overrides, o.workload and o.layer
/// unused). Several layers run in order per inference, each the previous one's golden output
/// (re-quantised to formats.input) as input, with its weights and bias written through the
/// top's ports before its product.
CosimResult run_cosim(const CosimOptions& o, const AcceleratorSpec& s, const Layer& l);
CosimResult run_cosim(const CosimOptions& o, const AcceleratorSpec& s,
                      const std::vector<Layer>& layers);

/// The smallest power-of-two weight_sram.capacity_kib that holds `l` in the generated top, both
/// by bytes (the schedule's residency) and by the top's padded weight rows (65536 at most).
int weight_capacity_for(const AcceleratorSpec& s, const Layer& l);

/// Why `l` cannot be co-simulated on `s` ("" when it can): no generated top, not fc, another k,
/// larger than the top's buffers, an activation the top's peripheral lacks.
std::string cosim_unsupported(const AcceleratorSpec& s, const Layer& l);

/// A multi-line human report of r.
std::string describe(const CosimResult& r);

}  // namespace circa::cosim
