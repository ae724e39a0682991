// The iterative FFT core (fft.style: iterative): one block in a register file, S/2 butterflies
// reused over all log2(k) stages, num::FixedFft::transform's butterflies in its order.
//   load:    `beats` beats, sample n written at position bitrev(n) (the golden placement);
//   compute: stage s, batch b (b = 0..beats-1) does butterflies b*S/2 .. b*S/2 + S/2-1 of the
//            stage, each batch held stage_latency cycles (the butterfly's register stages, as a
//            multicycle path) and written back in place at its end;
//   output:  `beats` beats in natural order (in-place DIT ends in natural order).
// Latency beats + log2(k)*beats*stage_latency, ii = latency + beats: arch::fft_timing(iterative).
// Shares the feed/output contract of the pipelined core except that outputs are in natural order.
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

int bitrev(int v, int bits) {
  int r = 0;
  for (int i = 0; i < bits; ++i) r |= ((v >> i) & 1) << (bits - 1 - i);
  return r;
}

/// Position bitrev_n(t*S + l) with t = the beat counter `bt`: {rev(l), rev(bt)}.
std::string load_index(int l, int r, int T) {
  std::string s = r > 0 ? literal(bitrev(l, r), r) : "";
  for (int i = 0; i < T; ++i) s += std::string(s.empty() ? "" : ", ") + slice("bt", i, i, T);
  return "{" + s + "}";
}

void emit_counters(Body& b, const FftCoreParams& p, int T, int stw, int lw) {
  Emitter& e = b.out();
  const int n = arch::log2_exact(p.k), L = p.stage_latency, tw = std::max(T, 1);
  e.line("localparam [1:0] PH_LOAD = 2'd0, PH_COMPUTE = 2'd1, PH_OUTPUT = 2'd2;");
  b.reg("ph", 2, "phase: PH_LOAD, PH_COMPUTE or PH_OUTPUT");
  b.reg("bt", tw, "beat (load, output) or batch (compute)");
  b.reg("st", stw);
  b.reg("lc", lw);
  b.wire("bt_last", 1, T > 0 ? "bt == " + literal((1 << T) - 1, tw) : std::string("1'b1"));
  b.wire("lc_last", 1, "lc == " + literal(L - 1, lw));
  b.wire("st_last", 1, "st == " + literal(n - 1, stw));
  b.wire("wr", 1, "ph == PH_COMPUTE && lc_last", "a batch's results go back into the block");
  e.open("always @(posedge clk) begin");
  e.open("if (rst) begin");
  e.line("ph <= PH_LOAD; bt <= " + literal(0, tw) + "; st <= " + literal(0, stw) +
         "; lc <= " + literal(0, lw) + ";");
  e.mid("end else if (ph == PH_LOAD) begin");
  e.line("if (feed_v) begin bt <= bt_last ? " + literal(0, tw) + " : bt + " + literal(1, tw) +
         "; if (bt_last) ph <= PH_COMPUTE; end");
  e.mid("end else if (ph == PH_COMPUTE) begin");
  e.line("lc <= lc_last ? " + literal(0, lw) + " : lc + " + literal(1, lw) + ";");
  e.line("if (lc_last) bt <= bt_last ? " + literal(0, tw) + " : bt + " + literal(1, tw) + ";");
  e.line("if (lc_last && bt_last) st <= st_last ? " + literal(0, stw) + " : st + " +
         literal(1, stw) + ";");
  e.line("if (lc_last && bt_last && st_last) ph <= PH_OUTPUT;");
  e.mid("end else begin");
  e.line("bt <= bt_last ? " + literal(0, tw) + " : bt + " + literal(1, tw) + ";");
  e.line("if (bt_last) ph <= PH_LOAD;");
  e.close("end");
  e.close("end");
}

/// Slot i of batch (st, bt): positions a, b and the twiddle, as FixedFft::transform orders them.
void emit_slot(Body& bd, const FftCoreParams& p, const num::TwiddleRom& rom, const Module& bf,
               int i, int stw) {
  Emitter& e = bd.out();
  const int k = p.k, n = arch::log2_exact(k), S = p.lanes, beats = k / S,
            T = n - arch::log2_exact(S), W = core_width(p);
  const int aw = n, twb = p.twiddle.bits, tw = std::max(T, 1);
  const std::string I = n2s(i);
  bd.regs({"ia_" + I, "ib_" + I}, aw);
  bd.regs({"wr_" + I, "wi_" + I}, twb);
  e.open("always @(*) begin");
  e.line("ia_" + I + " = " + literal(0, aw) + "; ib_" + I + " = " + literal(0, aw) + "; wr_" + I +
         " = " + literal(0, twb) + "; wi_" + I + " = " + literal(0, twb) + ";");
  e.open("case ({st, bt})");
  for (int s = 0; s < n; ++s)
    for (int b = 0; b < beats; ++b) {
      const int beta = b * (S / 2) + i, half = 1 << s, g = beta / half, j = beta % half;
      const int a = g * 2 * half + j;
      const num::CFixed& w = rom(j * (k / (2 * half)));
      e.line("{" + literal(s, stw) + ", " + literal(b, tw) + "}: begin ia_" + I + " = " +
             literal(a, aw) + "; ib_" + I + " = " + literal(a + half, aw) + "; wr_" + I + " = " +
             literal(w.re, twb) + "; wi_" + I + " = " + literal(w.im, twb) + "; end");
    }
  e.line("default: ;");
  e.close("endcase");
  e.close("end");
  bd.wires({"x" + I + "_re", "x" + I + "_im", "y" + I + "_re", "y" + I + "_im"}, W);
  Instance u(ref(bf), "u_bf" + I);
  if (p.modes.size() == 2) u.connect("mode", bd["mode"]);
  bd.add(u.connect("a_re", Expr("mr[ia_" + I + "]", W))
             .connect("a_im", Expr("mi[ia_" + I + "]", W))
             .connect("b_re", Expr("mr[ib_" + I + "]", W))
             .connect("b_im", Expr("mi[ib_" + I + "]", W))
             .connect("w_re", bd["wr_" + I])
             .connect("w_im", bd["wi_" + I])
             .connect("x_re", bd["x" + I + "_re"])
             .connect("x_im", bd["x" + I + "_im"])
             .connect("y_re", bd["y" + I + "_re"])
             .connect("y_im", bd["y" + I + "_im"]));
}

}  // namespace

void emit_fft_iterative_core(Body& b, Design& d, const FftCoreParams& p) {
  Emitter& e = b.out();
  CIRCA_CHECK(p.lanes >= 2 && p.lanes <= p.k && !p.modes.empty(), "iterative FFT core parameters");
  const int k = p.k, n = arch::log2_exact(k), S = p.lanes, r = arch::log2_exact(S), T = n - r,
            W = core_width(p);
  const int stw = ceil_log2(n), lw = ceil_log2(p.stage_latency);
  const num::TwiddleRom rom(k, p.twiddle);
  const Module& bf = d.module(gen_core_butterfly(d, p));
  e.blank().line("// block memory: k complex words");
  b.memory("mr", W, k);
  b.memory("mi", W, k);
  emit_counters(b, p, T, stw, lw);
  for (int i = 0; i < S / 2; ++i) emit_slot(b, p, rom, bf, i, stw);
  e.open("always @(posedge clk) begin");
  for (int l = 0; l < S; ++l) {
    const std::string at = "[" + load_index(l, r, T) + "]";
    e.line("if (ph == PH_LOAD && feed_v) begin mr" + at + " <= " + lane_re("feed", l, W) + "; mi" +
           at + " <= " + lane_im("feed", l, W) + "; end");
  }
  for (int i = 0; i < S / 2; ++i) {
    const std::string I = n2s(i);
    e.line("if (wr) begin mr[ia_" + I + "] <= x" + I + "_re; mi[ia_" + I + "] <= x" + I +
           "_im; mr[ib_" + I + "] <= y" + I + "_re; mi[ib_" + I + "] <= y" + I + "_im; end");
  }
  e.close("end");
  b.wire("core_v", 1, "ph == PH_OUTPUT");
  std::string bus;
  for (int l = S - 1; l >= 0; --l) {
    const std::string at =
        T > 0 ? "[{" + slice("bt", T - 1, 0, T) + ", " + (r > 0 ? literal(l, r) : "") + "}]"
              : "[" + literal(l, r) + "]";
    bus += (bus.empty() ? "" : ", ") + std::string("mr") + at + ", mi" + at;
  }
  b.wire("core_d", 2 * S * W, "{" + bus + "}");
}

}  // namespace circa::gen
