// Every unit of the accelerator and every ready/valid channel between them, bound as the
// datapath of ARCHITECTURE.md, clocked by the parent's clock and reset. Two tops use it: Top
// (`circa sim`: a program of layers, the off-chip memory beside it) and PinTop (the generated
// top's pins, a product per `start`).
#pragma once

#include <memory>
#include <vector>

#include "sysc/act_buffer.hpp"
#include "sysc/controller.hpp"
#include "sysc/fft_unit.hpp"
#include "sysc/mac_array.hpp"
#include "sysc/peripheral.hpp"
#include "sysc/spectrum_buffer.hpp"
#include "sysc/weight_source.hpp"

namespace circa::sysc {

class Datapath : public sc_core::sc_module {
 public:
  sc_core::sc_in<bool> clk{"clk"};
  sc_core::sc_in<bool> rst{"rst"};

  /// `host_requests`: the controller runs the products a host sends on requests() (pin top)
  /// instead of the program.
  Datapath(const sc_core::sc_module_name& name, SimContext& ctx, Program& prog, LayerCheck check,
           bool host_requests);

  /// Writes the controller state and every channel's valid/ready to a VCD.
  void trace(sc_core::sc_trace_file* tf) const;
  /// Busy/stall/idle of every unit over `total` cycles.
  std::vector<arch::UnitActivity> activity(int64_t total) const;

  Controller& controller() { return *controller_; }
  const Controller& controller() const { return *controller_; }
  ActivationBuffer& activations() { return *act_; }
  const ActivationBuffer& activations() const { return *act_; }
  WeightStream& weight_stream() { return *stream_; }
  Link<Command>* requests() { return requests_; }

 private:
  template <class T>
  Link<T>* link(const char* name, int capacity = 0);

  SimContext& ctx_;
  std::vector<std::unique_ptr<sc_core::sc_module>> owned_;
  std::vector<LinkBase*> links_;
  std::vector<Unit*> units_;
  Controller* controller_ = nullptr;
  ActivationBuffer* act_ = nullptr;
  WeightStream* stream_ = nullptr;
  Link<Command>* requests_ = nullptr;
};

}  // namespace circa::sysc
