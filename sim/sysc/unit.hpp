// Base of every hardware unit: clock and reset ports, the shared context and program, activity
// accounting, and push/pop helpers that book the cycles a unit waits on back-pressure.
// Each unit runs clocked SC_THREADs of one shape: reset actions, wait(), loop forever.
#pragma once

#include <string>

#include <systemc>

#include "sysc/activity.hpp"
#include "sysc/link.hpp"
#include "sysc/program.hpp"
#include "sysc/sim_context.hpp"

namespace circa::sysc {

class Unit : public sc_core::sc_module {
 public:
  sc_core::sc_in<bool> clk{"clk"};
  sc_core::sc_in<bool> rst{"rst"};

  Unit(const sc_core::sc_module_name& name, SimContext& ctx, Program& prog)
      : sc_core::sc_module(name), ctx_(ctx), prog_(prog) {}

  arch::UnitActivity activity(int64_t total_cycles) const {
    return act_.report(basename(), total_cycles);
  }

 protected:
  int64_t now() const { return ctx_.cycle(); }
  LayerProgram& layer(int i) { return prog_.layers[i]; }
  const AcceleratorSpec& spec() const { return *prog_.spec; }

  /// Offers v and books the cycles until it was taken as stall (back-pressure).
  template <class T>
  int64_t send(Link<T>& l, T v, int64_t avail = -1) {
    const int64_t from = std::max(now(), avail);
    const int64_t t = l.push(std::move(v), avail);
    act_.stalled(from, t);
    return t;
  }

  SimContext& ctx_;
  Program& prog_;
  Activity act_;
};

/// Registers a clocked thread of the calling unit: rising-edge sensitive, synchronous reset.
#define CIRCA_CLOCKED_THREAD(fn) \
  SC_THREAD(fn);                 \
  sensitive << clk.pos();        \
  reset_signal_is(rst, true)

}  // namespace circa::sysc
