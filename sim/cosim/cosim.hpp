// `circa cosim`: the generated top (Verilated at run time, verilated_top.hpp) and the SystemC
// model of the same top (sysc/pin_top.hpp) in lockstep under one stimulus (lockstep_bench.hpp):
// a host that configures the whole network once, then loads, starts and drains each inference
// with random gaps and back-pressure, and an off-chip memory that answers the weight stream;
// every output port compared every cycle. A workload's fc layers run as one layer program, each
// layer reading the one before's outputs on chip; the last layer's outputs are checked against
// the golden numerics at the end.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "arch/microarch.hpp"
#include "common/progress.hpp"
#include "gen/units.hpp"
#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"
#include "sysc/pin_top.hpp"

namespace circa::cosim {

struct CosimOptions {
  std::string config;                  ///< accelerator YAML
  std::vector<std::string> overrides;  ///< -p key=value
  std::string workload;                ///< workload YAML
  std::string layer;                   ///< its fc layer ("" = every layer, in order)
  uint64_t seed = 1;                   ///< weights, inputs and stimulus
  int products = 2;                    ///< inferences of the whole layer list
  double stall = 0.25;     ///< probability of an input gap, of output back-pressure and of an
                           ///< off-chip stall per cycle
  bool reference = true;   ///< false: the Verilated top alone, nothing compared (benchmarks)
  bool rtl = true;         ///< false: the SystemC top alone, nothing built (benchmarks)
  bool optimized_build = false;  ///< the Verilated model's C++ at -O1 (benchmarks), else -O0
  int64_t max_cycles = 0;  ///< 0: a generous bound from the layers' sizes
  std::string work;        ///< cache root ("" = cache_root default)
  std::string vcd;         ///< VCD on a mismatch ("" = cosim_mismatch.vcd in the cwd)
  gen::Faults faults;      ///< tests only: a broken generated top
  sysc::PinTopFaults reference_faults;  ///< tests only: a broken SystemC top
  ProgressSink progress;   ///< the build's and the run's progress (default: silent)
};

/// Start to done of each inference of the network (named after its layer when it has one), on
/// both implementations.
struct LayerCycles {
  std::string layer;
  std::vector<int64_t> reference, rtl;
};

struct CosimResult {
  bool ok = false;
  std::string reference;        ///< what the RTL was compared with
  int64_t cycles = 0;           ///< cycles simulated
  int64_t compared = 0;         ///< port comparisons
  int64_t outputs_checked = 0;  ///< out_data beats compared
  int products_done = 0;  ///< inferences of the whole network
  std::vector<LayerCycles> layers;
  std::vector<int64_t> done_cycles;  ///< cycles the reference raised done, per product
  std::vector<int64_t> first_beats;  ///< cycles the reference first offered each output row of
                                     ///< the first product
  /// Per inference: the first layer's input codes (formats.input) and the RTL's last-layer
  /// output codes (formats.output) as the bench kept them (a conv layer's pixel-major).
  std::vector<std::vector<int64_t>> inputs, outputs;
  bool golden_ok = false;       ///< every layer's RTL outputs equal the golden model's
  std::string golden_mismatch;  ///< the first difference, if any
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

/// The workload's layer `name`, or all its layers in order when name is "" (what --layer picks).
std::vector<Layer> pick_layers(const Workload& w, const std::string& name);

/// `layers` with every block size set to the top's k: the generated top has one k, so `circa
/// cosim` runs a workload whose layers name another k (C-LSTM's 8 on a k = 64 top) re-blocked,
/// and says so in one line per layer on `note`. Both sides (the golden model, the SystemC top and
/// the RTL) then run the re-blocked network. The sweep's cosim fidelity does not re-block: it
/// compares with the cycle-accurate model of the workload as written.
std::vector<Layer> at_top_block_size(std::vector<Layer> layers, int k, std::ostream& note);

/// o.workload's layers (o.layer's alone when set) at s's block size.
std::vector<Layer> cosim_layers(const CosimOptions& o, const AcceleratorSpec& s);

/// Builds (or reuses) the Verilated top of `s` (the spec a run uses: eval/run_spec.hpp) and
/// co-simulates `layers` (o.config, o.overrides, o.workload and o.layer unused). Elaborates
/// SystemC: once per process (tests: sysc::run_in_child). ConfigError for unusable inputs (not an
/// fc layer, no top, ...).
CosimResult run_cosim(const CosimOptions& o, const AcceleratorSpec& s,
                      const std::vector<Layer>& layers);

/// The plan of `layer` as a workload's only layer (residency, timings): what the top runs.
arch::LayerPlan plan_alone(const AcceleratorSpec& s, const Layer& layer);

/// Why `l` cannot be co-simulated on `s` ("" when it can): no generated top, not fc, another k,
/// larger than the top's buffers, an activation the top's peripheral lacks.
std::string cosim_unsupported(const AcceleratorSpec& s, const Layer& l);

/// A multi-line human report of r.
std::string describe(const CosimResult& r);

}  // namespace circa::cosim
