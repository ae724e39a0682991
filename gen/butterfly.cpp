// The radix-2 butterfly and the twiddle ROM.
#include <algorithm>

#include "common/error.hpp"
#include "gen/emitter.hpp"
#include "gen/fft_core.hpp"
#include "gen/netlist.hpp"
#include "gen/units.hpp"

namespace circa::gen {
namespace {

/// The sums (a << F) +- t for one component: a D-bit, t D+T+1 bits, result `sw` bits.
void emit_component(Body& b, const std::string& c, int D, int T, int F, int sw) {
  const int tw = D + T + 1;
  const std::string a = "a_" + c, al = a + "_al";  // a aligned to the product's F fraction bits
  b.wire(al, D + F, F == 0 ? a : "{" + a + ", " + std::to_string(F) + "'h0}");
  b.wire("s_" + c, sw, sext(al, D + F, sw) + " + " + sext("t_" + c, tw, sw));
  b.wire("d_" + c, sw, sext(al, D + F, sw) + " - " + sext("t_" + c, tw, sw));
}

/// The exact part shared by all butterflies: t = b*w and the sums s/d = (a << F) +- t, in
/// `sw` bits, for D-bit data and T-bit twiddles.
void emit_sums(Body& b, int D, int T, int F, int sw) {
  const int pw = D + T, tw_bits = D + T + 1;
  // Both factors are sign-extended to the product width, so each product is exact mod 2^(D+T).
  const auto mul = [&](const std::string& x, const std::string& y) {
    return sext(x, D, pw) + " * " + sext(y, T, pw);
  };
  b.wire("p_rr", pw, mul("b_re", "w_re"));
  b.wire("p_ii", pw, mul("b_im", "w_im"));
  b.wire("p_ri", pw, mul("b_re", "w_im"));
  b.wire("p_ir", pw, mul("b_im", "w_re"));
  b.wire("t_re", tw_bits, sext("p_rr", pw, tw_bits) + " - " + sext("p_ii", pw, tw_bits));
  b.wire("t_im", tw_bits, sext("p_ri", pw, tw_bits) + " + " + sext("p_ir", pw, tw_bits));
  emit_component(b, "re", D, T, F, sw);
  emit_component(b, "im", D, T, F, sw);
}

}  // namespace

std::string gen_butterfly(Design& d, const FixedFormat& data, const FixedFormat& tw, int shift,
                          int stage_latency, bool fault) {
  const int D = data.bits, T = tw.bits, F = tw.frac, L = stage_latency;
  const std::string name = "circa_bfly_d" + fmt_tag(data) + "_t" + std::to_string(T) + "_f" +
                           std::to_string(F) + "_sh" + std::to_string(shift) + "_l" +
                           std::to_string(L) + (fault ? "_fault" : "");
  if (d.has(name)) return name;
  // A combinational butterfly (L = 0) has no clock.
  std::vector<Port> ports;
  if (L > 0) ports.push_back({"clk", false, 1});
  for (const char* p : {"a_re", "a_im", "b_re", "b_im"}) ports.push_back({p, false, D});
  for (const char* p : {"w_re", "w_im"}) ports.push_back({p, false, T});
  for (const char* p : {"x_re", "x_im", "y_re", "y_im"}) ports.push_back({p, true, D});

  const int sw = std::max(D + F, D + T + 1) + 1;  // (a << F) +- t without overflow
  Emitter e;
  e.line("// Radix-2 DIT butterfly (num::butterfly): t = b*w exact; x = (a<<" + std::to_string(F) +
         " + t) >> " + std::to_string(F + shift) + ", y = (a<<" + std::to_string(F) + " - t) >> " +
         std::to_string(F + shift) + ",");
  e.line("// rounded and fit to s" + std::to_string(D) + "." + std::to_string(data.frac) + "; " +
         std::to_string(L) + " output register stage(s), retimed by synthesis.");
  e.open("module " + name + " (");
  for (const auto& l : port_lines(ports)) e.line(l);
  e.close(");");
  e.open("");
  Body b(e, name, ports);
  emit_sums(b, D, T, F, sw);
  for (const char* o : {"x_re", "x_im", "y_re", "y_im"}) b.wire(std::string("q_") + o, D);
  const int sh = F + shift;
  b.round_sat_shift("u_x_re", b["s_re"], sh, data, "q_x_re");
  b.round_sat_shift("u_x_im", b["s_im"], sh, data, "q_x_im");
  b.round_sat_shift("u_y_re", b["d_re"], sh, data, "q_y_re");
  b.round_sat_shift("u_y_im", b["d_im"], sh, data, "q_y_im");
  const int ow = 4 * D;
  // The fault (tests only) flips y_im's LSB so a self-checking bench must report mismatches.
  const std::string result = "{q_x_re, q_x_im, q_y_re, " +
                             (fault ? "q_y_im ^ " + literal(1, D) : std::string("q_y_im")) + "}";
  if (L == 0) {  // combinational: the pipelined FFT registers around it (and feeds back from it)
    e.line("assign {x_re, x_im, y_re, y_im} = " + result + ";");
  } else {
    for (int i = 1; i <= L; ++i) b.reg("pipe_" + std::to_string(i), ow);
    e.open("always @(posedge clk) begin");
    e.line("pipe_1 <= " + result + ";");
    for (int i = 2; i <= L; ++i)
      e.line("pipe_" + std::to_string(i) + " <= pipe_" + std::to_string(i - 1) + ";");
    e.close("end");
    e.line("assign {x_re, x_im, y_re, y_im} = pipe_" + std::to_string(L) + ";");
  }
  e.close("endmodule");
  d.add({name, e.str(), ports, L});
  return name;
}

std::string gen_twiddle_rom(Design& d, const num::TwiddleRom& rom) {
  const FixedFormat& f = rom.format();
  const int k = rom.k(), aw = ceil_log2(k / 2), T = f.bits;
  CIRCA_CHECK(k >= 4, "twiddle ROM for k < 4");
  const std::string name = "circa_twrom_k" + std::to_string(k) + "_" + fmt_tag(f);
  if (d.has(name)) return name;
  const std::vector<Port> ports{{"addr", false, aw}, {"w_re", true, T}, {"w_im", true, T}};
  Emitter e;
  e.line("// Twiddle ROM of the " + std::to_string(k) + "-point FFT: W^e = exp(-2 pi i e / " +
         std::to_string(k) + "), (cos, -sin) quantized to " + describe(f) + " (num::TwiddleRom).");
  e.open("module " + name + " (");
  for (const auto& l : port_lines(ports)) e.line(l);
  e.close(");");
  e.open("");
  Body b(e, name, ports);
  b.reg("w", 2 * T);
  e.open("always @(*) begin");
  e.open("case (addr)");
  for (int i = 0; i < k / 2; ++i)
    e.line(literal(i, aw) + ": w = {" + literal(rom(i).re, T) + ", " + literal(rom(i).im, T) +
           "};");
  // k/2 is a power of two, so the case is full; the default only keeps synthesis latch-free.
  e.line("default: w = {" + literal(0, T) + ", " + literal(0, T) + "};");
  e.close("endcase");
  e.close("end");
  e.line("assign {w_re, w_im} = w;");
  e.close("endmodule");
  d.add({name, e.str(), ports, 0});
  return name;
}

std::string gen_core_butterfly(Design& d, const FftCoreParams& p) {
  const FixedFormat& tw = p.twiddle;
  if (p.modes.size() == 1)
    return gen_butterfly(d, p.modes[0].data, tw, p.modes[0].shift, 0, p.fault);
  CIRCA_CHECK(p.modes.size() == 2, "an FFT core has one or two modes");
  const FftMode &m0 = p.modes[0], &m1 = p.modes[1];
  const int W = core_width(p), T = tw.bits, F = tw.frac;
  const std::string name = "circa_bfly2_d" + fmt_tag(m0.data) + "_sh" + std::to_string(m0.shift) +
                           "_d" + fmt_tag(m1.data) + "_sh" + std::to_string(m1.shift) + "_t" +
                           std::to_string(T) + "_f" + std::to_string(F) + (p.fault ? "_fault" : "");
  if (d.has(name)) return name;
  std::vector<Port> ports{{"mode", false, 1}};
  for (const char* n : {"a_re", "a_im", "b_re", "b_im"}) ports.push_back({n, false, W});
  for (const char* n : {"w_re", "w_im"}) ports.push_back({n, false, T});
  for (const char* n : {"x_re", "x_im", "y_re", "y_im"}) ports.push_back({n, true, W});
  const int sw = std::max(W + F, W + T + 1) + 1;
  Emitter e;
  e.line(
      "// Two-mode radix-2 DIT butterfly for an FFT unit shared by both directions: the exact "
      "sums");
  e.line("// of num::butterfly in " + std::to_string(W) + "-bit data, then mode 0 rounds to " +
         describe(m0.data) + " (shift " + std::to_string(m0.shift) + "), mode 1 to " +
         describe(m1.data) + " (shift " + std::to_string(m1.shift) +
         "); results sign-extended. Combinational.");
  e.open("module " + name + " (");
  for (const auto& l : port_lines(ports)) e.line(l);
  e.close(");");
  e.open("");
  Body b(e, name, ports);
  emit_sums(b, W, T, F, sw);
  const char* sums[4] = {"s_re", "s_im", "d_re", "d_im"};
  const char* outs[4] = {"x_re", "x_im", "y_re", "y_im"};
  for (int i = 0; i < 4; ++i) {
    std::string sel[2];
    for (int m = 0; m < 2; ++m) {
      const FftMode& md = p.modes[static_cast<size_t>(m)];
      const std::string q = std::string("q") + std::to_string(m) + "_" + outs[i];
      b.wire(q, md.data.bits);
      b.round_sat_shift("u" + std::to_string(m) + "_" + outs[i], b[sums[i]], F + md.shift, md.data,
                        q);
      sel[m] = sext(q, md.data.bits, W);
    }
    // The fault (tests only) flips y_im's LSB in both modes.
    const std::string flip = p.fault && i == 3 ? " ^ " + literal(1, W) : "";
    e.line("assign " + std::string(outs[i]) + " = (mode ? " + sel[1] + " : " + sel[0] + ")" + flip +
           ";");
  }
  e.close("endmodule");
  d.add({name, e.str(), ports, 0});
  return name;
}

}  // namespace circa::gen
