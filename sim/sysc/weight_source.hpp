// The two sources of weight spectra for the MAC array, one issue (group g, input block j) at a
// time in issue order:
// - WeightSram: resident layers. An issue's ceil(P_g*slots*weight_bits / word_bits) words are
//   read round-robin over the banks (bank pointer back to 0 at each product) and stream in over
//   ceil(bits / sram_bits_per_cycle) cycles (the banks' read ports), from the handshake.
// - OffchipInterface: streamed layers. From the product's cycle 0 the bytes arrive at the
//   off-chip latency and bandwidth (ana::OffchipStream); an issue is offered once all its bytes
//   are in (a stream buffer deep enough never to throttle the memory).
#pragma once

#include <vector>

#include "sysc/unit.hpp"

namespace circa::sysc {

class WeightSram : public Unit {
 public:
  SC_HAS_PROCESS(WeightSram);
  WeightSram(const sc_core::sc_module_name& name, SimContext& ctx, Program& prog,
             Link<Command>& cmd, Link<WeightTile>& to_mac);

  /// Word reads per bank over the whole run.
  const std::vector<int64_t>& reads_per_bank() const { return reads_; }

 private:
  void run();

  Link<Command>& cmd_;
  Link<WeightTile>& to_mac_;
  std::vector<int64_t> reads_;
};

class OffchipInterface : public Unit {
 public:
  SC_HAS_PROCESS(OffchipInterface);
  OffchipInterface(const sc_core::sc_module_name& name, SimContext& ctx, Program& prog,
                   Link<Command>& cmd, Link<WeightTile>& to_mac);

 private:
  void run();

  Link<Command>& cmd_;
  Link<WeightTile>& to_mac_;
};

}  // namespace circa::sysc
