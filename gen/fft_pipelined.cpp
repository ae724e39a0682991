// The pipelined FFT core (fft.style: pipelined): a multi-path delay-feedback (MDF) radix-2
// pipeline that performs exactly num::FixedFft's DIT butterflies, S samples per cycle.
//
// Why DIT fits a delay-feedback pipeline: the golden transform puts sample n at position
// bitrev(n) and its stage s pairs positions differing in bit s-1, i.e. samples whose *natural*
// index differs in bit log2(k)-s. Streamed in natural order (beat t, lane l = sample t*S + l),
// stage 1 pairs samples k/2 apart, stage 2 k/4 apart, ...: the data flow of a DIF SDF pipeline,
// with the DIT twiddle W^(j k/m), j = the golden j = low s-1 position bits = the top s-1
// natural-index bits reversed. The first log2(k/S) stages pair samples in different beats
// (delay feedback of D = beats/2^s cycles on every lane, one twiddle for all lanes); the last
// log2(S) stages pair lanes of the same beat. Results leave in the order they entered, so beat t
// lane l carries bin bitrev(t*S + l); the consumer writes them to an addressed buffer.
//
// Latency: 1 (input register) + sum of delays (beats - 1) + log2(k) * stage_latency
//        = beats + log2(k) * stage_latency = arch::fft_timing(pipelined).latency.
// Contract: a block's beats are consecutive cycles, and blocks start >= beats cycles apart
// (arch ii); then a delay line's drained results never meet the next block's butterflies.
#include "arch/microarch.hpp"
#include "common/error.hpp"
#include "gen/fft_core.hpp"
#include "gen/netlist.hpp"
#include "gen/units.hpp"

namespace circa::gen {
namespace {

std::string n2s(int64_t v) {
  return std::to_string(v);
}

/// Verilog expression for bit x of the natural sample index t*S + lane (t = the n-r-bit counter
/// `cnt`).
std::string nat_bit(int x, int n, int r, int lane, const std::string& cnt) {
  return x >= r ? slice(cnt, x - r, x - r, n - r) : ((lane >> x) & 1) != 0 ? "1'b1" : "1'b0";
}

/// The twiddle of stage s for the butterfly whose lower element is `lane`: address
/// e = j << (n-s), j = bitrev of the top s-1 natural index bits; constant parts become literals.
void emit_twiddle(Body& b, Design& d, const FftCoreParams& p, const num::TwiddleRom& rom, int s,
                  int lane, const std::string& cnt, const std::string& w) {
  Emitter& e = b.out();
  const int n = arch::log2_exact(p.k), r = arch::log2_exact(p.lanes), T = p.twiddle.bits;
  std::string addr;
  bool constant = true;
  int value = 0;
  for (int x = n - s + 1; x <= n - 1; ++x) {  // MSB first: e bit n-s+i holds natural bit n-1-i
    const std::string bit = nat_bit(x, n, r, lane, cnt);
    addr += (addr.empty() ? "" : ", ") + bit;
    constant = constant && x < r;
    value = value * 2 + (bit == "1'b1" ? 1 : 0);
  }
  b.wires({w + "_re", w + "_im"}, T);
  if (constant) {  // stage 1 (always W^0) and lane-only addresses need no ROM
    const num::CFixed c = rom(value << (n - s));
    e.line("assign " + w + "_re = " + literal(c.re, T) + ";");
    e.line("assign " + w + "_im = " + literal(c.im, T) + ";");
    return;
  }
  if (n - s > 0) addr += ", " + n2s(n - s) + "'h0";
  const Module& rm = d.module(gen_twiddle_rom(d, rom));
  b.add(Instance(ref(rm), "u_" + w)
            .connect("addr", Expr("{" + addr + "}", n - 1))
            .connect("w_re", b[w + "_re"])
            .connect("w_im", b[w + "_im"]));
}

/// The core's butterfly `inst` on a = (a_re, a_im), b = (b_re, b_im), twiddle `w`_re/_im, into
/// the declared outputs `o`_xre, _xim, _yre, _yim.
void add_bfly(Body& b, const Module& bf, const std::string& inst, const Expr& a_re,
              const Expr& a_im, const Expr& b_re, const Expr& b_im, const std::string& w,
              const std::string& o) {
  Instance i(ref(bf), inst);
  if (b.has("mode")) i.connect("mode", b["mode"]);
  b.add(i.connect("a_re", a_re)
            .connect("a_im", a_im)
            .connect("b_re", b_re)
            .connect("b_im", b_im)
            .connect("w_re", b[w + "_re"])
            .connect("w_im", b[w + "_im"])
            .connect("x_re", b[o + "_xre"])
            .connect("x_im", b[o + "_xim"])
            .connect("y_re", b[o + "_yre"])
            .connect("y_im", b[o + "_yim"]));
}

void declare_bfly_outputs(Body& b, const std::string& o, int W) {
  b.wires({o + "_xre", o + "_xim", o + "_yre", o + "_yim"}, W);
}

/// A counter of valid beats at a stage's input: the beat index t within the block.
void emit_counter(Body& b, const std::string& cnt, const std::string& v, int bits) {
  b.reg(cnt, bits);
  b.out().line("always @(posedge clk) if (rst) " + cnt + " <= " + literal(0, bits) + "; else if (" +
               v + ") " + cnt + " <= " + cnt + " + " + literal(1, bits) + ";");
}

/// `L` register stages from (v, dat) to (st<s>_v, st<s>_d); valid bits are reset.
void emit_stage_regs(Body& b, int s, const std::string& v, const std::string& dat, int L, int DW) {
  std::string pv = v, pd = dat;
  for (int i = 1; i <= L; ++i) {
    const std::string rv = "r" + n2s(s) + "_" + n2s(i) + "_v",
                      rd = "r" + n2s(s) + "_" + n2s(i) + "_d";
    b.reg(rv, 1);
    b.reg(rd, DW);
    b.out().line("always @(posedge clk) begin if (rst) " + rv + " <= 1'b0; else " + rv +
                 " <= " + pv + "; " + rd + " <= " + pd + "; end");
    pv = rv;
    pd = rd;
  }
  b.wire("st" + n2s(s) + "_v", 1, pv);
  b.wire("st" + n2s(s) + "_d", DW, pd);
}

/// Delay-feedback stage s: lane-wise butterflies on samples D = 2^(T-s) beats apart.
void emit_feedback_stage(Body& b, Design& d, const FftCoreParams& p, const num::TwiddleRom& rom,
                         const Module& bf, int s) {
  Emitter& e = b.out();
  const int W = core_width(p), S = p.lanes, DW = 2 * S * W, T = arch::log2_exact(p.k / p.lanes);
  const int D = 1 << (T - s);
  const std::string ss = n2s(s), in_v = "st" + n2s(s - 1) + "_v", in_d = "st" + n2s(s - 1) + "_d";
  const std::string cnt = "c" + ss, dl = "dl" + ss, dv = "dv" + ss;
  e.blank().line("// stage " + ss + ": delay feedback over " + n2s(D) + " beat(s)");
  emit_counter(b, cnt, in_v, T);
  // The second sample of a pair arrives while the counter's bit T-s is set.
  b.wire("bf" + ss, 1, in_v + " & " + slice(cnt, T - s, T - s, T));
  b.reg(dl, D * DW);
  b.reg(dv, D);
  b.wire(dl + "_o", DW, dl + "[" + n2s(D * DW - 1) + " -: " + n2s(DW) + "]");
  emit_twiddle(b, d, p, rom, s, 0, cnt, "w" + ss);
  std::string xs, ys;
  for (int l = S - 1; l >= 0; --l) {
    const std::string o = "b" + ss + "_" + n2s(l);
    declare_bfly_outputs(b, o, W);
    add_bfly(b, bf, "u_" + o, Expr(lane_re(dl + "_o", l, W), W), Expr(lane_im(dl + "_o", l, W), W),
             Expr(lane_re(in_d, l, W), W), Expr(lane_im(in_d, l, W), W), "w" + ss, o);
    xs += (xs.empty() ? "" : ", ") + o + "_xre, " + o + "_xim";
    ys += (ys.empty() ? "" : ", ") + o + "_yre, " + o + "_yim";
  }
  // First halves wait in the delay line; a pair's difference waits there for its slot.
  b.wire("din" + ss, DW, "bf" + ss + " ? {" + ys + "} : " + in_d);
  const std::string shift_d =
      D == 1 ? "din" + ss : "{" + dl + "[" + n2s((D - 1) * DW - 1) + ":0], din" + ss + "}";
  const std::string shift_v =
      D == 1 ? "bf" + ss : "{" + dv + "[" + n2s(D - 2) + ":0], bf" + ss + "}";
  e.line("always @(posedge clk) " + dl + " <= " + shift_d + ";");
  e.line("always @(posedge clk) if (rst) " + dv + " <= " + zeros(D) + "; else " + dv +
         " <= " + shift_v + ";");
  b.wire("o" + ss + "_v", 1, "bf" + ss + " | " + (D == 1 ? dv : dv + "[" + n2s(D - 1) + "]"));
  b.wire("o" + ss + "_d", DW, "bf" + ss + " ? {" + xs + "} : " + dl + "_o");
  emit_stage_regs(b, s, "o" + ss + "_v", "o" + ss + "_d", p.stage_latency, DW);
}

/// Spatial stage s: butterflies between lanes 2^(n-s) apart within one beat.
void emit_lane_stage(Body& bd, Design& d, const FftCoreParams& p, const num::TwiddleRom& rom,
                     const Module& bf, int s) {
  Emitter& e = bd.out();
  const int W = core_width(p), S = p.lanes, DW = 2 * S * W, n = arch::log2_exact(p.k);
  const int T = n - arch::log2_exact(S), dist = 1 << (n - s);
  const std::string ss = n2s(s), in_v = "st" + n2s(s - 1) + "_v", in_d = "st" + n2s(s - 1) + "_d";
  const std::string cnt = "c" + ss;
  e.blank().line("// stage " + ss + ": butterflies between lanes " + n2s(dist) + " apart");
  if (T > 0) emit_counter(bd, cnt, in_v, T);
  std::vector<std::string> re(static_cast<size_t>(S)), im(static_cast<size_t>(S));
  for (int a = 0; a < S; ++a) {
    if ((a & dist) != 0) continue;
    const int b = a + dist;
    const std::string o = "b" + ss + "_" + n2s(a), w = "w" + ss + "_" + n2s(a);
    emit_twiddle(bd, d, p, rom, s, a, cnt, w);
    declare_bfly_outputs(bd, o, W);
    add_bfly(bd, bf, "u_" + o, Expr(lane_re(in_d, a, W), W), Expr(lane_im(in_d, a, W), W),
             Expr(lane_re(in_d, b, W), W), Expr(lane_im(in_d, b, W), W), w, o);
    re[a] = o + "_xre";
    im[a] = o + "_xim";
    re[b] = o + "_yre";
    im[b] = o + "_yim";
  }
  std::string bus;
  for (int l = S - 1; l >= 0; --l) bus += (bus.empty() ? "" : ", ") + re[l] + ", " + im[l];
  bd.wire("o" + ss + "_d", DW, "{" + bus + "}");
  emit_stage_regs(bd, s, in_v, "o" + ss + "_d", p.stage_latency, DW);
}

}  // namespace

int core_width(const FftCoreParams& p) {
  int w = 0;
  for (const auto& m : p.modes) w = std::max(w, m.data.bits);
  return w;
}

std::string lane_re(const std::string& bus, int lane, int w) {
  return bus + "[" + n2s((2 * lane + 1) * w) + " +: " + n2s(w) + "]";
}
std::string lane_im(const std::string& bus, int lane, int w) {
  return bus + "[" + n2s(2 * lane * w) + " +: " + n2s(w) + "]";
}

void emit_fft_core(Body& b, Design& d, const FftCoreParams& p) {
  Emitter& e = b.out();
  CIRCA_CHECK(p.lanes >= 1 && p.lanes <= p.k && p.k >= 2 && !p.modes.empty(),
              "FFT core parameters");
  const int n = arch::log2_exact(p.k), T = n - arch::log2_exact(p.lanes);
  const int DW = 2 * p.lanes * core_width(p);
  const num::TwiddleRom rom(p.k, p.twiddle);
  const Module& bf = d.module(gen_core_butterfly(d, p));
  e.blank().line(
      "// input register: the one cycle that, with the delays (beats - 1), makes `beats`");
  b.reg("st0_v", 1);
  b.reg("st0_d", DW);
  e.line(
      "always @(posedge clk) begin if (rst) st0_v <= 1'b0; else st0_v <= feed_v; st0_d <= feed; "
      "end");
  for (int s = 1; s <= n; ++s) {
    if (s <= T)
      emit_feedback_stage(b, d, p, rom, bf, s);
    else
      emit_lane_stage(b, d, p, rom, bf, s);
  }
  e.blank();
  b.wire("core_v", 1, "st" + n2s(n) + "_v");
  b.wire("core_d", DW, "st" + n2s(n) + "_d");
}

}  // namespace circa::gen
