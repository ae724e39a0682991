// Internal to the FFT generators: the pipelined radix-2 DIT core shared by the forward, inverse
// and shared (both directions on one unit) pipelined FFT units. See fft_pipelined.cpp.
#pragma once

#include <string>
#include <vector>

#include "gen/design.hpp"
#include "gen/emitter.hpp"
#include "gen/netlist.hpp"
#include "numerics/fft_fixed.hpp"

namespace circa::gen {

/// One arithmetic mode of the core: every butterfly rounds (F + shift bits) and fits to `data`.
struct FftMode {
  FixedFormat data;
  int shift = 0;
};

struct FftCoreParams {
  int k = 0;                   ///< points
  int lanes = 0;               ///< samples per cycle S (power of two, <= k)
  int stage_latency = 0;       ///< register stages per butterfly stage
  std::vector<FftMode> modes;  ///< one (a direction of its own) or two (shared unit: mode input)
  FixedFormat twiddle;
  bool fault = false;  ///< tests only: the faulty butterfly
};

/// Width of one real component on the core's buses: the widest mode's data format.
int core_width(const FftCoreParams& p);

/// Emits the core into a module body. Reads `feed_v` and the bus `feed` (lane l: re at bits
/// [(2l+1)W +: W], im at [2lW +: W], natural order: beat t lane l = sample t*S + l), and with
/// two modes the 1-bit signal `mode`; defines `core_v` and the bus `core_d` (same packing) in
/// bit-reversed order: beat t lane l = bin bitrev(t*S + l). Latency: arch pipelined latency.
void emit_fft_core(Body& b, Design& d, const FftCoreParams& p);

/// The iterative core (fft_iterative.cpp): same signals, outputs in natural order (beat t lane l
/// = bin t*S + l); a block's beats consecutive, blocks at least arch ii apart.
void emit_fft_iterative_core(Body& b, Design& d, const FftCoreParams& p);

/// Bits [(2l+1)W +: W] / [2lW +: W] of a core bus.
std::string lane_re(const std::string& bus, int lane, int w);
std::string lane_im(const std::string& bus, int lane, int w);

/// The butterfly of the core: gen_butterfly (combinational) for one mode, a two-mode variant
/// with a `mode` port otherwise.
std::string gen_core_butterfly(Design& d, const FftCoreParams& p);

}  // namespace circa::gen
