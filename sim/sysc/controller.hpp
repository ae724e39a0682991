// The controller: an explicit state machine that sequences layers and products and, within a
// product, the phases of SCHEDULE.md: start (commands to every unit), phase A (input FFTs until
// the spectrum buffer reports all q spectra written), MAC/IFFT (the MAC array, accumulator banks
// and IFFT overlap by their own handshakes until the peripheral reports the last output
// written); between layers, the layer switch. A conv layer under conv_dataflow: reuse has a row
// fill before each output row (the new input rows' FFTs, reported done like phase A) and products
// without phase A: the MAC starts in the product's cycle 0. Its state register moves on the clock
// edge after a report, like RTL. In the pin top (pin_top.hpp) it runs the products the host starts
// instead of a program.
#pragma once

#include <vector>

#include "sysc/unit.hpp"

namespace circa::sysc {

/// The controller's command and report channels.
struct ControlLinks {
  Link<Command>* act = nullptr;       ///< activation buffer: stream the product's inputs
  Link<Command>* fft = nullptr;       ///< FFT unit (also the IFFT when shared)
  Link<Command>* ifft = nullptr;      ///< separate IFFT unit, or null
  Link<Command>* spectra = nullptr;   ///< spectrum buffer
  Link<Command>* sram = nullptr;      ///< weight SRAM (resident layers)
  Link<Command>* offchip = nullptr;   ///< off-chip interface (streamed layers)
  Link<Command>* mac = nullptr;       ///< MAC array, sent when phase A is over
  Link<Command>* peripheral = nullptr;
  Link<int>* phase_a_done = nullptr;  ///< from the spectrum buffer, in the last write cycle
  Link<int>* product_done = nullptr;  ///< from the peripheral, in the last output cycle
  /// The pin top's host interface: one product per command (one per `start`); null: the
  /// controller runs every product of the program in order.
  Link<Command>* requests = nullptr;
};

class Controller : public Unit {
 public:
  // Appended last: the traced values of the others stay as they were.
  enum class State { idle, product_start, phase_a, mac_ifft, done, layer_switch, row_fill };

  SC_HAS_PROCESS(Controller);
  Controller(const sc_core::sc_module_name& name, SimContext& ctx, Program& prog,
             const ControlLinks& links);

  State state() const { return state_; }
  bool finished() const { return state_ == State::done; }
  int64_t start_cycle() const { return start_; }
  int64_t end_cycle() const { return end_; }
  /// The cycle the last product reported its last output written (the top's `done`).
  int64_t done_cycle() const { return done_; }
  /// The state register as a signal, for the VCD.
  const sc_core::sc_signal<int>& state_signal() const { return state_sig_; }

 private:
  void run();
  void run_program();
  void serve_requests();
  void run_product(int layer, int64_t product);
  void run_reuse_product(int layer, int64_t product);
  void switch_layer();
  void set_state(State s);

  ControlLinks l_;
  State state_ = State::idle;
  sc_core::sc_signal<int> state_sig_{"state"};
  int64_t start_ = -1;
  int64_t end_ = -1;
  int64_t done_ = -1;
};

}  // namespace circa::sysc
