#include "sysc/weight_source.hpp"

#include "analytical/offchip.hpp"
#include "analytical/schedule.hpp"

namespace circa::sysc {

WeightSram::WeightSram(const sc_core::sc_module_name& name, SimContext& ctx, Program& prog,
                       Link<Command>& cmd, Link<WeightTile>& to_mac)
    : Unit(name, ctx, prog), cmd_(cmd), to_mac_(to_mac), reads_(prog.spec->weight_sram.banks, 0) {
  CIRCA_CLOCKED_THREAD(run);
}

void WeightSram::run() {
  const SramSpec& sram = spec().weight_sram;
  wait();
  while (true) {
    const Command c = cmd_.pop();
    LayerProgram& lp = layer(c.layer);
    const arch::MacTiming& m = lp.plan.mac;
    int bank = 0;
    for (int g = 0; g < lp.plan.groups; ++g) {
      const int blocks = ana::group_blocks(lp.plan, g);
      const int64_t bits = ana::issue_weight_bits(m, blocks);
      const int64_t words = (bits + sram.word_bits - 1) / sram.word_bits;
      const int64_t stream = (bits + m.sram_bits_per_cycle - 1) / m.sram_bits_per_cycle;
      for (int j = 0; j < lp.plan.geom.q; ++j) {
        const int64_t t =
            send(to_mac_, WeightTile{g, j, g * m.parallel_blocks, blocks, stream});
        for (int64_t w = 0; w < words; ++w, bank = (bank + 1) % sram.banks) {
          ++reads_[bank];
          ++lp.events.sram_reads_per_bank[bank];
        }
        lp.events.sram_read_bits += words * sram.word_bits;
        act_.busy(t, t + stream);
        ctx_.wait_until(t + stream);
      }
    }
  }
}

OffchipInterface::OffchipInterface(const sc_core::sc_module_name& name, SimContext& ctx,
                                   Program& prog, Link<Command>& cmd, Link<WeightTile>& to_mac)
    : Unit(name, ctx, prog), cmd_(cmd), to_mac_(to_mac) {
  CIRCA_CLOCKED_THREAD(run);
}

void OffchipInterface::run() {
  ana::OffchipStream stream(spec());
  wait();
  while (true) {
    const Command c = cmd_.pop();
    LayerProgram& lp = layer(c.layer);
    const arch::MacTiming& m = lp.plan.mac;
    const int64_t t0 = now();  // the product's cycle 0: the stream starts
    stream.restart();
    for (int g = 0; g < lp.plan.groups; ++g) {
      const int blocks = ana::group_blocks(lp.plan, g);
      for (int j = 0; j < lp.plan.geom.q; ++j) {
        const int64_t before = stream.bytes();
        const int64_t ready = t0 + stream.ready_cycle_after(ana::issue_weight_bits(m, blocks));
        lp.events.offchip_bytes += stream.bytes() - before;
        act_.busy(now(), ready);  // bytes are arriving
        ctx_.wait_until(ready);
        send(to_mac_, WeightTile{g, j, g * m.parallel_blocks, blocks, 0});
      }
    }
  }
}

}  // namespace circa::sysc
