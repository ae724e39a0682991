#include "arch/critical_paths.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "arch/layer_program.hpp"
#include "arch/memory_map.hpp"
#include "arch/microarch.hpp"
#include "arch/unit_inventory.hpp"

namespace circa::arch {
namespace {

using Steps = decltype(LogicPath::steps);

/// Address bits of an n-entry select (a case or a register-file read): one 2:1 level each.
int select_levels(int64_t n) {
  int l = 0;
  while ((int64_t{1} << l) < n) ++l;
  return l;
}

/// rtl/circa_round_sat.v from `in_bits`, dropping `shift` fraction bits, to format `to`: with
/// shift > 0 and a rounding mode, an increment over its EW = in_bits + 2 bits adds the rounding
/// bit (truncation adds a constant 0, which synthesis removes); when EW exceeds the output, the
/// overflow test (an AND/OR over the top bits) then the clamp select follow.
void round_sat(Steps& p, int in_bits, int shift, const FixedFormat& to, const char* what) {
  const int ew = in_bits + 2;
  if (shift > 0 && to.rounding != Rounding::truncate) p.push_back({PathOp::add, ew, 0, 1, what});
  if (ew > to.bits) p.push_back({PathOp::mux2, 0, 0, 2, "overflow test and clamp"});
}

/// gen/butterfly.cpp's emit_sums + round_sat_shift: t = b*w exact (W x T), t's re/im sum, the
/// sums (a << F) +- t in sw bits, rounded (F fraction bits at least) back to W bits.
void butterfly(Steps& p, const FixedFormat& data, int W, const FixedFormat& tw) {
  const int T = tw.bits, F = tw.frac, sw = std::max(W + F, W + T + 1) + 1;
  p.push_back({PathOp::mult, W, T, 1, "b * w"});
  p.push_back({PathOp::add, W + T + 1, 0, 1, "t = p_rr - p_ii"});
  p.push_back({PathOp::add, sw, 0, 1, "(a << F) +- t"});
  round_sat(p, sw, F, {W, 0, data.rounding, data.overflow}, "round to the data format");
}

LogicPath fft_path(const AcceleratorSpec& s, UnitId id, const FixedFormat& data, bool two_modes) {
  const int W = data.bits, k = s.block_size, L = std::max(1, s.fft.stage_latency);
  LogicPath p{id, {}, 1, ""};
  switch (s.fft.style) {
    case FftStyle::pipelined:
      // fft_pipelined.cpp: the stage counter addresses the twiddle ROM (a case over k/2 words),
      // the butterfly pairs the delay line's head with the input, and its difference goes back
      // into the delay line. The last delay-feedback stage's line is one register long, so this
      // loop holds one register and retiming cannot spread it over the stage_latency registers
      // (those sit outside the loop); with k = samples_per_cycle there is no feedback.
      p.steps.push_back({PathOp::mux2, 0, 0, select_levels(k / 2), "twiddle ROM read"});
      butterfly(p.steps, data, W, s.formats.twiddle);
      if (two_modes) p.steps.push_back({PathOp::mux2, 0, 0, 1, "mode select (shared unit)"});
      p.steps.push_back({PathOp::mux2, 0, 0, 1, "bf ? difference : input into the delay line"});
      p.cycles = k / std::min(k, std::max(1, s.fft.samples_per_cycle)) >= 2 ? 1 : L;
      p.from_to = "stage counter -> twiddle ROM -> butterfly -> delay line";
      return p;
    case FftStyle::iterative:
      // fft_iterative.cpp: the butterfly reads two words of the k-word register file and writes
      // its results back in place, each batch held stage_latency cycles (a multicycle path).
      p.steps.push_back({PathOp::mux2, 0, 0, select_levels(k), "block memory read mr[ia]"});
      butterfly(p.steps, data, W, s.formats.twiddle);
      if (two_modes) p.steps.push_back({PathOp::mux2, 0, 0, 1, "mode select (shared unit)"});
      p.cycles = L;
      p.from_to = "block memory -> butterfly -> block memory (multicycle)";
      return p;
    case FftStyle::unrolled:
      // fft_unrolled.cpp: constant twiddles, stage_latency output registers per butterfly that
      // synthesis retimes into it. A constant factor is priced as a general multiplier: an
      // upper bound, since synthesis folds the constant.
      butterfly(p.steps, data, W, s.formats.twiddle);
      p.cycles = L;
      p.from_to = "stage register -> butterfly -> its output registers (retimed)";
      return p;
  }
  return p;
}

LogicPath mac_path(const AcceleratorSpec& s) {
  // top_datapath.cpp + mac.cpp gen_cmul: the spectrum row (bypass or SRAM read register), the
  // lane's word picked by issue cycle, the exact complex product, re/im sum, requantized to
  // formats.product, into the product register.
  const DatapathFormats& f = s.formats;
  const int D = f.fft.bits, Wt = f.weight.bits, sw = D + Wt + 1;
  const int issue = mac_timing(s, s.block_size).issue_cycles;
  LogicPath p{UnitId::mac_array,
              {},
              1,
              "spectrum row -> lane select -> complex multiply -> "
              "product register"};
  p.steps.push_back({PathOp::mux2, 0, 0, 1, "spectrum bypass select"});
  if (issue > 1)
    p.steps.push_back({PathOp::mux2, 0, 0, select_levels(issue), "word by issue cycle"});
  p.steps.push_back({PathOp::mult, D, Wt, 1, "x * w"});
  p.steps.push_back({PathOp::add, sw, 0, 1, "m_rr - m_ii"});
  round_sat(p.steps, sw, f.fft.frac + f.weight.frac - f.product.frac, f.product,
            "round to formats.product");
  return p;
}

LogicPath accumulator_path(const AcceleratorSpec& s) {
  // mac.cpp gen_accumulator: acc[addr] read from its register file, zeroed on `first`, plus the
  // product, saturated to formats.accumulator (no fraction bits dropped), written back.
  const int A = s.formats.accumulator.bits;
  LogicPath p{UnitId::accumulators, {}, 1, "addr register -> acc[addr] + p -> acc[addr]"};
  p.steps.push_back(
      {PathOp::mux2, 0, 0, select_levels(memory_map(s).accumulators.depth), "acc[addr] read"});
  p.steps.push_back({PathOp::mux2, 0, 0, 1, "first ? 0"});
  p.steps.push_back({PathOp::add, A + 1, 0, 1, "acc + p"});
  round_sat(p.steps, A + 1, 0, s.formats.accumulator, "");
  return p;
}

LogicPath peripheral_path(const AcceleratorSpec& s) {
  // peripheral.cpp: the IFFT sample requantized to formats.output, + bias and fit, the
  // cfg_bias and ReLU selects, into out_q.
  const DatapathFormats& f = s.formats;
  const int O = f.output.bits;
  LogicPath p{UnitId::peripheral, {}, 1, "IFFT sample -> requantize -> + bias -> ReLU -> out_q"};
  round_sat(p.steps, f.ifft.bits, f.ifft.frac - f.output.frac, f.output, "round to formats.output");
  p.steps.push_back({PathOp::add, O + 1, 0, 1, "+ bias"});
  round_sat(p.steps, O + 1, 0, f.output, "");
  p.steps.push_back({PathOp::mux2, 0, 0, 2, "cfg_bias and ReLU selects"});
  return p;
}

LogicPath lstm_path(const AcceleratorSpec& s) {
  // lstm_cell.cpp gen_lstm_lane, kLstmCellLatency stages, one multiply each. Stage 1, gate
  // registers -> fc_q / ig_q: hard sigmoid, sig(i) * tanh(g) (the hard tanh's clamp runs beside
  // the sigmoid), rounded. Stage 2, fc_q / ig_q / sig_o_q -> the cell unit's output registers:
  // c' = fit(f*c + i*g), hard tanh, sig(o) * tanh(c'), rounded, h_next in formats.input.
  // Both hold the multiply, its rounding, an (O+1)-bit add and two mux levels. Beyond them stage
  // 1 holds the sigmoid's x/4 round: two mux levels and, with a rounding output format, an adder;
  // stage 2 the hard tanh's two mux levels and h_next's round: two more when it narrows and, with
  // a rounding input format dropping fraction bits, an adder. An adder of O+2 >= 4 bits is slower
  // than two mux levels (two full-adder sums and two carry levels, 0.39 ns and more at 45 nm,
  // against 0.16 ns), so stage 1 is the longer exactly when its adder is there and h_next's is
  // not.
  const FixedFormat& out = s.formats.output;
  const FixedFormat& in = s.formats.input;
  const int O = out.bits;
  const bool h_round = out.frac > in.frac && in.rounding != Rounding::truncate;
  if (out.rounding != Rounding::truncate && !h_round) {
    LogicPath p{UnitId::lstm_cell, {}, 1, "gate registers -> sigmoid -> i*g -> product register"};
    round_sat(p.steps, O, 2, out, "hard sigmoid: x / 4");
    p.steps.push_back({PathOp::add, O + 1, 0, 1, "hard sigmoid: + 1/2"});
    p.steps.push_back({PathOp::mux2, 0, 0, 2, "hard sigmoid: clamp to [0, 1]"});
    p.steps.push_back({PathOp::mult, O, O, 1, "sig(i) * tanh(g)"});
    round_sat(p.steps, 2 * O, out.frac, out, "round the product");
    return p;
  }
  LogicPath p{UnitId::lstm_cell, {}, 1, "product registers -> c' -> tanh -> h -> h_next"};
  p.steps.push_back({PathOp::add, O + 1, 0, 1, "c' = f*c + i*g"});
  round_sat(p.steps, O + 1, 0, out, "");
  p.steps.push_back({PathOp::mux2, 0, 0, 2, "hard tanh: clamp to [-1, 1]"});
  p.steps.push_back({PathOp::mult, O, O, 1, "sig(o) * tanh(c')"});
  round_sat(p.steps, 2 * O, out.frac, out, "round the product");
  round_sat(p.steps, O, out.frac - in.frac, in, "h to formats.input");
  return p;
}

LogicPath controller_path(const AcceleratorSpec& s) {
  const DescriptorBits d = descriptor_bits(s);
  const int sz = d.size, cw = std::max(sz, 5) + 1, qb = d.q;
  LogicPath p{UnitId::controller, {}, 1, ""};
  if (s.controller.conv_dataflow == ConvDataflow::reuse) {
    // top_reuse.cpp emit_mac_walk: the MAC's tap (rw_eu: fresh ? u_lo : u, u_lo from the pixel
    // row m_oys and the padding), its ring row rr_raw = ring_next + Kh + m_oys + eu -
    // filled_end (five operands: three adder levels) wrapped at Kh, then the slot (rr x W + ix)
    // x Cb + c, kept to qb bits (so synthesis keeps qb bits of each product): the spectrum
    // buffer's read address, in one cycle. The longest of its address paths: the fill base
    // f_first (row x (W x Cb)) and the weight index rw_j ((u K + v) Cb + c) hold two multiplies
    // in series too, behind fewer adders.
    const int rw = cw + 1;
    p.steps.push_back({PathOp::add, cw, 0, 1, "u_lo: m_oys >= pad ? 0 : pad - m_oys"});
    p.steps.push_back({PathOp::mux2, 0, 0, 2, "u_lo select, rw_eu = fresh ? u_lo : u"});
    p.steps.push_back({PathOp::add, rw, 0, 3, "rr_raw: the ring row, five operands"});
    p.steps.push_back({PathOp::add, rw, 0, 1, "rr_raw >= Kh"});
    p.steps.push_back({PathOp::mux2, 0, 0, 1, "rr: wrap at Kh"});
    p.steps.push_back({PathOp::mult, std::min(rw, qb), std::min(sz, qb), 1, "rr * in_width"});
    p.steps.push_back({PathOp::add, qb, 0, 1, "+ ix"});
    p.steps.push_back({PathOp::mult, qb, qb, 1, "* Cb"});
    p.steps.push_back({PathOp::add, qb, 0, 1, "+ c: spectrum_raddr"});
    p.from_to = "MAC tap walk -> ring row -> ring slot -> spectrum buffer address";
    return p;
  }
  // top_gather.cpp (recompute): the read address g_pix + g_tap - g_off takes two adds from
  // registers; the longest path is the window origin's update, g_pix <= oys x g_wcb + oxs x Cb
  // (two multiplies side by side, modulo the block address's ab bits), one multiply then an
  // add. g_wcb <= W x Cb and g_off <= pad x (g_wcb + Cb) hold one multiply each, no wider.
  const int64_t beats = s.block_size / std::min(s.block_size, std::max(1, s.fft.samples_per_cycle));
  const int ab = bits_to_hold(memory_map(s).max_q * beats) - select_levels(beats);
  p.steps.push_back({PathOp::mult, std::min(cw, ab), ab, 1, "oys * g_wcb"});
  p.steps.push_back({PathOp::add, ab, 0, 1, "+ oxs * Cb"});
  p.from_to = "gather pixel counters -> window origin g_pix (the read address: two adds)";
  return p;
}

}  // namespace

std::vector<LogicPath> critical_paths(const AcceleratorSpec& s) {
  std::vector<LogicPath> paths;
  paths.reserve(7);
  // The twiddle ROM is combinational: its read is the first step of the FFT's path.
  paths.push_back(fft_path(s, UnitId::fft, fft_datapath(s, false), s.fft.shared_ifft));
  if (!s.fft.shared_ifft) paths.push_back(fft_path(s, UnitId::ifft, s.formats.ifft, false));
  paths.push_back(mac_path(s));
  paths.push_back(accumulator_path(s));
  paths.push_back(peripheral_path(s));
  if (unit(UnitId::lstm_cell).present(s)) paths.push_back(lstm_path(s));
  paths.push_back(controller_path(s));
  return paths;
}

std::string describe(const LogicPath& p) {
  std::string out;
  for (const PathStep& st : p.steps) {
    if (!out.empty()) out += " -> ";
    const std::string n = st.count > 1 ? fmt::format("{} x ", st.count) : "";
    switch (st.op) {
      case PathOp::add:
        out += fmt::format("{}add{}", n, st.a_bits);
        break;
      case PathOp::mult:
        out += fmt::format("{}mult{}x{}", n, st.a_bits, st.b_bits);
        break;
      case PathOp::mux2:
        out += fmt::format("{}mux2", n);
        break;
    }
  }
  if (p.cycles > 1) out += fmt::format(" (over {} cycles)", p.cycles);
  return out;
}

}  // namespace circa::arch
