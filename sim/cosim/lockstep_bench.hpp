// The bench of `circa cosim`: one SystemC thread that drives the generated top and the SystemC
// top (sysc/pin_top.hpp) with the same pins every cycle and compares every output port. It plays
// the host and the off-chip memory: it writes the resident layers' weight rows, every layer's
// bias codes and the layer program once through the configuration ports; then per inference it
// loads the first layer's input rows with random gaps, starts the whole network, answers the
// streamed layers' weight-stream requests from an off-chip memory model
// (sysc/offchip_memory.hpp: latency, bandwidth, bursts, outstanding requests and random stalls,
// from the spec's offchip section), waits for done and drains the last layer's outputs under
// random back-pressure. Inputs change at the falling edge, outputs are read 1 ns later (the
// rising edge samples them). The first mismatch ends the run 16 cycles later with a VCD of both
// around it.
#pragma once

#include <string>
#include <vector>

#include "cosim/cosim.hpp"
#include "cosim/layer_runs.hpp"
#include "sysc/pins.hpp"

namespace circa::cosim {

/// Creates the bench (a SystemC module that lives until the process ends) on `dut`, compared
/// with `ref`; with one of them null the other runs alone, paced by its own outputs, nothing
/// compared. Results go to r.
void make_lockstep_bench(sysc::PinModel* ref, sysc::PinModel* dut, std::vector<sysc::Pin> pins,
                         const CosimOptions& o, const AcceleratorSpec& s,
                         std::vector<LayerRun> layers, const std::string& vcd, CosimResult* r);

}  // namespace circa::cosim
