// Per-unit Verilog generators. Each adds its module (and the modules it instantiates) to a
// Design and returns the module name; names encode the parameters. Every unit has a bit-exact
// reference in sim/numerics, which the tests in tests/rtl drive it against.
#pragma once

#include <string>

#include "arch/memory_map.hpp"
#include "gen/design.hpp"
#include "numerics/fft_fixed.hpp"
#include "spec/accelerator_spec.hpp"

namespace circa::gen {

/// Deliberate faults, to prove the self-checking testbenches can fail. Never set by `circa gen`
/// unless asked for explicitly.
struct Faults {
  bool butterfly = false;    ///< flip the LSB of every butterfly's y_im output
  bool done_late = false;    ///< the top's done (and the end of busy) one cycle late
  bool drop_out_beat = false;  ///< the top's output stream skips row 2 (its third beat)
};

/// Radix-2 DIT butterfly, num::butterfly(): x = (a<<F + b*w) >> (F+shift), y = (a<<F - b*w) >>
/// (F+shift), per component in `data`. Ports a_*, b_* (data), w_* (twiddle), x_*, y_*;
/// `stage_latency` output registers (0: combinational, no clk port).
std::string gen_butterfly(Design& d, const FixedFormat& data, const FixedFormat& twiddle, int shift,
                          int stage_latency, bool fault);

/// Twiddle ROM of a k-point FFT (k >= 4): addr e in 0..k/2-1 -> W_k^e (num::TwiddleRom),
/// combinational.
std::string gen_twiddle_rom(Design& d, const num::TwiddleRom& rom);

/// Fully unrolled forward FFT of a real block: in_data = k samples of formats.input (sample n at
/// bits n*W), out_re/out_im = bins 0..k/2 of formats.fft; latency log2(k) * stage_latency, one
/// block per cycle; in_valid -> out_valid.
std::string gen_fft_unrolled_forward(Design& d, const AcceleratorSpec& s, int k, const Faults& f);

/// Fully unrolled inverse: in_re/in_im = bins 0..k/2 of formats.accumulator, out_data = k real
/// codes of formats.ifft (num::FixedFft::inverse_real).
std::string gen_fft_unrolled_inverse(Design& d, const AcceleratorSpec& s, int k, const Faults& f);

/// The three functions below also generate fft.style iterative units (gen/fft_iterative.cpp):
/// same ports, outputs in natural order (beat t lane l = bin/sample t*S + l), ii = arch ii.
/// Pipelined (multi-path delay-feedback) forward FFT, S = min(samples_per_cycle, k) samples per
/// beat: in_data = beat t's samples t*S .. t*S+S-1 (formats.input); out_re/out_im lane l of
/// output beat t = bin bitrev(t*S + l) of formats.fft. Latency and ii as arch::fft_timing; a
/// block's beats must be consecutive cycles. The same arithmetic as num::FixedFft::forward_real.
std::string gen_fft_pipelined_forward(Design& d, const AcceleratorSpec& s, int k, const Faults& f);

/// Pipelined inverse: in_re/in_im lane l of beat t = accumulator bin min(i, k-i), i = t*S + l;
/// out_data lane l of beat t = sample bitrev(t*S + l) of formats.ifft (inverse_real).
std::string gen_fft_pipelined_inverse(Design& d, const AcceleratorSpec& s, int k, const Faults& f);

/// fft.shared_ifft: one pipelined unit for both directions. mode 0 takes in_data and works like
/// the forward unit, mode 1 takes in_re/in_im like the inverse one (result in out_re); outputs
/// are max(fft, ifft) bits wide, sign-extended. `mode` must not change while a block is inside.
std::string gen_fft_pipelined_shared(Design& d, const AcceleratorSpec& s, int k, const Faults& f);

/// Product stage: x (formats.fft) times w (formats.weight), requantized to formats.product;
/// one register stage. With `pair`, a `pair` input makes it multiply re*re and im*im instead
/// (packed_real word 0: bins 0 and k/2, both real).
std::string gen_cmul(Design& d, const DatapathFormats& f, bool pair = false);

/// Saturating accumulator with `depth` addressed entries: acc[addr] = fit((first ? 0 :
/// acc[addr]) + p) in formats.accumulator; one register stage; out_* is the written value.
std::string gen_accumulator(Design& d, const DatapathFormats& f, int depth);

/// One MAC lane: cmul then accumulator (arch::kMacLatency stages).
std::string gen_mac_lane(Design& d, const DatapathFormats& f, int depth);

/// Peripheral unit for `lanes` samples per beat: requantize formats.ifft -> formats.output,
/// + bias when cfg_bias (fit), ReLU when cfg_relu; arch::kPeripheralLatency register stages.
std::string gen_peripheral(Design& d, const DatapathFormats& f, int lanes);

/// LSTM cell unit for `lanes` hidden units per beat (num::lstm_cell_unit): gate_i/f/g/o and
/// cell_in in formats.output -> cell_out, h_out (formats.output) and h_next (h requantised to
/// formats.input, the recurrent input); arch::kPeripheralLatency register stages.
std::string gen_lstm_cell(Design& d, const DatapathFormats& f, int lanes);

/// The banked weight SRAM wrapper: banks of rtl/circa_sram_1rw for one read/write port per bank,
/// of rtl/circa_sram_1r1w (one read, one write port) for every other mix the spec allows; read
/// data `read_latency` cycles after the address (read_latency - 1 stages after the banks).
std::string gen_weight_sram(Design& d, const arch::MemoryShape& m, int read_latency, bool images);

}  // namespace circa::gen
