// The reference of the generated top at its pins, for one fc layer: a SystemC module with a
// clocked process that follows the top's port contract (gen/top.hpp) cycle by cycle, with the
// product's outputs from the golden numerics (num::run_layer_fixed on the input codes it was
// streamed) and its length T from the schedule (ana::product_schedule on arch's timings):
//   in_ready = !busy && !start; start while idle starts a product (go) and reads the input rows
//   streamed since the last go; busy for T cycles after go; done in the last of them; then the
//   output stream: p*beats rows in order, one read per cycle while the row slot is free
//   (out_valid holds a row until out_ready), back to idle when the last row is taken.
//   A layer that does not fit the weight SRAM streams its rows (cfg_stream): ws_ready while busy
//   and the FIFO (pushes minus pops) is not full; the MAC pops one row per read stage, i.e. in
//   the ic cycles before and at each issue start of the schedule (ana::ProductSchedule).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <systemc>

#include "arch/microarch.hpp"
#include "cosim/pin_model.hpp"
#include "gen/verilog.hpp"
#include "numerics/layer.hpp"
#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::cosim {

/// The plan of `layer` as a workload's only layer (residency, timings): what the top runs.
arch::LayerPlan plan_alone(const AcceleratorSpec& s, const Layer& layer);

class ReferenceTop : public sc_core::sc_module, public PinModel {
 public:
  sc_core::sc_in<bool> clk;

  /// `layer` is an fc layer with its weights; `ports` the generated top's ports.
  ReferenceTop(sc_core::sc_module_name name, const AcceleratorSpec& s, const Layer& layer,
               const num::LayerWeights& w, const std::vector<gen::Port>& ports);

  void set(int port, const Bits& v) override;
  Bits get(int port) override;

  /// Makes `layer` (fc, with its weights) the one the next products run; call while idle.
  void select(const Layer& layer, const num::LayerWeights& w);

  int64_t product_cycles() const { return T_; }
  bool streams_weights() const { return stream_; }
  /// Output lanes whose codes the golden model defines (rows beyond out_features are padding).
  bool lane_defined(int64_t row, int lane) const;

 private:
  void tick();
  int64_t in(const char* port) const;
  int idx(const std::string& name) const;

  AcceleratorSpec s_;
  Layer layer_;
  num::LayerWeights w_;
  std::vector<gen::Port> ports_;
  std::vector<Bits> values_;  ///< inputs as driven, outputs as computed
  int k_, S_, beats_, p_, q_, in_bits_, out_bits_;
  int64_t T_;
  // registers
  int state_ = 0;  ///< 0 idle, 1 run, 2 drain
  int64_t cnt_ = 0, in_ptr_ = 0, u_ = 0, row_ = 0;
  bool have_ = false;
  std::vector<Bits> in_rows_;
  std::vector<int64_t> out_codes_;  ///< of the last product, p*k (padding rows 0)
  // weight stream
  bool stream_ = false;
  int ws_depth_ = 0;
  int64_t ws_cnt_ = 0;
  size_t pop_ = 0;             ///< next entry of pops_
  std::vector<int64_t> pops_;  ///< product cycles of the MAC's row reads, ascending
  // port indices
  int rst_, start_, in_valid_, in_data_, out_ready_, done_, busy_, in_ready_, out_valid_, out_data_,
      ws_valid_, ws_ready_;
};

}  // namespace circa::cosim
