// The peripheral unit (kPeripheralLatency): each IFFT output block is requantised, biased and
// activated by the golden output stage and written to the activation buffer one cycle behind the
// IFFT's beats; padding rows are cropped. For an lstm layer it holds the gate pre-activations
// and, after the product's last block, runs the element-wise cell update (golden hard
// sigmoid/tanh and products) for arch::lstm_update_cycles (kLstmCellLatency in its tail).
// It reports the product done in its last write cycle.
#pragma once

#include <vector>

#include "sysc/unit.hpp"

namespace circa::sysc {

class Peripheral : public Unit {
 public:
  SC_HAS_PROCESS(Peripheral);
  Peripheral(const sc_core::sc_module_name& name, SimContext& ctx, Program& prog,
             Link<Command>& cmd, Link<Block>& from_ifft, Link<OutputWrite>& to_buffer,
             Link<int>& product_done);

 private:
  void run();
  std::vector<int64_t> output_block(LayerProgram& lp, const Block& y);
  std::vector<int64_t> lstm_cell(LayerProgram& lp);

  Link<Command>& cmd_;
  Link<Block>& from_ifft_;
  Link<OutputWrite>& to_buffer_;
  Link<int>& done_;
  std::vector<int64_t> gates_;  ///< lstm: pre-activations of all 4*hidden rows
  std::vector<int64_t> cell_;   ///< lstm: c
};

}  // namespace circa::sysc
