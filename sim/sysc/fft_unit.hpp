// The FFT unit (radix-2, style and throughput from arch::fft_timing): a block enters over `beats`
// cycles from its first-beat handshake, its first output beat leaves `latency` cycles later, and
// the next block may enter `ii` cycles after the previous one. Each block is transformed by the
// golden FixedFft (bit-exact by construction). As the shared unit it runs the q forward
// transforms of phase A and then the p inverse transforms (conj-FFT-conj); as a separate IFFT it
// runs only the latter. After the last block of a group it frees that accumulator bank.
#pragma once

#include <vector>

#include "sysc/unit.hpp"

namespace circa::sysc {

struct FftLinks {
  Link<Command>* cmd = nullptr;
  Link<Block>* fwd_in = nullptr;         ///< time-domain input blocks (forward)
  Link<Spectrum>* fwd_out = nullptr;     ///< input spectra to the spectrum buffer
  Link<GroupResult>* inv_in = nullptr;   ///< accumulator banks (inverse)
  Link<Block>* inv_out = nullptr;        ///< output blocks to the peripheral
  Link<int>* bank_free = nullptr;        ///< credits back to the MAC array
};

class FftUnit : public Unit {
 public:
  enum class Mode { forward, inverse, shared };

  SC_HAS_PROCESS(FftUnit);
  FftUnit(const sc_core::sc_module_name& name, SimContext& ctx, Program& prog, Mode mode,
          const FftLinks& links);

 private:
  struct InFlight {
    bool inverse = false;
    int index = 0;
    int layer = 0;
    std::vector<num::CFixed> bins;
    std::vector<int64_t> codes;
  };

  void input_side();
  void output_side();
  void forward_blocks(int li, int64_t blocks);
  void inverse_blocks(int li);
  int pipeline_capacity() const;

  Mode mode_;
  FftLinks l_;
  Link<InFlight> pipe_;  ///< blocks inside the butterfly pipeline, in order
};

}  // namespace circa::sysc
