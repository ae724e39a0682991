#include "sysc/spectrum_buffer.hpp"

#include "common/error.hpp"

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

}  // namespace circa::sysc
