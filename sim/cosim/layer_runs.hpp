// What the cosim host gives the whole-network top: per layer the weight rows (written once
// through w_* at the layer's base row when resident, served by the off-chip memory on ws_* from
// the layer's base in the off-chip image when streamed), the bias codes (b_*, at the layer's
// bias block) and the descriptor (cfg_*); per inference the first layer's input. Every later
// layer reads the layer before's outputs on chip.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "arch/layer_program.hpp"
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
  arch::LayerPlan plan;       ///< in the whole network (residency, base row)
  arch::LayerDescriptor desc;
  bool stream = false;        ///< the top's SRAM does not hold the layer: streamed
  int p = 0, q = 0;
  int64_t products = 1;                 ///< per inference (a conv layer's output pixels)
  int64_t out_pixels = 1;               ///< pixels written (a quarter of products when pooling)
  int64_t beats_in = 0, beats_out = 0;  ///< input rows loaded, output rows drained

  /// Where drained output sample n (rows in drain order, S samples each) goes among the layer's
  /// outputs as the bench keeps them (fc: in order; conv: pixel-major, channels below
  /// out_channels, pooled), or -1 for a padding sample.
  int64_t kept_output(int64_t n) const;
  int64_t kept_outputs() const;  ///< how many kept_output maps to
};

/// The runs of `layers` (in order, one network): layer i's weights from seed + i.
std::vector<LayerRun> layer_runs(const AcceleratorSpec& s, const std::vector<Layer>& layers,
                                 uint64_t seed);

/// The off-chip weight image: every streamed layer's rows at its descriptor's weight_base.
std::vector<Bits> offchip_image(const std::vector<LayerRun>& runs);

/// Bytes of the weight-stream request whose first row is `row` of the off-chip image.
int64_t offchip_request_bytes(const std::vector<LayerRun>& runs, int64_t row);

/// The first layer's input codes for inference `run` (from seed + 1 + run).
std::vector<int64_t> first_input(const AcceleratorSpec& s, const Layer& first, uint64_t seed,
                                 int run);

/// The input rows the host loads for the first layer's input codes `x` (S codes each): fc in
/// order, zero-padded to q*k samples; conv pixel-major, each pixel's channels zero-padded to
/// whole blocks (SCHEDULE.md, "Conv in the whole-network top").
std::vector<Bits> input_rows(const AcceleratorSpec& s, const LayerRun& first,
                             const std::vector<int64_t>& x);

/// The host's re-quantisation of a layer's output codes into the next layer's input codes.
std::vector<int64_t> next_input(const AcceleratorSpec& s, const std::vector<int64_t>& y);

/// "" when the network's RTL outputs (per inference, as LayerRun::kept_output keeps them) equal
/// the golden chain's from the same first input; else the first difference.
std::string golden_check(const AcceleratorSpec& s, const std::vector<LayerRun>& runs,
                         const std::vector<std::vector<int64_t>>& first_inputs,
                         const std::vector<std::vector<int64_t>>& rtl_outputs);

}  // namespace circa::cosim
