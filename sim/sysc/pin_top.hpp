// The SystemC model of the generated top at its pins (gen/top.hpp's port contract), built from the
// units of the datapath (datapath.hpp). The host side (FSM, input buffer, weight rows and bias
// written through w_*/b_*, the output stream, the weight-stream port's registers) moves once per
// cycle at the settle point after the clock edge, from the inputs of the cycle before, as RTL
// registers do. A `start` runs the layer program written through cfg_* (arch/layer_program.hpp):
// each layer is one product on the datapath (fc), one per output pixel (conv) or one per time
// step (lstm: the gate product, then the cell update on the output banks), back to back,
// which the units run on the weights decoded from the layer's configured (or streamed) rows, its
// bias codes and its input: the loaded input rows for layer 0, the layer before's outputs
// re-quantised for the others, read from the descriptor's input region of the output banks (a
// conv layer gathers each pixel's window, zeros off the image, or under conv_dataflow: reuse
// runs the datapath's row fills over its whole input map and its products row-major; an fc
// layer's samples at and above in_features are zero); a layer writes its outputs from its out_base
// block and starts kLayerSwitchCycles after the layer before wrote its last output. `circa cosim`
// compares it with the Verilated top on every output port, every cycle.
#pragma once

#include <deque>
#include <vector>

#include "arch/layer_program.hpp"
#include "arch/memory_map.hpp"
#include "sysc/datapath.hpp"
#include "sysc/pins.hpp"

namespace circa::sysc {

/// Tests only: a deliberately broken pin top.
struct PinTopFaults {
  bool done_late = false;  ///< done (and the end of busy) one cycle late
};

class PinTop : public sc_core::sc_module, public PinModel {
 public:
  sc_core::sc_in<bool> clk{"clk"};

  SC_HAS_PROCESS(PinTop);
  /// `pins`: the generated top's ports; `period`: the clock's.
  PinTop(const sc_core::sc_module_name& name, const AcceleratorSpec& s, std::vector<Pin> pins,
         sc_core::sc_time period, PinTopFaults faults = {});

  void set(int port, const Bits& v) override;
  Bits get(int port) override;

 private:
  enum class State { idle, run, layer_switch, drain };

  int index(const char* name, bool required = true) const;
  bool in(int port) const { return port >= 0 && (values_[port][0] & 1u) != 0; }
  int64_t in_value(int port) const { return unsigned_field(values_[port], 0, pins_[port].width); }
  int64_t done_cycle() const;
  void edge();
  void host_tick();
  void launch(int64_t t, int layer, int64_t product);
  std::vector<int64_t> layer_input(const arch::LayerDescriptor& d) const;
  std::vector<int64_t> conv_window(const arch::LayerDescriptor& d, int64_t product) const;
  /// conv_dataflow: reuse: the layer the datapath's reuse path runs, and its whole input map
  /// (channel-major, as the row fills read it) from the pixel-major input.
  Layer conv_layer(const arch::LayerDescriptor& d) const;
  std::vector<int64_t> conv_map(const arch::LayerDescriptor& d) const;
  arch::Pixel pixel_of(const arch::LayerDescriptor& d, int64_t product) const {
    return arch::product_pixel(d, product, reuse_);
  }
  std::vector<int64_t> lstm_input(const arch::LayerDescriptor& d, int64_t step) const;
  Layer lstm_layer(const arch::LayerDescriptor& d) const;  ///< for arch::lstm_update_cycles
  void lstm_update(const arch::LayerDescriptor& d, const std::vector<int64_t>& gates);
  /// Sample n of the layer's input: the loaded input rows (layer 0) or its output-bank region.
  int64_t input_code(const arch::LayerDescriptor& d, int64_t sample) const;
  void keep_outputs();  ///< the finished product's outputs, at its rows of the layer's
  void decode_resident_rows(LayerProgram& lp, int64_t base);
  /// The running product is its layer's last (an fc layer's only one).
  bool last_product() const {
    return product_ + 1 >= table_[static_cast<size_t>(layer_)].products();
  }
  bool busy() const { return state_ == State::run || state_ == State::layer_switch; }
  /// The running layer ends the network: marked last, or the table's last entry (as in RTL).
  bool last_layer() const {
    return table_[static_cast<size_t>(layer_)].last || layer_ + 1 == static_cast<int>(table_.size());
  }

  AcceleratorSpec spec_;
  int samples_;  ///< S: samples per input and output beat
  bool reuse_;   ///< conv layers run the reuse dataflow (row fills, then products row-major)
  std::vector<Pin> pins_;
  std::vector<Bits> values_;  ///< inputs as driven
  PinTopFaults faults_;
  SimContext ctx_;
  std::deque<Layer> layers_;  ///< the layer of each program slot (cfg_* at its start)
  Program prog_;
  sc_core::sc_signal<bool> rst_{"rst"};
  Datapath dp_;
  sc_core::sc_event settle_ev_;
  // ports
  int rst_i_, start_i_, in_valid_i_, in_data_i_, out_ready_i_, cfg_we_i_, cfg_addr_i_,
      cfg_data_i_, w_we_i_, w_addr_i_, w_data_i_, b_we_i_, b_addr_i_, b_data_i_, ws_valid_i_,
      ws_data_i_, ws_req_ready_i_;
  int done_o_, busy_o_, in_ready_o_, out_valid_o_, out_data_o_, ws_ready_o_, ws_req_valid_o_,
      ws_req_addr_o_;
  // memories
  const arch::MemoryMap map_;
  std::vector<Bits> input_rows_, weight_rows_;
  std::vector<int64_t> bias_;
  std::vector<arch::LayerDescriptor> table_;  ///< the layer program
  std::vector<int64_t> outputs_;  ///< the output banks, max_p blocks of k codes
  // registers
  State state_ = State::idle;
  int64_t in_ptr_ = 0, drain_row_ = 0, out_row_ = 0;
  bool out_have_ = false, streaming_ = false;
  int64_t stream_base_ = 0;  ///< the streaming layer's first off-chip row
  int slot_ = 0, layer_ = 0;  ///< program slot, running layer (0 while idle)
  int64_t product_ = 0;       ///< the running product of the layer (a conv layer's pixel)
  int64_t start_cycle_ = -1;
  int64_t update_cycles_ = 0;  ///< the running product's lstm cell update (0: fc, conv)
};

}  // namespace circa::sysc
