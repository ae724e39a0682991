// The generated top: a whole network of block-circulant fc layers per `start`, each layer one
// product scheduled as SCHEDULE.md. Ports (all synchronous to clk, active-high rst):
//   start (pulse, accepted when idle) / done (pulse: the cycle the last layer's last output is
//   written) / busy (a network runs);
//   cfg_we/cfg_addr/cfg_data: the layer program (arch/layer_program.hpp), one 32-bit descriptor
//   word per write at {layer, field}, ignored while busy. Each layer: p, q, in_features, relu,
//   bias, stream, last, weight_base (its first weight-SRAM row, or off-chip row when streamed),
//   bias_base (its first block in the bias banks). One start runs layers 0.. up to the one
//   marked last (or the table's last entry); a layer's product cycle 0 is
//   kLayerSwitchCycles + 1 cycles after the layer before's last output write (1 after the
//   start for layer 0);
//   in_valid/in_ready/in_data: layer 0's input, S samples per beat in order (q*k samples), loaded
//   while not busy; each start reads from row 0 again. Later layers read the layer before's
//   outputs from the output banks, re-quantised to formats.input; samples at and above a
//   layer's in_features read as 0;
//   out_valid/out_ready/out_data: after done, the last layer's p*k output codes, S per beat;
//   w_we/w_addr/w_data: one weight row (weight_row_words) per write; b_we/b_addr/b_data: one bias
//   code (formats.output) per write at bias block * k + row; both ignored while busy. Resident
//   layers' rows and every bias are written once and serve every inference.
//   ws_req_valid/ws_req_ready/ws_req_addr: a streamed layer's weight requests, one per MAC
//   issue, in issue order, for the issue_cycles rows from off-chip row ws_req_addr
//   (weight_base + (g*q + j)*issue_cycles, as weight_rows_hex numbers a layer's rows); valid
//   only from registers, and only when the FIFO has room for the rows beside those in it and
//   those requested; once high it stays high until accepted.
//   ws_valid/ws_ready/ws_data: the requested rows, one per beat, in request order; ws_ready
//   while a streamed layer runs and the FIFO (memory map: deep enough to hide the off-chip
//   latency) is not full. A MAC issue starts only when all its rows are in the FIFO: a row
//   accepted in product cycle t can serve an issue from t + 2.
#pragma once

#include <string>
#include <vector>

#include "arch/layer_program.hpp"
#include "gen/design.hpp"
#include "gen/units.hpp"
#include "numerics/layer.hpp"
#include "spec/accelerator_spec.hpp"

namespace circa::gen {

/// A network whose weight rows (resident layers, at their base rows) and bias codes (at their
/// bias blocks) the top's memories load as $readmemh images, with its layer program.
struct NetworkImage {
  std::vector<num::QuantisedLayer> layers;
  std::vector<arch::LayerDescriptor> program;  ///< one per layer
};

/// The image of `layers` (fc, one network) with seeded random weights (layer i from seed + i,
/// as `circa cosim` draws them), planned as the top runs them (arch::network_program).
NetworkImage network_image(const AcceleratorSpec& s, const std::vector<Layer>& layers,
                           uint64_t seed);

/// Why this spec has no generated top ("" when it has one).
std::string top_unsupported(const AcceleratorSpec& s);

/// Adds the top module (and everything below it) to d, sets it as the design's top and returns
/// its name. `fwd`/`inv` are the FFT unit modules already in d (equal when fft.shared_ifft).
/// With `net`, the weight and bias banks load its images ($readmemh files added to d.data:
/// weights_bank<i>.hex when a layer is resident, bias_bank<i>.hex) and layer_program.hex holds
/// its descriptors, one cfg word per line in cfg_addr order, for the host to write.
/// `faults`: tests only (done_late, drop_out_beat).
std::string gen_top(Design& d, const AcceleratorSpec& s, const std::string& fwd,
                    const std::string& inv, const NetworkImage* net, const Faults& faults = {});

/// The weight rows of a layer in issue order (row = (g*q + j)*issue_cycles + c), each as the hex
/// word the w_data port takes.
std::vector<std::string> weight_rows_hex(const AcceleratorSpec& s, const num::WeightSpectra& ws);

}  // namespace circa::gen
