// Internal to the top-level generator (top*.cpp): every constant the top module is built from,
// derived once from the spec and arch (fft_timing, mac_timing), and the emitters of its parts.
// All parts write into one module body (a netlist Body); the signals they share are named once,
// in namespace net below, and a part declares what it drives.
#pragma once

#include <string>
#include <vector>

#include "arch/layer_program.hpp"
#include "arch/memory_map.hpp"
#include "arch/microarch.hpp"
#include "gen/design.hpp"
#include "gen/emitter.hpp"
#include "gen/netlist.hpp"
#include "gen/top.hpp"
#include "gen/units.hpp"
#include "numerics/layer.hpp"

namespace circa::gen {

struct TopPlan {
  const AcceleratorSpec* spec = nullptr;
  int block_size = 0, log2_block = 0;          ///< k, log2 k
  int samples_per_beat = 0, log2_samples = 0;  ///< S samples per beat (FFT lanes), log2 S
  int beats = 0, log2_beats = 0;               ///< beats per block (k / S), log2 beats
  arch::FftTiming fft;
  arch::MacTiming mac;
  int parallel_blocks = 0;  ///< output blocks one MAC issue serves
  int block_words = 0;      ///< spectrum words per block (k/2+1, or k/2 packed)
  int issue_cycles = 0;     ///< cycles of one MAC issue
  int mac_lanes = 0;
  int accumulator_banks = 0;
  bool packed = false;       ///< packed_real: word 0 = (bin 0, bin k/2) real pair
  bool pipelined = false;    ///< bit-reversed unit outputs (else natural: unrolled, iterative)
  bool unrolled = false;     ///< units take and give whole blocks (k/2+1 bins in one beat)
  int fft_gap = 0;           ///< ii - beats: idle cycles between two blocks into a unit (iterative)
  bool shared_fft = false;   ///< one FFT unit for both directions
  int q_max = 0, p_max = 0;  ///< largest layer the buffers hold (input blocks, output blocks)
  int q_bits = 0, p_bits = 0;  ///< bits of cfg_q / cfg_p
  int weight_word_bits = 0;    ///< bits of one weight word (re, im)
  arch::DescriptorBits desc;   ///< bits of each layer-table field
  int max_layers = 0;          ///< layer descriptors the program table holds
  int layer_bits = 0;          ///< bits of layer_idx
  int cfg_addr_bits = 0;       ///< {layer, field}
  int in_features_bits = 0;    ///< bits of a layer's input sample count (up to q_max * k)
  int bias_block_bits = 0;     ///< bits of a bias block index (the bias banks' blocks)
  arch::MemoryMap memory;  ///< every memory's shape (weight rows, FIFO, buffers)
  int fft_out_bits = 0,
      ifft_out_bits = 0;  ///< bits of one FFT / IFFT output component on the unit's ports
  std::string fft_module, ifft_module;  ///< FFT unit module names (equal when shared)
  std::vector<int> bit_reverse;         ///< bit reversal of log2 k bits
  Faults faults;                        ///< tests only: a deliberately broken top
  bool images = false;                  ///< bias banks load bias_bank<i>.hex ($readmemh)
  bool weight_images = false;           ///< weight banks load weights_bank<i>.hex
  bool lstm = false;  ///< the lstm time-step loop and cell unit are built (formats.output allows)
  bool reuse = false;  ///< conv layers run controller.conv_dataflow: reuse (top_reuse.cpp)

  /// Sample index carried by IFFT output beat t, lane l (and spectrum bin of FFT output (t, l)).
  int out_index(int t, int l) const;
  /// Output/bias bank of sample m of a block, and its word within the block's `beats` rows.
  int bank_of(int m) const;
  int bank_shift() const;  ///< bank_of xors m >> bank_shift() into m's low log2_samples bits
  int row_of(int m) const;
  /// The accumulator word and component of bin b: word, and true when the value is the word's im.
  int word_of_bin(int b, bool* in_im) const;
};

/// Signals of the top's body that parts in different files share, named once here. The part
/// that drives one declares it (Body refuses a second declaration); the others use the constant.
namespace net {
// FSM (top_control.cpp)
inline const std::string state = "state";            ///< ST_IDLE, ST_RUN, ST_DRAIN
inline const std::string running = "running";        ///< state == ST_RUN
inline const std::string start_fire = "start_fire";  ///< start accepted (idle and start)
inline const std::string layer_start = "layer_start";  ///< a layer's first cycle: start accepted,
                                                       ///< or the switch to the next layer
inline const std::string done_now = "done_now";        ///< a product's last output is written
inline const std::string product_start = "product_start";  ///< a product's input row 0 is read
inline const std::string product_last = "product_last";    ///< the product is its layer's last
inline const std::string drain_end = "drain_end";    ///< the output stream is over (output side)
// layer program (top_program.cpp)
inline const std::string layer_idx = "layer_idx";        ///< the running layer
inline const std::string from_outputs = "from_outputs";  ///< its input is in the output banks
// input buffer and phase A (top_control.cpp)
inline const std::string in_fire = "in_fire";        ///< an input row is accepted
inline const std::string inbuf_read = "inbuf_read";  ///< phase A reads an input-buffer row
inline const std::string inbuf_addr = "inbuf_addr";
inline const std::string phase_a_row = "phase_a_row";  ///< the product's input row read now
inline const std::string phase_a_block_end = "phase_a_block_end";  ///< a block's last row read
// conv (top_gather.cpp)
inline const std::string gather_addr = "gather_addr";  ///< the input-buffer row of the tap read
inline const std::string gather_pad = "gather_pad";    ///< the tap read is off the image
inline const std::string out_base = "out_base";        ///< first output row of the running product
inline const std::string pool_first = "pool_first";    ///< it writes (not pools into) its rows
inline const std::string pool_drop = "pool_drop";      ///< it writes nothing (odd last row, column)
inline const std::string fft_feed_valid = "fft_feed_valid";  ///< the row read enters the FFT
inline const std::string act_row = "act_row";  ///< that row: input buffer or re-quantised outputs
inline const std::string inverse_phase = "inverse_phase";    ///< phase A over (shared unit inverse)
// conv_dataflow: reuse (top_reuse.cpp; constants of the plain sequencer in other tops)
inline const std::string reuse_go = "reuse_go";  ///< product_start of a reuse product without a
                                                 ///< row fill: its MAC reads in this cycle
inline const std::string fill_blocks = "fill_blocks";        ///< blocks of the running row fill
inline const std::string spectrum_waddr = "spectrum_waddr";  ///< spectrum buffer write row
inline const std::string spectrum_raddr = "spectrum_raddr";  ///< ... and read row
inline const std::string mac_j = "mac_j";  ///< input block j of the issue being read
inline const std::string mac_first_block = "mac_first_block";  ///< it is its group's first
inline const std::string mac_last_block = "mac_last_block";    ///< ... its group's last
inline const std::string mac_prod_end = "mac_prod_end";  ///< the product's last group's last read
/// The cycle before the product's cycle 0, from which its weights stream: product_start, or a
/// row fill's last spectrum write
inline const std::string stream_start = "stream_start";
// lstm (top_lstm.cpp)
inline const std::string lstm_x_row = "lstm_x_row";  ///< first input row of the step's x_t
inline const std::string lstm_hidden_blocks = "lstm_hidden_blocks";  ///< q - x blocks (p bits)
inline const std::string lstm_h_now = "lstm_h_now";                  ///< phase A reads h_{t-1} now
inline const std::string lstm_h_addr = "lstm_h_addr";                ///< its output-bank row
inline const std::string lstm_step0 = "lstm_step0";                  ///< the running step is t = 0
inline const std::string lstm_last_step = "lstm_last_step";          ///< ... is the layer's last
inline const std::string lstm_done = "lstm_done";  ///< the cell update's last write (c)
inline const std::string lstm_read = "lstm_read";  ///< the cell update reads an output-bank row
inline const std::string lstm_raddr = "lstm_raddr";
inline const std::string lstm_we = "lstm_we";  ///< the cell update writes an output-bank row
inline const std::string lstm_waddr = "lstm_waddr";
inline const std::string lstm_wbeat = "lstm_wbeat";  ///< the beat within its block of that row
inline const std::string lstm_wdata = "lstm_wdata";  ///< S natural lanes (h_t or c)
// spectrum capture and buffer (top_control.cpp)
inline const std::string spectrum_valid = "spectrum_valid";  ///< an FFT output beat of phase A
inline const std::string spectrum_beat = "spectrum_beat";    ///< its beat within the block
inline const std::string spectrum_we = "spectrum_we";
inline const std::string spectrum_wrow = "spectrum_wrow";  ///< input block being written
inline const std::string spectrum_re = "spectrum_re";
// MAC sequencer (top_control.cpp)
inline const std::string mac_read = "mac_read";          ///< the read stage before an issue cycle
inline const std::string mac_block = "mac_block";        ///< input block j of the issue being read
inline const std::string weight_row = "weight_row";      ///< weight row being read
inline const std::string stream_row = "stream_row";      ///< weight row popped from the stream FIFO
inline const std::string issue_valid = "issue_valid";    ///< an issue cycle
inline const std::string issue_first = "issue_first";    ///< of the first input block (acc from 0)
inline const std::string issue_cycle = "issue_cycle";    ///< c within the issue
inline const std::string issue_bank = "issue_bank";      ///< accumulator bank of the group
inline const std::string group_final = "group_final";    ///< a group's accumulators are final
inline const std::string bank_release = "bank_release";  ///< one-hot: the IFFT read the bank
// FFT units and the IFFT feed (top.cpp, top_datapath.cpp, top_banks.cpp)
inline const std::string fft_out_valid = "fft_out_valid";
inline const std::string fft_out_re = "fft_out_re";
inline const std::string fft_out_im = "fft_out_im";
inline const std::string ifft_feed_valid = "ifft_feed_valid";
inline const std::string ifft_in_re = "ifft_in_re";
inline const std::string ifft_in_im = "ifft_in_im";
inline const std::string ifft_out_valid = "ifft_out_valid";
inline const std::string ifft_out_data = "ifft_out_data";
/// Accumulator arrays of MAC lane l (top_datapath.cpp), read by the IFFT feed (top_banks.cpp).
inline std::string acc_re(int lane) {
  return "acc_re_" + std::to_string(lane);
}
inline std::string acc_im(int lane) {
  return "acc_im_" + std::to_string(lane);
}
}  // namespace net

/// Derives the plan; ConfigError when the spec is outside what the top generator covers.
TopPlan make_top_plan(const AcceleratorSpec& s, const std::string& fwd, const std::string& inv);

/// $readmemh images of a network: weights_bank<i>.hex (weight SRAM banks), bias_bank<i>.hex, and
/// layer_program.hex.
void add_top_images(Design& d, const TopPlan& p, const NetworkImage& net);

/// Waits ii - beats cycles after a block's last beat (top_control.cpp): defines `<pre>_ok` (and
/// the counter `<pre>_gap` when ii > beats).
void emit_gap(Body& b, const TopPlan& p, const std::string& pre, const std::string& last,
              const std::string& clear);

std::string n2s(int64_t v);
int bits_for(int64_t max_value);  ///< bits to hold 0..max_value
std::string zext(const std::string& x, int w, int to);  ///< a w-bit unsigned x in `to` bits

// Part emitters (top_control.cpp, top_datapath.cpp, top_output.cpp, top_banks.cpp).
void emit_layer_table(Body& b, const TopPlan& p);  ///< descriptors, cfg_* of the running layer
void emit_control(Body& b, const TopPlan& p);  ///< FSM, phase A, MAC sequencer, stream FIFO
void emit_gather(Body& b, const TopPlan& p);   ///< conv: window and pixel walks
/// conv_dataflow: reuse: the nets the controller reads (before it), then the row fills, the line
/// buffer's ring and the MAC's walk over a pixel's on-image taps (after the MAC sequencer).
void declare_reuse_nets(Body& b, const TopPlan& p);
void emit_reuse(Body& b, const TopPlan& p);
/// The output pixel walk `<pre>_ox`, `<pre>_oy` (and `<pre>_oxs`, `<pre>_oys` = ox, oy x
/// `stride` when given) that steps on `step`: row-major, or when `window_order` and cfg_pool each
/// 2x2 window's pixels in a row (arch::product_pixel). Wraps to 0 after the last pixel.
void emit_pixel_step(Body& b, const TopPlan& p, const std::string& pre, const std::string& step,
                     const std::string& stride, bool window_order);
/// Bits [lo + want - 1 : lo] of the `have`-bit signal x, zero-extended when it has fewer.
std::string bits_from(const std::string& x, int have, int lo, int want);
/// lstm: the nets other parts read (before them), then the time-step loop's addresses and the
/// cell update (constants when !p.lstm), after the output banks whose lanes it reads.
void declare_lstm_nets(Body& b, const TopPlan& p);
void emit_lstm(Body& b, Design& d, const TopPlan& p);
/// Input buffer, FFT unit(s), spectrum buffer.
void emit_input_and_fft(Body& b, const Design& d, const TopPlan& p);
/// Weight SRAM or stream, MAC lanes, accumulators.
void emit_mac(Body& b, Design& d, const TopPlan& p);
/// IFFT sequencer and feed, then emit_output_banks.
void emit_ifft_and_output(Body& b, Design& d, const TopPlan& p);
/// Peripheral, bias and output banks, output stream.
void emit_output_banks(Body& b, Design& d, const TopPlan& p);

}  // namespace circa::gen
