// The activation buffer, double-buffered between layers: its read port streams each product's
// input blocks (fc: the padded input vector; conv: the CirCNN gather of one output pixel over all
// kernel taps, zeros off the image; lstm: [x_t; h_{t-1}]; a reuse conv row fill: each new input
// row's pixels, Cb channel blocks each) into the FFT unit, one block per `beats` cycles; its write
// port takes the peripheral's outputs. When a layer is over its outputs (pooled, for conv) become
// the next layer's inputs and are handed to the checker.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "sysc/unit.hpp"

namespace circa::sysc {

/// Called with each finished layer's output codes; returns false to stop the simulation.
using LayerCheck = std::function<bool(int layer, const std::vector<int64_t>& output)>;

class ActivationBuffer : public Unit {
 public:
  SC_HAS_PROCESS(ActivationBuffer);
  ActivationBuffer(const sc_core::sc_module_name& name, SimContext& ctx, Program& prog,
                   Link<Command>& cmd, Link<Block>& to_fft, Link<OutputWrite>& from_peripheral,
                   LayerCheck check);

  /// The pin top's host loads the input buffer and drains the outputs itself: the next
  /// products read `input` (q*k codes of formats.input; a reuse conv layer's row fills: its whole
  /// input map, channel-major) and write `outputs` codes each, and the buffer neither swaps
  /// layers nor checks them.
  void feed_from_host(std::vector<int64_t> input, int64_t outputs);
  const std::vector<int64_t>& outputs() const { return out_; }

  /// Finishes the last layer (after the simulation) and returns its outputs.
  const std::vector<int64_t>& finish();
  bool stopped() const { return stopped_; }

 private:
  void read_port();
  void write_port();
  void load_layer(int li);
  bool finish_layer(int li);
  void product_input(int li, int64_t n, std::vector<int64_t>& v) const;
  void stream_block(LayerProgram& lp, int index, std::vector<int64_t> codes);
  void stream_fill(int li, int64_t n);
  void store(const OutputWrite& w);
  static void count_output_writes(LayerProgram& lp, const OutputWrite& w);

  Link<Command>& cmd_;
  Link<Block>& to_fft_;
  Link<OutputWrite>& from_peripheral_;
  LayerCheck check_;
  int loaded_ = -1;                ///< layer whose inputs the read half holds
  std::vector<int64_t> in_;        ///< read half: the layer's input codes (formats.input)
  std::vector<int64_t> out_;       ///< write half: the layer's outputs (conv: before pooling)
  std::vector<int64_t> recurrent_; ///< lstm: h_{t-1} as input codes
  std::vector<int64_t> final_;     ///< the last finished layer's outputs
  /// read_port's product input: a member, not the thread's local, because SystemC never unwinds
  /// a thread still waiting when the simulation ends (LeakSanitizer reported the local).
  std::vector<int64_t> product_codes_;
  bool stopped_ = false;
  bool host_fed_ = false;
};

}  // namespace circa::sysc
