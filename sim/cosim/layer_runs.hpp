// What `circa cosim` feeds the generated top, layer by layer: weight rows and bias codes for the
// top's configuration ports (or its weight stream), and input rows for each inference, the
// first layer's random and the next ones the golden outputs of the layer before.
#pragma once

#include <cstdint>
#include <vector>

#include "cosim/pin_model.hpp"
#include "numerics/layer.hpp"
#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::cosim {

/// Sets bits [lo, lo + w) of v to the low w bits of x (v holds zeros there).
void put_field(Bits& v, int lo, int w, int64_t x);

/// What the bench feeds the top for a layer: its weight rows in issue order (written through
/// w_* before the first product when resident; streamed on ws_* in every product otherwise)
/// and its bias codes (written through b_*). A streamed row is offered from a product cycle on:
/// the rows of issue n back to back so that the last is accepted by ready(n) - 2, where
/// ready(n) is when SCHEDULE.md's off-chip stream has delivered the bytes
/// (ana::OffchipStream); the top counts a row the cycle after accepting it and reads it the
/// cycle before the issue.
struct LayerFeed {
  std::vector<Bits> rows;
  bool stream = false;
  std::vector<int64_t> present;  ///< streamed rows only
  std::vector<int64_t> bias;
};

/// One layer as the bench runs it: its weights, what it feeds the top, its layer registers, its
/// input rows per inference (S codes a beat, zero-padded to q*k) and its schedule length.
struct LayerRun {
  Layer layer;
  num::LayerWeights w;
  LayerFeed feed;
  std::vector<std::vector<Bits>> inputs;  ///< per inference
  int p = 0, q = 0;
  int64_t beats_out = 0, T = 0;
};

/// The runs of `layers` (fc, in order) for `inferences` inferences: layer i's weights from
/// seed + i, the first layer's inputs from seed + 1 + inference, each later layer's the golden
/// output of the one before re-quantised to formats.input (as the activation buffer does
/// between layers; at the top's pins it is the host's job).
std::vector<LayerRun> layer_runs(const AcceleratorSpec& s, const std::vector<Layer>& layers,
                                 uint64_t seed, int inferences);

}  // namespace circa::cosim
