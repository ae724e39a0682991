// The inverse half of the generated top: the IFFT sequencer (I_g = max(R_g, I_g-1 + P_g-1*ii)),
// the accumulator read network feeding the IFFT, the peripheral with its bias banks, the output
// banks and the output stream. Output and bias banks use one mapping (TopPlan::bank_of) under
// which both an IFFT beat (bit-reversed) and an output-stream beat (natural) touch S distinct banks.
#include "gen/top_plan.hpp"

namespace circa::gen {
namespace {

/// Zero-extension of a w-bit unsigned signal to `to` bits.
std::string zext(const std::string& x, int w, int to) {
  return to == w ? x : "{" + n2s(to - w) + "'h0, " + x + "}";
}

void emit_ifft_sequencer(Emitter& e, const TopPlan& p) {
  const int pb = bits_for(p.P - 1), bw = bits_for(p.B - 1), tw = std::max(p.T, 1);
  e.blank().line("// ---- IFFT: group g's P_g blocks back to back from I_g = max(R_g, I_g-1 + P_g-1 * ii) ----");
  e.line(reg("f_act", 1) + ";");
  e.line(reg("f_base", p.pw) + ";");
  e.line(reg("f_pb", pb) + ";");
  e.line(reg("f_t", tw) + ";");
  e.line(reg("f_bank", bw) + ";");
  e.line(reg("nfin", p.pw) + ", nstart;");
  e.line(wire("f_tlast", 1) + " = " + (p.T > 0 ? "f_t == " + literal(p.beats - 1, tw) : std::string("1'b1")) + ";");
  emit_gap(e, p, "f", "f_v && f_tlast", "go");
  e.line(wire("f_start", 1) + " = run && !f_act && f_ok && (nfin != nstart || g_final);");
  e.line("assign f_v = (f_act && f_ok) || f_start;");
  e.line(wire("f_pblast", 1) + " = f_pb == " + literal(p.P - 1, pb) + " || f_base + " + zext("f_pb", pb, p.pw) + " + " +
         literal(1, p.pw) + " == cfg_p;");
  e.line(wire("f_gend", 1) + " = f_v && f_tlast && f_pblast;");
  e.open("always @(posedge clk) begin");
  e.open("if (rst || go) begin");
  e.line("f_act <= 1'b0; f_base <= " + literal(0, p.pw) + "; f_pb <= " + literal(0, pb) + "; f_t <= " + literal(0, tw) +
         "; f_bank <= " + literal(0, bw) + "; nfin <= " + literal(0, p.pw) + "; nstart <= " + literal(0, p.pw) + ";");
  e.mid("end else begin");
  e.line("if (g_final) nfin <= nfin + " + literal(1, p.pw) + ";");
  e.open("if (f_v) begin");
  if (p.T > 0) e.line("f_t <= f_tlast ? " + literal(0, tw) + " : f_t + " + literal(1, tw) + ";");
  e.line("if (f_tlast) f_pb <= f_gend ? " + literal(0, pb) + " : f_pb + " + literal(1, pb) + ";");
  e.line("f_act <= !f_gend;");
  e.line("if (f_gend) begin f_base <= f_base + " + literal(p.P, p.pw) + "; nstart <= nstart + " + literal(1, p.pw) + "; f_bank <= " +
         (p.B == 1 ? literal(0, bw) : "(f_bank == " + literal(p.B - 1, bw) + ") ? " + literal(0, bw) + " : f_bank + " + literal(1, bw)) + "; end");
  e.close("end");
  e.close("end");
  e.close("end");
  e.line("// the bank is free for group g+B from the cycle after this group's last IFFT beat");
  e.line("assign bank_clr = f_gend ? " + literal(1, p.B) + " << f_bank : " + literal(0, p.B) + ";");
}

/// IFFT input lane `pos` of beat t reads accumulator word of block f_pb in bank f_bank.
void emit_feed_mux(Emitter& e, const TopPlan& p) {
  const int A = p.s->formats.accumulator.bits, pb = bits_for(p.P - 1), tw = std::max(p.T, 1);
  const int depth = p.B * p.ic, dw = bits_for(depth - 1);
  const int lanes_in = p.unrolled ? p.k / 2 + 1 : p.S;
  e.blank().line("// accumulator read network: lane l of beat t = bin min(i, k-i), i = t*S + l; unrolled: bin l");
  e.line(wire("f_abase", dw) + " = " + (p.B == 1 ? literal(0, dw) : zext("f_bank", bits_for(p.B - 1), dw) + " * " + literal(p.ic, dw)) + ";");
  for (int x = 0; x < lanes_in; ++x) {
    const std::string X = n2s(x);
    e.line(reg("fr_" + X, A) + ", fi_" + X + ";");
    e.open("always @(*) begin");
    e.line("fr_" + X + " = " + literal(0, A) + "; fi_" + X + " = " + literal(0, A) + ";");
    e.open("case ({f_pb, f_t})");
    for (int b = 0; b < p.P; ++b) {
      for (int t = 0; t < p.beats; ++t) {
        const int i = t * p.S + x, bin = p.unrolled ? x : std::min(i, p.k - i);
        bool in_im = false;
        const int u = b * p.slots + p.word_of_bin(bin, &in_im), lane = u % p.lanes, c = u / p.lanes;
        const std::string at = "[f_abase + " + literal(c, dw) + "]", L = n2s(lane);
        const bool real_bin = bin == 0 || bin == p.k / 2;
        e.line("{" + literal(b, pb) + ", " + literal(t, tw) + "}: begin fr_" + X + " = " + (in_im ? "ai_" : "ar_") + L + at + "; " +
               (real_bin ? "" : "fi_" + X + " = ai_" + L + at + "; ") + "end");
      }
    }
    e.line("default: ;");
    e.close("endcase");
    e.close("end");
  }
  std::string re, im;
  for (int x = lanes_in - 1; x >= 0; --x) {
    re += (re.empty() ? "" : ", ") + std::string("fr_") + n2s(x);
    im += (im.empty() ? "" : ", ") + std::string("fi_") + n2s(x);
  }
  e.line("assign if_re = {" + re + "};");
  e.line("assign if_im = {" + im + "};");
}

}  // namespace

void emit_ifft_and_output(Emitter& e, Design& d, const TopPlan& p) {
  emit_ifft_sequencer(e, p);
  emit_feed_mux(e, p);
  emit_output_banks(e, d, p);
}

}  // namespace circa::gen
