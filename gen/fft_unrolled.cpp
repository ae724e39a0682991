// The fully unrolled FFT unit (C-LSTM's datapath): all log2(k) butterfly stages in space, one
// block per cycle. The forward unit takes a real block, the inverse unit a half spectrum and
// returns real samples; both are num::FixedFft's DIT network with constant twiddles.
#include "arch/microarch.hpp"
#include "gen/emitter.hpp"
#include "gen/netlist.hpp"
#include "gen/units.hpp"
#include "numerics/fft_double.hpp"

namespace circa::gen {
namespace {

std::string sig(const char* part, int stage, int i) {
  return "st" + std::to_string(stage) + "_" + part + "_" + std::to_string(i);
}

/// Stages 1..log2 k of the DIT network on st0_* (already in bit-reversed order): butterfly j of
/// each group of span m pairs g+j with g+j+m/2 and uses twiddle W^(j k/m), as FixedFft::transform.
/// Outputs of the last stage that the unit does not use (upper bins, imaginary parts) are
/// declared under a lint waiver: they exist because the butterfly computes both halves.
void emit_network(Body& bd, const Module& bfly, const num::TwiddleRom& rom, int D) {
  Emitter& e = bd.out();
  const int k = rom.k(), T = rom.format().bits;
  const int stages = arch::log2_exact(k);
  for (int s = 1; s <= stages; ++s) {
    const int m = 1 << s, half = m / 2;
    e.blank().line("// stage " + std::to_string(s) + ": span " + std::to_string(m));
    if (s == stages) e.line("/* verilator lint_off UNUSEDSIGNAL */");
    for (int i = 0; i < k; ++i) bd.wires({sig("re", s, i), sig("im", s, i)}, D);
    if (s == stages) e.line("/* verilator lint_on UNUSEDSIGNAL */");
    for (int g = 0; g < k; g += m) {
      for (int j = 0; j < half; ++j) {
        const int a = g + j, b = g + j + half;
        const num::CFixed& w = rom(j * (k / m));
        bd.add(Instance(ref(bfly), "u_s" + std::to_string(s) + "_" + std::to_string(a))
                   .connect("clk", bd["clk"])
                   .connect("a_re", bd[sig("re", s - 1, a)])
                   .connect("a_im", bd[sig("im", s - 1, a)])
                   .connect("b_re", bd[sig("re", s - 1, b)])
                   .connect("b_im", bd[sig("im", s - 1, b)])
                   .connect("w_re", Expr(literal(w.re, T), T))
                   .connect("w_im", Expr(literal(w.im, T), T))
                   .connect("x_re", bd[sig("re", s, a)])
                   .connect("x_im", bd[sig("im", s, a)])
                   .connect("y_re", bd[sig("re", s, b)])
                   .connect("y_im", bd[sig("im", s, b)]));
      }
    }
  }
}

/// in_valid delayed by the network's depth; reset clears it so out_valid is never X.
void emit_valid_pipe(Body& b, int depth) {
  Emitter& e = b.out();
  e.blank();
  b.reg("vpipe", depth);
  e.open("always @(posedge clk) begin");
  const std::string next =
      depth == 1 ? "in_valid" : "{vpipe[" + std::to_string(depth - 2) + ":0], in_valid}";
  e.line("if (rst) vpipe <= " + literal(0, depth) + "; else vpipe <= " + next + ";");
  e.close("end");
  e.line("assign out_valid = vpipe[" + std::to_string(depth - 1) + "];");
}

void emit_header(Emitter& e, const std::string& name, const std::vector<Port>& ports) {
  e.open("module " + name + " (");
  for (const auto& l : port_lines(ports)) e.line(l);
  e.close(");");
  e.open("");
}

std::string fft_name(const char* dir, int k, const FixedFormat& in, const FixedFormat& data,
                     const AcceleratorSpec& s, int shift, bool fault) {
  return std::string("circa_fftu_") + dir + "_k" + std::to_string(k) + "_i" + fmt_tag(in) + "_d" +
         fmt_tag(data) + "_t" + fmt_tag(s.formats.twiddle) + "_sh" + std::to_string(shift) + "_l" +
         std::to_string(s.fft.stage_latency) + (fault ? "_fault" : "");
}

}  // namespace

std::string gen_fft_unrolled_forward(Design& d, const AcceleratorSpec& s, int k, const Faults& f) {
  const DatapathFormats& fm = s.formats;
  const int shift = s.fft.scaling == FftScaling::forward ? 1 : 0;
  const std::string name = fft_name("fwd", k, fm.input, fm.fft, s, shift, f.butterfly);
  if (d.has(name)) return name;
  const std::string bfly =
      gen_butterfly(d, fm.fft, fm.twiddle, shift, s.fft.stage_latency, f.butterfly);
  const num::TwiddleRom rom(k, fm.twiddle);
  const int IW = fm.input.bits, D = fm.fft.bits, nb = k / 2 + 1;
  const int depth = arch::log2_exact(k) * s.fft.stage_latency;
  const std::vector<Port> ports{{"clk", false, 1},       {"rst", false, 1},
                                {"in_valid", false, 1},  {"in_data", false, k * IW},
                                {"out_valid", true, 1},  {"out_re", true, nb * D},
                                {"out_im", true, nb * D}};
  Emitter e;
  e.line("// Fully unrolled " + std::to_string(k) +
         "-point forward FFT of a real block "
         "(num::FixedFft::forward_real): " +
         describe(fm.input) + " in, bins 0.." + std::to_string(k / 2) + " of " + describe(fm.fft) +
         " out,");
  e.line("// " + std::to_string(depth) + " cycles later; one block per cycle.");
  emit_header(e, name, ports);
  Body b(e, name, ports);
  e.line("// input requantized to the FFT format, written in bit-reversed order, imag 0");
  const std::vector<int> rev = num::bit_reverse_table(k);
  for (int n = 0; n < k; ++n) {
    const int i = rev[n];
    b.wire(sig("re", 0, i), D);
    b.wire(sig("im", 0, i), D, literal(0, D));
    b.round_sat("u_in_" + std::to_string(n), part(b["in_data"], n * IW, IW), fm.input.frac, fm.fft,
                sig("re", 0, i));
  }
  emit_network(b, d.module(bfly), rom, D);
  const int S = arch::log2_exact(k);
  e.blank();
  // Bins above k/2 are the conjugates of those below: not needed, not output.
  for (int bin = 0; bin < nb; ++bin) {
    e.line("assign out_re[" + std::to_string(bin * D) + " +: " + std::to_string(D) +
           "] = " + sig("re", S, bin) + ";");
    e.line("assign out_im[" + std::to_string(bin * D) + " +: " + std::to_string(D) +
           "] = " + sig("im", S, bin) + ";");
  }
  emit_valid_pipe(b, depth);
  e.close("endmodule");
  d.add({name, e.str(), ports, depth});
  return name;
}

std::string gen_fft_unrolled_inverse(Design& d, const AcceleratorSpec& s, int k, const Faults& f) {
  const DatapathFormats& fm = s.formats;
  const int shift = s.fft.scaling == FftScaling::inverse ? 1 : 0;
  const std::string name = fft_name("inv", k, fm.accumulator, fm.ifft, s, shift, f.butterfly);
  if (d.has(name)) return name;
  const std::string bfly =
      gen_butterfly(d, fm.ifft, fm.twiddle, shift, s.fft.stage_latency, f.butterfly);
  const num::TwiddleRom rom(k, fm.twiddle);
  const int AW = fm.accumulator.bits, D = fm.ifft.bits, nb = k / 2 + 1, S = arch::log2_exact(k);
  const int depth = S * s.fft.stage_latency;
  const std::vector<Port> ports{{"clk", false, 1},
                                {"rst", false, 1},
                                {"in_valid", false, 1},
                                {"in_re", false, nb * AW},
                                {"in_im", false, nb * AW, true},
                                {"out_valid", true, 1},
                                {"out_data", true, k * D}};
  Emitter e;
  e.line("// Fully unrolled " + std::to_string(k) +
         "-point inverse FFT, real output "
         "(num::FixedFft::inverse_real): bins 0.." +
         std::to_string(k / 2) + " of " + describe(fm.accumulator) + " in,");
  e.line("// " + std::to_string(k) + " samples of " + describe(fm.ifft) + " out " +
         std::to_string(depth) + " cycles later: conj, the forward DIT network, real parts.");
  emit_header(e, name, ports);
  Body bd(e, name, ports);
  const std::vector<int> rev = num::bit_reverse_table(k);
  e.line("// Hermitian spectrum, conjugated: conj(X[b]) at b, X[b] at k-b; bins 0 and k/2 real.");
  e.line("// The imaginary inputs of the real bins are ignored (as the golden model does).");
  for (int b = 0; b < nb; ++b) {
    const std::string bs = std::to_string(b);
    const int i = rev[b];
    bd.wire(sig("re", 0, i), D);
    bd.round_sat("u_re_" + bs, part(bd["in_re"], b * AW, AW), fm.accumulator.frac, fm.ifft,
                 sig("re", 0, i));
    if (b == 0 || b == k / 2) {
      bd.wire(sig("im", 0, i), D, literal(0, D));
      continue;
    }
    const int j = rev[k - b];
    bd.wire(sig("re", 0, j), D, sig("re", 0, i));
    bd.wire(sig("im", 0, j), D);
    bd.round_sat("u_im_" + bs, part(bd["in_im"], b * AW, AW), fm.accumulator.frac, fm.ifft,
                 sig("im", 0, j));
    // -im can exceed the format (-min_code): fit it like the golden model.
    bd.wire("neg_" + bs, D + 1, literal(0, D + 1) + " - " + sext(sig("im", 0, j), D, D + 1));
    bd.wire(sig("im", 0, i), D);
    bd.round_sat_shift("u_neg_" + bs, bd["neg_" + bs], 0, fm.ifft, sig("im", 0, i));
  }
  emit_network(bd, d.module(bfly), rom, D);
  e.blank();
  for (int n = 0; n < k; ++n)
    e.line("assign out_data[" + std::to_string(n * D) + " +: " + std::to_string(D) +
           "] = " + sig("re", S, n) + ";");
  emit_valid_pipe(bd, depth);
  e.close("endmodule");
  d.add({name, e.str(), ports, depth});
  return name;
}

}  // namespace circa::gen
