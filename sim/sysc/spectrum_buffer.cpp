#include "sysc/spectrum_buffer.hpp"

#include "arch/conv_dataflow.hpp"
#include "common/error.hpp"
#include "numerics/reference.hpp"

namespace circa::sysc {

SpectrumBuffer::SpectrumBuffer(const sc_core::sc_module_name& name, SimContext& ctx,
                               Program& prog, Link<Command>& cmd, Link<Spectrum>& from_fft,
                               Link<SpectrumRef>& to_mac, Link<int>& phase_a_done)
    : Unit(name, ctx, prog), cmd_(cmd), from_fft_(from_fft), to_mac_(to_mac), done_(phase_a_done) {
  CIRCA_CLOCKED_THREAD(run);
}

void SpectrumBuffer::run() {
  wait();
  while (true) {
    const Command c = cmd_.pop();
    LayerProgram& lp = layer(c.layer);
    if (arch::reuses_spectra(spec(), *lp.layer)) {
      if (c.fill)
        fill_rows(lp, c);
      else
        serve_reuse_product(lp, c);
      continue;
    }
    const int q = lp.plan.geom.q, k = lp.plan.geom.k, beats = lp.plan.fft.beats;
    spectra_.resize(q);
    for (int j = 0; j < q; ++j) {
      Spectrum s = from_fft_.pop();
      const int64_t t = now();
      CIRCA_CHECK(s.index == j, "input spectra arrive in order");
      spectra_[j] = std::move(s.bins);
      lp.events.act_spectrum_writes += k / 2 + 1;
      act_.busy(t, t + beats);
      if (j + 1 == q) {
        ctx_.wait_until(t + beats - 1);  // the last bins are written in this cycle
        send(done_, 0);
      }
    }
    for (int g = 0; g < lp.plan.groups; ++g) {
      for (int j = 0; j < q; ++j) {
        const int64_t t = send(to_mac_, SpectrumRef{j, &spectra_[j]});
        lp.events.act_spectrum_reads += lp.plan.mac.slots;
        act_.busy(t, t + 1);
      }
    }
  }
}

void SpectrumBuffer::fill_rows(LayerProgram& lp, const Command& c) {
  const Layer& l = *lp.layer;
  const int k = lp.plan.geom.k, beats = lp.plan.fft.beats;
  const int cb = static_cast<int>(num::blocks_for(l.in_channels, k));
  line_.resize(static_cast<size_t>(arch::line_buffer_spectra(l, k)));
  const arch::Span rows = arch::fill_rows(l, static_cast<int>(c.product / lp.plan.geom.out_width));
  const int n = rows.count() * l.in_width * cb;
  for (int i = 0; i < n; ++i) {
    Spectrum s = from_fft_.pop();
    const int64_t t = now();
    CIRCA_CHECK(s.index == i, "row-fill spectra arrive in order");
    const int r = rows.first + i / (l.in_width * cb), x = i / cb % l.in_width;
    line_[arch::line_slot(l, k, r, x, i % cb)] = std::move(s.bins);
    lp.events.act_spectrum_writes += k / 2 + 1;
    act_.busy(t, t + beats);
    if (i + 1 == n) {
      ctx_.wait_until(t + beats - 1);  // the last bins are written in this cycle
      send(done_, 0);
    }
  }
}

void SpectrumBuffer::serve_reuse_product(LayerProgram& lp, const Command& c) {
  const Layer& l = *lp.layer;
  const int k = lp.plan.geom.k, ow_n = lp.plan.geom.out_width;
  const int cb = static_cast<int>(num::blocks_for(l.in_channels, k));
  const int oy = static_cast<int>(c.product / ow_n), ox = static_cast<int>(c.product % ow_n);
  arch::on_image_blocks(l, k, oy, ox, js_);
  for (int g = 0; g < lp.plan.groups; ++g) {
    for (int j : js_) {
      const int tap = j / cb;
      const int64_t slot = arch::line_slot(l, k, oy * l.stride - l.padding + tap / l.kernel,
                                           ox * l.stride - l.padding + tap % l.kernel, j % cb);
      const int64_t t = send(to_mac_, SpectrumRef{j, &line_[slot]});
      lp.events.act_spectrum_reads += lp.plan.mac.slots;
      act_.busy(t, t + 1);
    }
  }
}

}  // namespace circa::sysc
