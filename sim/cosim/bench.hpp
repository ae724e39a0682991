// `circa bench cosim`: Verilator simulated cycles per second of the generated top on the SystemC
// benchmark's design point and layer (configs/default.yaml, one 4096 x 4096 fc layer at k = 64),
// printed beside the SystemC model's figure on the same point (whose 256 KiB weight SRAM does not
// hold the layer: its weights stream from off-chip, as in the SystemC benchmark). A benchmark
// that prints figures, not a test.
#pragma once

#include <ostream>
#include <string>

#include "spec/accelerator_spec.hpp"

namespace circa::cosim {

struct CosimBenchOptions {
  std::string config;  ///< accelerator YAML
  int n = 4096;        ///< the fc layer is n x n
  int products = 2;    ///< products per RTL run
  std::string work;    ///< Verilator build cache ("" = cache_root default)
};

/// Runs, each in a child process: the SystemC model (`circa sim`, one inference), the Verilated
/// top alone, the SystemC top alone (at its pins) and both in lockstep, without random stalls;
/// prints cycles, wall time and simulated cycles per second of each, and the speed ratios. `s` is
/// o.config's spec as a run uses it (eval/run_spec.hpp).
void run_cosim_bench(const CosimBenchOptions& o, const AcceleratorSpec& s, std::ostream& os);

}  // namespace circa::cosim
