#include "sysc/fft_unit.hpp"

#include <algorithm>

#include "arch/conv_dataflow.hpp"

namespace circa::sysc {

FftUnit::FftUnit(const sc_core::sc_module_name& name, SimContext& ctx, Program& prog, Mode mode,
                 const FftLinks& links)
    : Unit(name, ctx, prog),
      mode_(mode),
      l_(links),
      pipe_("pipe", ctx, pipeline_capacity(), false) {
  CIRCA_CLOCKED_THREAD(input_side);
  CIRCA_CLOCKED_THREAD(output_side);
}

// Enough slots for every block the pipeline holds at full rate (latency / ii of them, plus the
// one leaving), so the pipeline itself never throttles the schedule.
int FftUnit::pipeline_capacity() const {
  int cap = 2;
  for (const LayerProgram& lp : prog_.layers)
    cap = std::max(cap, (lp.plan.fft.latency + lp.plan.fft.ii - 1) / lp.plan.fft.ii + 2);
  return cap;
}

void FftUnit::input_side() {
  wait();
  while (true) {
    const Command c = l_.cmd->pop();
    const LayerProgram& lp = layer(c.layer);
    // Reuse conv: a row fill is forward transforms only, a product inverse transforms only.
    if (!arch::reuses_spectra(spec(), *lp.layer)) {
      if (mode_ != Mode::inverse) forward_blocks(c.layer, lp.plan.geom.q);
      if (mode_ != Mode::forward) inverse_blocks(c.layer);
    } else if (c.fill) {
      const int ow_n = lp.plan.geom.out_width;
      forward_blocks(c.layer, arch::fill_blocks(*lp.layer, lp.plan.geom.k,
                                                static_cast<int>(c.product / ow_n)));
    } else if (mode_ != Mode::forward) {
      inverse_blocks(c.layer);
    }
  }
}

void FftUnit::forward_blocks(int li, int64_t blocks) {
  LayerProgram& lp = layer(li);
  const arch::FftTiming& f = lp.plan.fft;
  for (int64_t j = 0; j < blocks; ++j) {
    const Block b = l_.fwd_in->pop();
    const int64_t t = now();
    InFlight x{false, b.index, li, lp.fft->forward_real(b.codes.data(), lp.overflow), {}};
    lp.events.fft_forward += 1;
    lp.events.butterflies += f.butterflies;
    act_.busy(t, t + f.latency + f.beats);
    pipe_.push(std::move(x), t + f.latency);
    ctx_.wait_until(t + f.ii);
  }
}

void FftUnit::inverse_blocks(int li) {
  LayerProgram& lp = layer(li);
  const arch::FftTiming& f = lp.plan.fft;
  for (int g = 0; g < lp.plan.groups; ++g) {
    const GroupResult r = l_.inv_in->pop();
    const int n = static_cast<int>(r.acc.size());
    for (int b = 0; b < n; ++b) {
      const int64_t t = now();
      InFlight x{true, r.first + b, li, {}, lp.fft->inverse_real(r.acc[b], lp.overflow)};
      lp.events.fft_inverse += 1;
      lp.events.butterflies += f.butterflies;
      act_.busy(t, t + f.latency + f.beats);
      pipe_.push(std::move(x), t + f.latency);
      if (b + 1 == n) {  // the bank is read out once the last block's beats have entered
        ctx_.wait_until(t + f.beats);
        l_.bank_free->push(r.group);
      }
      ctx_.wait_until(t + f.ii);
    }
  }
}

void FftUnit::output_side() {
  wait();
  while (true) {
    InFlight x = pipe_.pop();
    const int beats = layer(x.layer).plan.fft.beats;
    const int64_t t = x.inverse ? send(*l_.inv_out, Block{x.index, std::move(x.codes)})
                                : send(*l_.fwd_out, Spectrum{x.index, std::move(x.bins)});
    ctx_.wait_until(t + beats);  // the block streams out
  }
}

}  // namespace circa::sysc
