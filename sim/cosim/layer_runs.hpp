// What the cosim host feeds the top, layer by layer: the weight rows (written through w_* when
// the layer is resident, served by the off-chip memory on ws_* when it streams), the bias codes
// (b_*), the layer registers, and the first layer's input per inference; every later layer's
// input is the RTL's output of the layer before, re-quantised by the host as the activation
// buffer does on chip.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "numerics/layer.hpp"
#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"
#include "sysc/pins.hpp"

namespace circa::cosim {

using sysc::Bits;

struct LayerRun {
  Layer layer;
  num::LayerWeights w;
  std::vector<Bits> rows;     ///< weight rows in stream order (gen::weight_rows_hex)
  std::vector<int64_t> bias;  ///< codes of formats.output, one per output row
  bool stream = false;        ///< the top's SRAM does not hold the layer: cfg_stream
  int p = 0, q = 0;
  int64_t beats_in = 0, beats_out = 0;  ///< input rows loaded, output rows drained
};

/// The runs of `layers` (fc, in order): layer i's weights from seed + i.
std::vector<LayerRun> layer_runs(const AcceleratorSpec& s, const std::vector<Layer>& layers,
                                 uint64_t seed);

/// The first layer's input codes for inference `run` (from seed + 1 + run).
std::vector<int64_t> first_input(const AcceleratorSpec& s, const Layer& first, uint64_t seed,
                                 int run);

/// Input rows of S codes each, zero-padded to q*k samples.
std::vector<Bits> input_rows(const AcceleratorSpec& s, const std::vector<int64_t>& x, int q);

/// The host's re-quantisation of a layer's output codes into the next layer's input codes.
std::vector<int64_t> next_input(const AcceleratorSpec& s, const std::vector<int64_t>& y);

/// "" when every layer's RTL outputs (per inference, cropped to out_features) equal the golden
/// chain's from the same first input; else the first difference.
std::string golden_check(const AcceleratorSpec& s, const std::vector<LayerRun>& runs,
                         const std::vector<std::vector<int64_t>>& first_inputs,
                         const std::vector<std::vector<std::vector<int64_t>>>& rtl_outputs);

}  // namespace circa::cosim
