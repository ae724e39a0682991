// The pipelined and iterative FFT units around their cores (fft_pipelined.cpp, fft_iterative.cpp):
// the forward unit (real samples in, bins out), the inverse unit (half spectrum in, real samples
// out, num::FixedFft::inverse_real's conj-FFT-conj) and, for fft.shared_ifft, one unit doing both
// with a `mode` input.
#include "arch/microarch.hpp"
#include "gen/fft_core.hpp"
#include "gen/units.hpp"

namespace circa::gen {
namespace {

std::string n2s(int64_t v) {
  return std::to_string(v);
}

std::string slice(const std::string& bus, int i, int w) {
  return bus + "[" + n2s(i * w) + " +: " + n2s(w) + "]";
}

/// Real samples of formats.input -> the FFT format, imaginary 0, onto bus `fwd_feed`.
void emit_forward_feed(Body& b, const AcceleratorSpec& s, int lanes, int W) {
  Emitter& e = b.out();
  const FixedFormat &in = s.formats.input, &f = s.formats.fft;
  std::string bus;
  e.line("// forward: input samples requantized to " + describe(f) + ", imaginary 0");
  for (int l = lanes - 1; l >= 0; --l) {
    const std::string q = "fq_" + n2s(l);
    b.wire(q, f.bits);
    b.round_sat("u_fq_" + n2s(l), part(b["in_data"], l * in.bits, in.bits), in.frac, f, q);
    bus += (bus.empty() ? "" : ", ") + sext(q, f.bits, W) + ", " + literal(0, W);
  }
  b.wire("fwd_feed", 2 * lanes * W, "{" + bus + "}");
}

/// Lane l of beat t carries accumulator bin min(n, k-n), n = t*S + l. The transform input is
/// conj(X[n]) for n <= k/2 and X[k-n] for n > k/2 (the Hermitian partner, conjugated), bins 0
/// and k/2 real: the golden inverse_real's spectrum in natural order.
void emit_inverse_feed(Body& b, const AcceleratorSpec& s, int k, int lanes, int W) {
  Emitter& e = b.out();
  const FixedFormat &a = s.formats.accumulator, &f = s.formats.ifft;
  const int n = arch::log2_exact(k), r = arch::log2_exact(lanes), T = n - r;
  e.line("// inverse: lane l of beat t is bin min(i, k-i), i = t*" + n2s(lanes) +
         " + l; conj for i < k/2, bins 0 and k/2 real");
  if (T > 0) {
    b.reg("ci", T);
    e.line("always @(posedge clk) if (rst) ci <= " + literal(0, T) +
           "; else if (in_valid) ci <= ci + " + literal(1, T) + ";");
  }
  std::string bus;
  for (int l = lanes - 1; l >= 0; --l) {
    const std::string ls = n2s(l), idx = "ix_" + ls;
    const std::string lane_bits = r > 0 ? literal(l, r) : "";
    b.wire(idx, n, T == 0 ? lane_bits : r == 0 ? "ci" : "{ci, " + lane_bits + "}");
    b.wires({"xr_" + ls, "xi_" + ls, "xn_" + ls, "yi_" + ls}, f.bits);
    b.round_sat("u_xr_" + ls, part(b["in_re"], l * a.bits, a.bits), a.frac, f, "xr_" + ls);
    b.round_sat("u_xi_" + ls, part(b["in_im"], l * a.bits, a.bits), a.frac, f, "xi_" + ls);
    // -im can exceed the format (-min_code): fit it like the golden model.
    b.wire("ng_" + ls, f.bits + 1,
           literal(0, f.bits + 1) + " - " + sext("xi_" + ls, f.bits, f.bits + 1));
    b.round_sat_shift("u_xn_" + ls, b["ng_" + ls], 0, f, "xn_" + ls);
    e.line("assign yi_" + ls + " = (" + idx + " == " + literal(0, n) + " || " + idx +
           " == " + literal(k / 2, n) + ") ? " + literal(0, f.bits) + " : (" + idx + " < " +
           literal(k / 2, n) + ") ? xn_" + ls + " : xi_" + ls + ";");
    bus += (bus.empty() ? "" : ", ") + sext("xr_" + ls, f.bits, W) + ", " +
           sext("yi_" + ls, f.bits, W);
  }
  b.wire("inv_feed", 2 * lanes * W, "{" + bus + "}");
}

FftCoreParams core_params(const AcceleratorSpec& s, int k, bool fwd, bool inv,
                          const Faults& faults) {
  FftCoreParams p;
  p.k = k;
  p.lanes = std::min(s.fft.samples_per_cycle, k);
  p.stage_latency = s.fft.stage_latency;
  p.twiddle = s.formats.twiddle;
  p.fault = faults.butterfly;
  if (fwd) p.modes.push_back({s.formats.fft, s.fft.scaling == FftScaling::forward ? 1 : 0});
  if (inv) p.modes.push_back({s.formats.ifft, s.fft.scaling == FftScaling::inverse ? 1 : 0});
  return p;
}

std::string unit_name(const AcceleratorSpec& s, const FftCoreParams& p, bool fwd, bool inv) {
  const DatapathFormats& f = s.formats;
  std::string n = std::string(s.fft.style == FftStyle::iterative ? "circa_ffti_" : "circa_fftp_") +
                  (fwd && inv ? "shared"
                   : fwd      ? "fwd"
                              : "inv") +
                  "_k" + n2s(p.k) + "_s" + n2s(p.lanes);
  if (fwd) n += "_i" + fmt_tag(f.input) + "_d" + fmt_tag(f.fft);
  if (inv) n += "_a" + fmt_tag(f.accumulator) + "_d" + fmt_tag(f.ifft);
  return n + "_t" + fmt_tag(f.twiddle) + "_" +
         (s.fft.scaling == FftScaling::forward ? "scf" : "sci") + "_l" + n2s(p.stage_latency) +
         (p.fault ? "_fault" : "");
}

std::vector<Port> unit_ports(const AcceleratorSpec& s, const FftCoreParams& p, bool fwd, bool inv) {
  const int S = p.lanes, W = core_width(p);
  std::vector<Port> ports{{"clk", false, 1}, {"rst", false, 1}};
  if (fwd && inv) ports.push_back({"mode", false, 1});
  ports.push_back({"in_valid", false, 1});
  if (fwd) ports.push_back({"in_data", false, S * s.formats.input.bits});
  if (inv) {
    ports.push_back({"in_re", false, S * s.formats.accumulator.bits});
    ports.push_back({"in_im", false, S * s.formats.accumulator.bits});
  }
  ports.push_back({"out_valid", true, 1});
  if (fwd) {
    ports.push_back({"out_re", true, S * W});
    ports.push_back({"out_im", true, S * W});
  } else {
    ports.push_back({"out_data", true, S * W});
  }
  return ports;
}

std::string gen_unit(Design& d, const AcceleratorSpec& s, int k, bool fwd, bool inv,
                     const Faults& f) {
  const FftCoreParams p = core_params(s, k, fwd, inv, f);
  const std::string name = unit_name(s, p, fwd, inv);
  if (d.has(name)) return name;
  const int S = p.lanes, W = core_width(p);
  const std::vector<Port> ports = unit_ports(s, p, fwd, inv);
  const arch::FftTiming t = arch::fft_timing(s, k);
  const bool iterative = s.fft.style == FftStyle::iterative;
  Emitter e;
  e.line(std::string(iterative ? "// Iterative " : "// Pipelined ") + n2s(k) + "-point " +
         (fwd && inv ? "FFT/IFFT (mode 0 forward, 1 inverse)"
          : fwd      ? "forward FFT"
                     : "inverse FFT") +
         ", " + n2s(S) + " samples per beat, latency " + n2s(t.latency) + ", one block every " +
         n2s(t.ii) + " cycles.");
  e.line(std::string("// Outputs leave in ") + (iterative ? "natural" : "bit-reversed") +
         " order: beat t lane l is bin (forward) or sample (inverse)");
  e.line("// " + std::string(iterative ? "" : "bitrev") + "(t*" + n2s(S) +
         " + l). A block's beats must be consecutive; `mode` must hold while a block is inside.");
  e.open("module " + name + " (");
  for (const auto& l : port_lines(ports)) e.line(l);
  e.close(");");
  e.open("");
  Body b(e, name, ports);
  if (fwd) emit_forward_feed(b, s, S, W);
  if (inv) emit_inverse_feed(b, s, k, S, W);
  b.wire("feed_v", 1, "in_valid");
  b.wire("feed", 2 * S * W,
         fwd && inv ? "mode ? inv_feed : fwd_feed"
         : fwd      ? "fwd_feed"
                    : "inv_feed");
  if (iterative)
    emit_fft_iterative_core(b, d, p);
  else
    emit_fft_core(b, d, p);
  e.line("assign out_valid = core_v;");
  if (!fwd) e.line("/* verilator lint_off UNUSEDSIGNAL */");  // imaginary parts of a real result
  b.wire("core_copy", 2 * S * W, "core_d");
  if (!fwd) e.line("/* verilator lint_on UNUSEDSIGNAL */");
  for (int l = 0; l < S; ++l) {
    if (fwd) {
      e.line("assign " + slice("out_re", l, W) + " = " + lane_re("core_copy", l, W) + ";");
      e.line("assign " + slice("out_im", l, W) + " = " + lane_im("core_copy", l, W) + ";");
    } else {
      e.line("assign " + slice("out_data", l, W) + " = " + lane_re("core_copy", l, W) + ";");
    }
  }
  e.close("endmodule");
  d.add({name, e.str(), ports, t.latency});
  return name;
}

}  // namespace

std::string gen_fft_pipelined_forward(Design& d, const AcceleratorSpec& s, int k, const Faults& f) {
  return gen_unit(d, s, k, true, false, f);
}

std::string gen_fft_pipelined_inverse(Design& d, const AcceleratorSpec& s, int k, const Faults& f) {
  return gen_unit(d, s, k, false, true, f);
}

std::string gen_fft_pipelined_shared(Design& d, const AcceleratorSpec& s, int k, const Faults& f) {
  return gen_unit(d, s, k, true, true, f);
}

}  // namespace circa::gen
