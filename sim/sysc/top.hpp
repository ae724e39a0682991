// The accelerator as `circa sim` runs it: the datapath (datapath.hpp) on a program of layers, its
// clock and reset, and beside it the off-chip memory (offchip_memory.hpp) that answers the weight
// stream of layers whose weights do not fit. One Top per process (SystemC elaborates once).
#pragma once

#include <optional>
#include <vector>

#include "sysc/datapath.hpp"
#include "sysc/offchip_memory.hpp"

namespace circa::sysc {

class Top : public sc_core::sc_module {
 public:
  sc_core::sc_clock clk;
  sc_core::sc_signal<bool> rst{"rst"};

  SC_HAS_PROCESS(Top);
  Top(const sc_core::sc_module_name& name, SimContext& ctx, Program& prog, LayerCheck check);

  /// Writes clk, rst, the controller state and every channel's valid/ready to a VCD.
  void trace(sc_core::sc_trace_file* tf) const;
  std::vector<arch::UnitActivity> activity(int64_t total) const { return dp_.activity(total); }
  Controller& controller() { return dp_.controller(); }
  ActivationBuffer& activations() { return dp_.activations(); }

 private:
  void reset_driver();
  void offchip();

  SimContext& ctx_;
  Program& prog_;
  Datapath dp_;
  std::optional<OffchipMemory> memory_;  ///< per streamed product
};

}  // namespace circa::sysc
