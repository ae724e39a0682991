#include "sysc/peripheral.hpp"

#include <algorithm>

#include "numerics/output_stage.hpp"

namespace circa::sysc {

Peripheral::Peripheral(const sc_core::sc_module_name& name, SimContext& ctx, Program& prog,
                       Link<Command>& cmd, Link<Block>& from_ifft, Link<OutputWrite>& to_buffer,
                       Link<int>& product_done)
    : Unit(name, ctx, prog),
      cmd_(cmd),
      from_ifft_(from_ifft),
      to_buffer_(to_buffer),
      done_(product_done) {
  CIRCA_CLOCKED_THREAD(run);
}

void Peripheral::run() {
  wait();
  while (true) {
    const Command c = cmd_.pop();
    LayerProgram& lp = layer(c.layer);
    const Layer& l = *lp.layer;
    const int beats = lp.plan.fft.beats, k = lp.plan.geom.k;
    if (l.kind == LayerKind::lstm) {
      gates_.assign(lp.plan.geom.rows, 0);
      if (c.product == 0) cell_.assign(l.hidden_size, 0);
    }
    for (int i = 0; i < lp.plan.geom.p; ++i) {
      const Block y = from_ifft_.pop();
      const int64_t o = now();  // first IFFT output beat
      OutputWrite w{OutputWrite::rows, c.layer, c.product, int64_t{y.index} * k,
                    output_block(lp, y)};
      wait(arch::kPeripheralLatency);
      send(to_buffer_, std::move(w));
      act_.busy(o, o + beats + arch::kPeripheralLatency);
      ctx_.wait_until(o + beats);  // the block's last result is written in this cycle
    }
    if (l.kind == LayerKind::lstm) {
      wait();  // cycle T: every gate is in
      const int64_t t = now();
      send(to_buffer_, OutputWrite{OutputWrite::recurrent, c.layer, c.product, 0, lstm_cell(lp)});
      act_.busy(t, t + lp.lstm_update);
      const int64_t samples = arch::lstm_update_samples(spec(), l);
      lp.events.act_lstm_reads += arch::kLstmReadsPerRow * samples;  // 4 gates and c per row
      lp.events.act_lstm_writes += 2 * samples;                      // h and c per row
      lp.events.lstm_cell_samples += samples;
      ctx_.wait_until(t + lp.lstm_update - 1);
    }
    send(done_, 0);
  }
}

// Rows of one block through the golden output stage; lstm rows stay pre-activations (the cell
// update applies the gates' nonlinearities).
std::vector<int64_t> Peripheral::output_block(LayerProgram& lp, const Block& y) {
  const Layer& l = *lp.layer;
  const DatapathFormats& f = spec().formats;
  const int64_t first = int64_t{y.index} * lp.plan.geom.k;
  const int64_t n = std::min<int64_t>(lp.plan.geom.k, lp.plan.geom.rows - first);
  std::vector<int64_t> out(std::max<int64_t>(n, 0));
  uint64_t* ovf = &lp.overflow[num::Stage::output];
  for (int64_t e = 0; e < n; ++e) {
    const int64_t row = first + e;
    const int64_t* bias = lp.params.bias.empty() ? nullptr : &lp.params.bias[row];
    const int64_t pre = num::output_preactivation(y.codes[e], bias, f, ovf);
    if (l.kind == LayerKind::lstm)
      gates_[row] = out[e] = pre;
    else
      out[e] = num::activate(pre, l.activation, f.output);
  }
  return out;
}

// The LSTM cell, element-wise over the hidden units, gates stacked i, f, g, o: the golden
// model's num::lstm_cell_unit per unit.
std::vector<int64_t> Peripheral::lstm_cell(LayerProgram& lp) {
  const int hid = lp.layer->hidden_size;
  const FixedFormat& out = spec().formats.output;
  uint64_t* ovf = &lp.overflow[num::Stage::output];
  std::vector<int64_t> h(hid);
  for (int u = 0; u < hid; ++u)
    h[u] = num::lstm_cell_unit(gates_[u], gates_[hid + u], gates_[2 * int64_t{hid} + u],
                               gates_[3 * int64_t{hid} + u], &cell_[u], out, ovf);
  return h;
}

}  // namespace circa::sysc
