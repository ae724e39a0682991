// The frequency-domain MAC array: `lanes` complex multiply-accumulate lanes working on P output
// blocks side by side (arch::mac_timing). Per output group it takes an accumulator bank (a
// credit from the IFFT side), then for j = 0..q-1 (ascending: the golden accumulation order)
// (a reuse conv product: its on-image blocks only, sysc::product_blocks) joins the weight tile
// and input spectrum X_j and accumulates with the golden
// complex_product/accumulate per bin. An issue occupies max(issue_cycles, the tile's stream
// cycles); the bank is final arch::group_ready_latency cycles after the last issue (kMacLatency,
// plus the weight SRAM's read latency beyond one for resident weights).
#pragma once

#include <vector>

#include "sysc/spectrum_buffer.hpp"
#include "sysc/unit.hpp"

namespace circa::sysc {

struct MacLinks {
  Link<Command>* cmd = nullptr;
  Link<WeightTile>* sram = nullptr;
  Link<WeightTile>* offchip = nullptr;
  Link<SpectrumRef>* spectra = nullptr;
  Link<int>* bank_free = nullptr;        ///< credits: one per accumulator bank
  Link<GroupResult>* banks = nullptr;    ///< full banks to the IFFT
};

class MacArray : public Unit {
 public:
  SC_HAS_PROCESS(MacArray);
  MacArray(const sc_core::sc_module_name& name, SimContext& ctx, Program& prog,
           const MacLinks& links);

 private:
  void run();
  void run_group(LayerProgram& lp, int g);

  std::vector<int> js_;  ///< the product's input blocks, in issue order
  void issue(LayerProgram& lp, const WeightTile& w, const SpectrumRef& x, GroupResult& r);

  MacLinks l_;
};

}  // namespace circa::sysc
