// What the accelerator is configured with before it runs: per layer, its plan (arch), the FFT
// unit's twiddle ROM, the quantised weight spectra and bias (the weight SRAM's contents, from
// the golden numerics), and the per-layer overflow and event counters the units fill in.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "arch/events.hpp"
#include "arch/microarch.hpp"
#include "numerics/fft_fixed.hpp"
#include "numerics/layer.hpp"
#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::sysc {

struct LayerProgram {
  const Layer* layer = nullptr;
  arch::LayerPlan plan;
  std::unique_ptr<num::FixedFft> fft;  ///< twiddle ROM of the FFT (and IFFT) unit
  num::QuantisedLayer params;          ///< weight spectra + bias codes
  int64_t lstm_update = 0;             ///< cell-update cycles per product (lstm)
  // Filled in by the units while the layer runs:
  num::OverflowCounts overflow;
  arch::Events events;
  int64_t start_cycle = -1;
  int64_t end_cycle = -1;
  int64_t first_product_cycles = 0;
};

/// The whole configured workload. Holds pointers into `spec` and `workload`: they must outlive it.
struct Program {
  const AcceleratorSpec* spec = nullptr;
  const Workload* workload = nullptr;
  std::vector<LayerProgram> layers;
  std::vector<int64_t> input;  ///< codes of formats.input for the first layer

  int layer_count() const { return static_cast<int>(layers.size()); }
};

/// Plans and quantises every layer (ConfigError for weights of the wrong shape).
Program make_program(const AcceleratorSpec& spec, const Workload& w,
                     const std::vector<num::LayerWeights>& weights, std::vector<int64_t> input);

/// A command from the controller: run product `product` of layer `layer`.
/// Under conv_dataflow: reuse a conv layer also gets row fills: `fill` set, `product` the first
/// product of the output row whose new input rows the fill transforms into the line buffer.
struct Command {
  int layer = 0;
  int64_t product = 0;
  bool fill = false;
};

/// The input blocks j (ascending) a product issues to every output group: all q of them, or
/// under conv_dataflow: reuse those of the conv window's taps that lie on the image.
void product_blocks(const AcceleratorSpec& s, const LayerProgram& lp, int64_t product,
                    std::vector<int>& js);

/// One issue's weights: blocks [first, first+blocks) of input block j, read from the layer's
/// stored spectra, arriving over `stream_cycles` cycles from the handshake.
struct WeightTile {
  int group = 0;
  int j = 0;
  int first = 0;
  int blocks = 0;
  int64_t stream_cycles = 0;
};

/// Accumulators of one output group (one bank), bins 0..k/2 per output block.
struct GroupResult {
  int group = 0;
  int first = 0;
  std::vector<std::vector<num::CFixed>> acc;
};

/// A time-domain block of k codes (an input block, or an IFFT output block `index`).
struct Block {
  int index = 0;
  std::vector<int64_t> codes;
};

/// An input spectrum on its way from the FFT unit to the spectrum buffer.
struct Spectrum {
  int index = 0;
  std::vector<num::CFixed> bins;
};

/// Results the peripheral writes to the activation buffer: outputs of one block of rows, or
/// (lstm) the new recurrent state h.
struct OutputWrite {
  enum Kind { rows, recurrent } kind = rows;
  int layer = 0;
  int64_t product = 0;
  int64_t first_row = 0;
  std::vector<int64_t> values;
};

}  // namespace circa::sysc
