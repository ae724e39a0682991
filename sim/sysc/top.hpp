// The accelerator top level: clock, reset, every unit and every ready/valid channel between
// them, bound as the datapath of ARCHITECTURE.md. One Top per process (SystemC elaborates once).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sysc/act_buffer.hpp"
#include "sysc/controller.hpp"
#include "sysc/fft_unit.hpp"
#include "sysc/mac_array.hpp"
#include "sysc/peripheral.hpp"
#include "sysc/spectrum_buffer.hpp"
#include "sysc/weight_source.hpp"

namespace circa::sysc {

class Top : public sc_core::sc_module {
 public:
  sc_core::sc_clock clk;
  sc_core::sc_signal<bool> rst{"rst"};

  SC_HAS_PROCESS(Top);
  Top(const sc_core::sc_module_name& name, SimContext& ctx, Program& prog, LayerCheck check);

  /// Writes clk, rst, the controller state and every channel's valid/ready to a VCD.
  void trace(sc_core::sc_trace_file* tf) const;
  /// Busy/stall/idle of every unit over `total` cycles.
  std::vector<ana::UnitActivity> activity(int64_t total) const;

  Controller& controller() { return *controller_; }
  ActivationBuffer& activations() { return *act_; }
  const std::vector<LinkBase*>& links() const { return links_; }

 private:
  void reset_driver();
  template <class T>
  Link<T>* link(const char* name, int capacity = 0, bool stalls = true);

  SimContext& ctx_;
  Program& prog_;
  std::vector<std::unique_ptr<sc_core::sc_module>> owned_;
  std::vector<LinkBase*> links_;
  std::vector<Unit*> units_;
  Controller* controller_ = nullptr;
  ActivationBuffer* act_ = nullptr;
};

}  // namespace circa::sysc
