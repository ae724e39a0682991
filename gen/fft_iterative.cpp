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
#include "gen/units.hpp"

namespace circa::gen {
namespace {

std::string n2s(int64_t v) { return std::to_string(v); }

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

void emit_counters(Emitter& e, const FftCoreParams& p, int T, int stw, int lw) {
  const int n = arch::log2_exact(p.k), L = p.stage_latency, tw = std::max(T, 1);
  e.line(reg("ph", 2) + ";  // 0 load, 1 compute, 2 output");
  e.line(reg("bt", tw) + ";  // beat (load, output) or batch (compute)");
  e.line(reg("st", stw) + ";");
  e.line(reg("lc", lw) + ";");
  e.line(wire("bt_last", 1) + " = " + (T > 0 ? "bt == " + literal((1 << T) - 1, tw) : std::string("1'b1")) + ";");
  e.line(wire("lc_last", 1) + " = lc == " + literal(L - 1, lw) + ";");
  e.line(wire("st_last", 1) + " = st == " + literal(n - 1, stw) + ";");
  e.line(wire("wr", 1) + " = ph == 2'd1 && lc_last;  // a batch's results go back into the block");
  e.open("always @(posedge clk) begin");
  e.open("if (rst) begin");
  e.line("ph <= 2'd0; bt <= " + literal(0, tw) + "; st <= " + literal(0, stw) + "; lc <= " + literal(0, lw) + ";");
  e.mid("end else if (ph == 2'd0) begin");
  e.line("if (feed_v) begin bt <= bt_last ? " + literal(0, tw) + " : bt + " + literal(1, tw) + "; if (bt_last) ph <= 2'd1; end");
  e.mid("end else if (ph == 2'd1) begin");
  e.line("lc <= lc_last ? " + literal(0, lw) + " : lc + " + literal(1, lw) + ";");
  e.line("if (lc_last) bt <= bt_last ? " + literal(0, tw) + " : bt + " + literal(1, tw) + ";");
  e.line("if (lc_last && bt_last) st <= st_last ? " + literal(0, stw) + " : st + " + literal(1, stw) + ";");
  e.line("if (lc_last && bt_last && st_last) ph <= 2'd2;");
  e.mid("end else begin");
  e.line("bt <= bt_last ? " + literal(0, tw) + " : bt + " + literal(1, tw) + ";");
  e.line("if (bt_last) ph <= 2'd0;");
  e.close("end");
  e.close("end");
}

/// Slot i of batch (st, bt): positions a, b and the twiddle, as FixedFft::transform orders them.
void emit_slot(Emitter& e, const FftCoreParams& p, const num::TwiddleRom& rom, const std::string& bf, int i, int stw) {
  const int k = p.k, n = arch::log2_exact(k), S = p.lanes, beats = k / S, T = n - arch::log2_exact(S), W = core_width(p);
  const int aw = n, twb = p.twiddle.bits, tw = std::max(T, 1);
  const std::string I = n2s(i);
  e.line(reg("ia_" + I, aw) + ", ib_" + I + ";");
  e.line(reg("wr_" + I, twb) + ", wi_" + I + ";");
  e.open("always @(*) begin");
  e.line("ia_" + I + " = " + literal(0, aw) + "; ib_" + I + " = " + literal(0, aw) + "; wr_" + I + " = " + literal(0, twb) + "; wi_" + I + " = " + literal(0, twb) + ";");
  e.open("case ({st, bt})");
  for (int s = 0; s < n; ++s)
    for (int b = 0; b < beats; ++b) {
      const int beta = b * (S / 2) + i, half = 1 << s, g = beta / half, j = beta % half;
      const int a = g * 2 * half + j;
      const num::CFixed& w = rom(j * (k / (2 * half)));
      e.line("{" + literal(s, stw) + ", " + literal(b, tw) + "}: begin ia_" + I + " = " + literal(a, aw) + "; ib_" + I + " = " +
             literal(a + half, aw) + "; wr_" + I + " = " + literal(w.re, twb) + "; wi_" + I + " = " + literal(w.im, twb) + "; end");
    }
  e.line("default: ;");
  e.close("endcase");
  e.close("end");
  e.line(wire("x" + I + "_re", W) + ", x" + I + "_im, y" + I + "_re, y" + I + "_im;");
  const std::string mode = p.modes.size() == 2 ? ".mode(mode), " : "";
  e.line(bf + " u_bf" + I + " (" + mode + ".a_re(mr[ia_" + I + "]), .a_im(mi[ia_" + I + "]), .b_re(mr[ib_" + I + "]), .b_im(mi[ib_" + I +
         "]), .w_re(wr_" + I + "), .w_im(wi_" + I + "), .x_re(x" + I + "_re), .x_im(x" + I + "_im), .y_re(y" + I + "_re), .y_im(y" + I + "_im));");
}

}  // namespace

void emit_fft_iterative_core(Emitter& e, Design& d, const FftCoreParams& p) {
  CIRCA_CHECK(p.lanes >= 2 && p.lanes <= p.k && !p.modes.empty(), "iterative FFT core parameters");
  const int k = p.k, n = arch::log2_exact(k), S = p.lanes, r = arch::log2_exact(S), T = n - r, W = core_width(p);
  const int stw = ceil_log2(n), lw = ceil_log2(p.stage_latency);
  const num::TwiddleRom rom(k, p.twiddle);
  const std::string bf = gen_core_butterfly(d, p);
  e.blank().line("// block memory: k complex words");
  e.line(reg("mr", W) + " [0:" + n2s(k - 1) + "];");
  e.line(reg("mi", W) + " [0:" + n2s(k - 1) + "];");
  emit_counters(e, p, T, stw, lw);
  for (int i = 0; i < S / 2; ++i) emit_slot(e, p, rom, bf, i, stw);
  e.open("always @(posedge clk) begin");
  for (int l = 0; l < S; ++l) {
    const std::string at = "[" + load_index(l, r, T) + "]";
    e.line("if (ph == 2'd0 && feed_v) begin mr" + at + " <= " + lane_re("feed", l, W) + "; mi" + at + " <= " + lane_im("feed", l, W) + "; end");
  }
  for (int i = 0; i < S / 2; ++i) {
    const std::string I = n2s(i);
    e.line("if (wr) begin mr[ia_" + I + "] <= x" + I + "_re; mi[ia_" + I + "] <= x" + I + "_im; mr[ib_" + I + "] <= y" + I +
           "_re; mi[ib_" + I + "] <= y" + I + "_im; end");
  }
  e.close("end");
  e.line(wire("core_v", 1) + " = ph == 2'd2;");
  std::string bus;
  for (int l = S - 1; l >= 0; --l) {
    const std::string at = T > 0 ? "[{" + slice("bt", T - 1, 0, T) + ", " + (r > 0 ? literal(l, r) : "") + "}]" : "[" + literal(l, r) + "]";
    bus += (bus.empty() ? "" : ", ") + std::string("mr") + at + ", mi" + at;
  }
  e.line(wire("core_d", 2 * S * W) + " = {" + bus + "};");
}

}  // namespace circa::gen
