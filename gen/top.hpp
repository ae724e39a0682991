// The generated top: one block-circulant layer product per `start`, the SCHEDULE.md schedule in
// hardware. Ports (all synchronous to clk, active-high rst):
//   start (pulse, accepted when idle) / done (pulse: the cycle the last output is written,
//   exactly T cycles after start) / busy (a product runs);
//   cfg_p, cfg_q (output / input blocks), cfg_relu, cfg_bias_en: the layer registers, held
//   while busy;
//   in_valid/in_ready/in_data: the layer input, S samples per beat in order (q*k samples,
//   zero-padded), loaded while not busy; each start reads from row 0 again;
//   out_valid/out_ready/out_data: after done, p*k output codes, S per beat, in order;
//   w_we/w_addr/w_data: one weight row (weight_row_words) per write; b_we/b_addr/b_data: one bias
//   code (formats.output) of output row b_addr per write; both ignored while busy.
//   cfg_stream: the layer's weights do not fit the SRAM; the top requests them from off-chip
//   memory during the product instead (SCHEDULE.md, off-chip streaming).
//   ws_req_valid/ws_req_ready/ws_req_addr: one request per MAC issue, in issue order, for the
//   issue's issue_cycles rows from row ws_req_addr (rows numbered in stream order from 0 each
//   product, as weight_rows_hex); valid only from registers (and the held cfg_p, cfg_stream),
//   and only when the FIFO has room for the rows beside those in it and those requested; once
//   high it stays high until accepted.
//   ws_valid/ws_ready/ws_data: the requested rows, one per beat, in request order; ws_ready
//   while busy and the FIFO (memory map: deep enough to hide the off-chip latency) is not full.
//   A MAC issue starts only when all its rows are in the FIFO: a row accepted in product cycle
//   t can serve an issue from t + 2.
#pragma once

#include <string>
#include <vector>

#include "gen/design.hpp"
#include "gen/units.hpp"
#include "numerics/layer.hpp"
#include "spec/accelerator_spec.hpp"

namespace circa::gen {

/// Why this spec has no generated top ("" when it has one).
std::string top_unsupported(const AcceleratorSpec& s);

/// Adds the top module (and everything below it) to d, sets it as the design's top and returns
/// its name. `fwd`/`inv` are the FFT unit modules already in d (equal when fft.shared_ifft).
/// With `layer`, the weight and bias banks load images of that layer ($readmemh files added to
/// d.data: weights_bank<i>.hex unless !weight_images, bias_bank<i>.hex).
/// `faults`: tests only (done_late, drop_out_beat).
std::string gen_top(Design& d, const AcceleratorSpec& s, const std::string& fwd,
                    const std::string& inv, const num::QuantisedLayer* layer,
                    bool weight_images = true, const Faults& faults = {});

/// The weight rows of a layer in issue order (row = (g*q + j)*issue_cycles + c), each as the hex
/// word the w_data port takes.
std::vector<std::string> weight_rows_hex(const AcceleratorSpec& s, const num::WeightSpectra& ws);

}  // namespace circa::gen
