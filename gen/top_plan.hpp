// Internal to the top-level generator (top*.cpp): every constant the top module is built from,
// derived once from the spec and arch (fft_timing, mac_timing), and the emitters of its parts.
// All parts write into one module body and share its signal names (listed per part below).
#pragma once

#include <string>
#include <vector>

#include "arch/microarch.hpp"
#include "gen/design.hpp"
#include "gen/emitter.hpp"
#include "gen/units.hpp"
#include "numerics/layer.hpp"

namespace circa::gen {

struct TopPlan {
  const AcceleratorSpec* s = nullptr;
  int k = 0, n = 0;            ///< block size, log2 k
  int S = 0, r = 0;            ///< samples per beat, log2 S
  int beats = 0, T = 0;        ///< beats per block, log2 beats
  arch::FftTiming fft;
  arch::MacTiming mac;
  int P = 0, slots = 0, ic = 0, lanes = 0, B = 0;  ///< parallel blocks, words, issue cycles, lanes, banks
  bool packed = false;         ///< packed_real: word 0 = (bin 0, bin k/2) real pair
  bool pipelined = false;      ///< bit-reversed unit outputs (else natural: unrolled, iterative)
  bool unrolled = false;       ///< units take and give whole blocks (k/2+1 bins in one beat)
  int gap = 0;                 ///< ii - beats: idle cycles between two blocks into a unit (iterative)
  bool shared = false;         ///< one FFT unit for both directions
  int q_max = 0, p_max = 0;    ///< largest layer the buffers hold (input blocks, output blocks)
  int qw = 0, pw = 0;          ///< bits of cfg_q / cfg_p
  int wb = 0;                  ///< bits of one weight word (re, im)
  int nb = 0, groups = 0;      ///< SRAM banks side by side per weight row; rows interleave over groups
  int64_t wdepth = 0;          ///< words per weight-SRAM bank
  int row_bits = 0;            ///< nb * word_bits
  int wsd = 0;                 ///< weight-stream FIFO rows: a power of two >= 2 issues (2 * ic)
  int64_t w_rows = 0;          ///< weight rows the SRAM holds
  int fw = 0, iw = 0;          ///< bits of one FFT / IFFT output component on the unit's ports
  std::string fwd, inv;        ///< FFT unit module names (equal when shared)
  std::vector<int> rev;         ///< bit reversal of log2 k bits
  bool images = false;         ///< bias banks load bias_bank<i>.hex ($readmemh)
  bool weight_images = false;  ///< weight banks load weights_bank<i>.hex

  /// Sample index carried by IFFT output beat t, lane l (and spectrum bin of FFT output (t, l)).
  int out_index(int t, int l) const;
  /// Output/bias bank of sample m of a block, and its word within the block's `beats` rows.
  int bank_of(int m) const;
  int bank_shift() const;  ///< bank_of xors m >> bank_shift() into m's low r bits
  int row_of(int m) const;
  /// The accumulator word and component of bin b: word, and true when the value is the word's im.
  int word_of_bin(int b, bool* in_im) const;
};

/// Derives the plan; ConfigError when the spec is outside what the top generator covers.
TopPlan make_top_plan(const AcceleratorSpec& s, const std::string& fwd, const std::string& inv);

/// $readmemh images of a layer: weights_bank<i>.hex (weight SRAM banks), bias_bank<i>.hex.
void add_top_images(Design& d, const TopPlan& p, const num::QuantisedLayer& layer);

/// Waits ii - beats cycles after a block's last beat (top_control.cpp): defines `<pre>_ok`.
void emit_gap(Emitter& e, const TopPlan& p, const std::string& pre, const std::string& last, const std::string& clear);

std::string n2s(int64_t v);
int bits_for(int64_t max_value);  ///< bits to hold 0..max_value

// Part emitters (top_control.cpp, top_datapath.cpp, top_output.cpp, top_banks.cpp).
void emit_control(Emitter& e, const TopPlan& p);      ///< FSM, phase A, MAC and IFFT sequencers
void emit_input_and_fft(Emitter& e, const TopPlan& p);///< input buffer, FFT unit(s), spectrum buffer
void emit_mac(Emitter& e, Design& d, const TopPlan& p);///< weight SRAM or stream, MAC lanes, accumulators
void emit_ifft_and_output(Emitter& e, Design& d, const TopPlan& p); ///< IFFT sequencer and feed, then:
void emit_output_banks(Emitter& e, Design& d, const TopPlan& p);    ///< peripheral, bias/output banks, drain

}  // namespace circa::gen
