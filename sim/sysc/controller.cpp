#include "sysc/controller.hpp"

#include "arch/conv_dataflow.hpp"
#include "arch/layer_program.hpp"

namespace circa::sysc {

Controller::Controller(const sc_core::sc_module_name& name, SimContext& ctx, Program& prog,
                       const ControlLinks& links)
    : Unit(name, ctx, prog), l_(links) {
  CIRCA_CLOCKED_THREAD(run);
}

void Controller::set_state(State s) {
  state_ = s;
  if (ctx_.tracing) state_sig_.write(static_cast<int>(s));
}

void Controller::run() {
  set_state(State::idle);
  wait();
  start_ = now();
  if (l_.requests != nullptr)
    serve_requests();
  else
    run_program();
}

void Controller::run_program() {
  for (int li = 0; li < prog_.layer_count(); ++li) {
    if (li > 0) switch_layer();
    LayerProgram& lp = layer(li);
    lp.start_cycle = now();
    for (int64_t n = 0; n < lp.plan.geom.products; ++n) {
      const int64_t t0 = now();
      run_product(li, n);
      if (n == 0) lp.first_product_cycles = now() - t0;
    }
    lp.end_cycle = now();
  }
  end_ = now();
  set_state(State::done);
  sc_core::sc_stop();
  while (true) wait();
}

// The next layer's first input row is read in a cycle of its own, after the last output write:
// it comes from the output banks just written (SCHEDULE.md, "Layer switch").
void Controller::switch_layer() {
  const int64_t t = now();
  set_state(State::layer_switch);
  wait(arch::kLayerSwitchCycles);
  act_.busy(t, now());
}

void Controller::serve_requests() {
  while (true) {
    const Command c = l_.requests->pop();
    LayerProgram& lp = layer(c.layer);
    lp.start_cycle = now();
    run_product(c.layer, c.product);
    lp.end_cycle = end_ = now();
    lp.first_product_cycles = lp.end_cycle - lp.start_cycle;
    set_state(State::idle);
  }
}

void Controller::run_product(int li, int64_t n) {
  if (arch::reuses_spectra(spec(), *layer(li).layer)) {
    run_reuse_product(li, n);
    return;
  }
  const Command cmd{li, n};
  const int64_t t0 = now();
  set_state(State::product_start);
  // Every unit waits for its command, so these all transfer in this cycle (cycle 0).
  send(*l_.act, cmd);
  send(*l_.fft, cmd);
  if (l_.ifft != nullptr) send(*l_.ifft, cmd);
  send(*l_.spectra, cmd);
  send(layer(li).plan.weights_on_chip ? *l_.sram : *l_.offchip, cmd);
  send(*l_.peripheral, cmd);
  set_state(State::phase_a);
  l_.phase_a_done->pop();
  wait();  // the state register moves at the next edge: the MAC starts in cycle A
  set_state(State::mac_ifft);
  send(*l_.mac, cmd);
  l_.product_done->pop();
  done_ = now();
  wait();  // cycle T: the next product's cycle 0
  act_.busy(t0, now());
}

// SCHEDULE.md "Conv with spectrum reuse": the first product of an output row is preceded by the
// row fill when the row has new input rows; the products themselves start their MAC at once.
void Controller::run_reuse_product(int li, int64_t n) {
  const LayerProgram& lp = layer(li);
  const int ow_n = lp.plan.geom.out_width;
  const int64_t t0 = now();
  if (n % ow_n == 0 &&
      arch::fill_blocks(*lp.layer, lp.plan.geom.k, static_cast<int>(n / ow_n)) > 0) {
    const Command fill{li, n, true};
    set_state(State::row_fill);
    send(*l_.act, fill);
    send(*l_.fft, fill);
    send(*l_.spectra, fill);
    l_.phase_a_done->pop();
    wait();  // the state register moves at the next edge: the row's first product starts
  }
  const Command cmd{li, n};
  set_state(State::product_start);
  send(*l_.fft, cmd);  // the inverse transforms only (the forward unit ignores the command)
  if (l_.ifft != nullptr) send(*l_.ifft, cmd);
  send(*l_.spectra, cmd);
  send(lp.plan.weights_on_chip ? *l_.sram : *l_.offchip, cmd);
  send(*l_.peripheral, cmd);
  send(*l_.mac, cmd);
  set_state(State::mac_ifft);
  l_.product_done->pop();
  done_ = now();
  wait();  // cycle T: the next product's (or row fill's) cycle 0
  act_.busy(t0, now());
}

}  // namespace circa::sysc
