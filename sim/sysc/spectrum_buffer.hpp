// The input-spectrum half of the activation buffer: phase A writes the q spectra (k/2+1 bins
// each, one block per `beats` cycles) and reports, in the cycle of the last write, that phase A
// is over; then it serves the MAC array one input spectrum per issue, j ascending, once per
// output group (X_j is read G times). A reuse conv layer's row fills write the new input rows'
// spectra into the line buffer (slots arch::line_slot) and report like phase A; its products
// read the on-image blocks' spectra from there, per group, j ascending.
#pragma once

#include <vector>

#include "sysc/unit.hpp"

namespace circa::sysc {

/// An input spectrum as the MAC array reads it (stays valid until the next product's phase A).
struct SpectrumRef {
  int j = 0;
  const std::vector<num::CFixed>* bins = nullptr;
};

class SpectrumBuffer : public Unit {
 public:
  SC_HAS_PROCESS(SpectrumBuffer);
  SpectrumBuffer(const sc_core::sc_module_name& name, SimContext& ctx, Program& prog,
                 Link<Command>& cmd, Link<Spectrum>& from_fft, Link<SpectrumRef>& to_mac,
                 Link<int>& phase_a_done);

 private:
  void run();
  void fill_rows(LayerProgram& lp, const Command& c);
  void serve_reuse_product(LayerProgram& lp, const Command& c);

  Link<Command>& cmd_;
  Link<Spectrum>& from_fft_;
  Link<SpectrumRef>& to_mac_;
  Link<int>& done_;
  std::vector<std::vector<num::CFixed>> spectra_;
  std::vector<std::vector<num::CFixed>> line_;  ///< reuse conv: the line buffer of spectra
  std::vector<int> js_;
};

}  // namespace circa::sysc
