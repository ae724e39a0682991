// The bench of `circa cosim`: one SystemC thread that drives the generated top and its reference
// (reference_top.hpp) from one seeded stimulus and compares them. Per layer it writes the weight
// rows and bias codes through the configuration ports (unless the top holds them already), then
// per inference streams the input rows with random gaps, starts, offers streamed weight rows at
// their schedule cycles, waits for done and drains the outputs under random back-pressure. Every
// cycle (inputs driven at the falling edge, outputs read 1 ns later, as the next rising edge
// samples them) it compares every output port: busy, done, in_ready, out_valid and ws_ready
// always, out_data while out_valid on the lanes the golden model defines (rows beyond
// out_features are padding the reference does not model). The first mismatch ends the run 16
// cycles later with a VCD of both around it.
#pragma once

#include <string>
#include <vector>

#include "cosim/cosim.hpp"
#include "cosim/layer_runs.hpp"
#include "cosim/reference_top.hpp"
#include "gen/verilog.hpp"

namespace circa::cosim {

/// Creates the bench (a SystemC module that lives until the process ends) on `dut`, compared
/// with `ref` (null: the DUT alone, paced by its own outputs, nothing compared). Results go to r.
void make_lockstep_bench(ReferenceTop* ref, PinModel* dut, std::vector<gen::Port> ports,
                         const CosimOptions& o, std::vector<LayerRun> layers, int lanes,
                         const std::string& vcd, CosimResult* r);

}  // namespace circa::cosim
