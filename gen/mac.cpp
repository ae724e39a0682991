// The frequency-domain MAC lane: the product stage (complex multiply + requantize) and the
// saturating, addressed accumulator, num::complex_product() and num::accumulate().
#include "arch/microarch.hpp"
#include "gen/emitter.hpp"
#include "gen/netlist.hpp"
#include "gen/units.hpp"

namespace circa::gen {
namespace {

void emit_header(Emitter& e, const std::string& name, const std::vector<Port>& ports) {
  e.open("module " + name + " (");
  for (const auto& l : port_lines(ports)) e.line(l);
  e.close(");");
  e.open("");
}

/// A valid bit delayed one cycle, cleared by reset.
void emit_valid_reg(Body& b) {
  Emitter& e = b.out();
  b.reg("valid_q", 1);
  e.line("always @(posedge clk) if (rst) valid_q <= 1'b0; else valid_q <= in_valid;");
  e.line("assign out_valid = valid_q;");
}

}  // namespace

std::string gen_cmul(Design& d, const DatapathFormats& f, bool pair) {
  const int D = f.fft.bits, W = f.weight.bits, pw = D + W, sw = pw + 1;
  const std::string name = std::string(pair ? "circa_cmulp_x" : "circa_cmul_x") + fmt_tag(f.fft) +
                           "_w" + fmt_tag(f.weight) + "_p" + fmt_tag(f.product);
  if (d.has(name)) return name;
  const int P = f.product.bits;
  std::vector<Port> ports{{"clk", false, 1}, {"rst", false, 1}, {"in_valid", false, 1}};
  if (pair) ports.push_back({"pair", false, 1});
  for (const auto& pt : std::vector<Port>{{"x_re", false, D},
                                          {"x_im", false, D},
                                          {"w_re", false, W},
                                          {"w_im", false, W},
                                          {"out_valid", true, 1},
                                          {"p_re", true, P},
                                          {"p_im", true, P}})
    ports.push_back(pt);
  Emitter e;
  e.line("// Product stage (num::complex_product): x * w exact, requantized from " +
         std::to_string(f.fft.frac + f.weight.frac) + " fraction bits to " + describe(f.product) +
         "; one register stage.");
  emit_header(e, name, ports);
  Body b(e, name, ports);
  const auto mul = [&](const char* x, const char* w) {
    return sext(x, D, pw) + " * " + sext(w, W, pw);
  };
  b.wire("m_rr", pw, mul("x_re", "w_re"));
  b.wire("m_ii", pw, mul("x_im", "w_im"));
  b.wire("m_ri", pw, mul("x_re", "w_im"));
  b.wire("m_ir", pw, mul("x_im", "w_re"));
  if (pair) {
    // packed_real word 0 holds two real bins (0 and k/2): re*re and im*im, no cross terms, each
    // exactly the golden complex_product of a real bin.
    b.wire(
        "s_re", sw,
        sext("m_rr", pw, sw) + " - (pair ? " + literal(0, sw) + " : " + sext("m_ii", pw, sw) + ")");
    b.wire("s_im", sw,
           "pair ? " + sext("m_ii", pw, sw) + " : " + sext("m_ri", pw, sw) + " + " +
               sext("m_ir", pw, sw));
  } else {
    b.wire("s_re", sw, sext("m_rr", pw, sw) + " - " + sext("m_ii", pw, sw));
    b.wire("s_im", sw, sext("m_ri", pw, sw) + " + " + sext("m_ir", pw, sw));
  }
  b.wires({"q_re", "q_im"}, P);
  const int from = f.fft.frac + f.weight.frac;
  b.round_sat("u_re", b["s_re"], from, f.product, "q_re");
  b.round_sat("u_im", b["s_im"], from, f.product, "q_im");
  b.regs({"p_re_q", "p_im_q"}, P);
  e.line("always @(posedge clk) begin p_re_q <= q_re; p_im_q <= q_im; end");
  e.line("assign p_re = p_re_q;");
  e.line("assign p_im = p_im_q;");
  emit_valid_reg(b);
  e.close("endmodule");
  d.add({name, e.str(), ports, 1});
  return name;
}

std::string gen_accumulator(Design& d, const DatapathFormats& f, int depth) {
  const int P = f.product.bits, A = f.accumulator.bits, aw = ceil_log2(depth);
  const std::string name = "circa_acc_p" + std::to_string(P) + "_a" + fmt_tag(f.accumulator) +
                           "_n" + std::to_string(depth);
  if (d.has(name)) return name;
  const std::vector<Port> ports{{"clk", false, 1},   {"rst", false, 1},      {"in_valid", false, 1},
                                {"first", false, 1}, {"addr", false, aw},    {"p_re", false, P},
                                {"p_im", false, P},  {"out_valid", true, 1}, {"acc_re", true, A},
                                {"acc_im", true, A}};
  Emitter e;
  e.line("// Saturating accumulator (num::accumulate), " + std::to_string(depth) +
         " addressed entries of " + describe(f.accumulator) +
         ": acc[addr] = fit((first ? 0 : acc[addr]) + p).");
  e.line(
      "// The product and accumulator fractions are equal (spec cross-check), so p adds "
      "unshifted.");
  emit_header(e, name, ports);
  Body b(e, name, ports);
  b.memory("mem_re", A, depth);
  b.memory("mem_im", A, depth);
  const std::string zero = literal(0, A);
  b.wire("base_re", A, "first ? " + zero + " : mem_re[addr]");
  b.wire("base_im", A, "first ? " + zero + " : mem_im[addr]");
  b.wire("sum_re", A + 1, sext("base_re", A, A + 1) + " + " + sext("p_re", P, A + 1));
  b.wire("sum_im", A + 1, sext("base_im", A, A + 1) + " + " + sext("p_im", P, A + 1));
  b.wires({"n_re", "n_im"}, A);
  b.round_sat_shift("u_re", b["sum_re"], 0, f.accumulator, "n_re");
  b.round_sat_shift("u_im", b["sum_im"], 0, f.accumulator, "n_im");
  b.regs({"acc_re_q", "acc_im_q"}, A);
  e.open("always @(posedge clk) begin");
  e.open("if (in_valid) begin");
  e.line("mem_re[addr] <= n_re;");
  e.line("mem_im[addr] <= n_im;");
  e.close("end");
  e.line("acc_re_q <= n_re;");
  e.line("acc_im_q <= n_im;");
  e.close("end");
  e.line("assign acc_re = acc_re_q;");
  e.line("assign acc_im = acc_im_q;");
  emit_valid_reg(b);
  e.close("endmodule");
  d.add({name, e.str(), ports, 1});
  return name;
}

std::string gen_mac_lane(Design& d, const DatapathFormats& f, int depth) {
  const std::string cmul = gen_cmul(d, f), acc = gen_accumulator(d, f, depth);
  const std::string name = "circa_mac_" + cmul.substr(11) + "_" + acc.substr(10);
  if (d.has(name)) return name;
  const int D = f.fft.bits, W = f.weight.bits, A = f.accumulator.bits, P = f.product.bits;
  const int aw = ceil_log2(depth);
  const std::vector<Port> ports{{"clk", false, 1},      {"rst", false, 1},   {"in_valid", false, 1},
                                {"first", false, 1},    {"addr", false, aw}, {"x_re", false, D},
                                {"x_im", false, D},     {"w_re", false, W},  {"w_im", false, W},
                                {"out_valid", true, 1}, {"acc_re", true, A}, {"acc_im", true, A}};
  Emitter e;
  e.line("// One complex MAC lane: product stage, then accumulator (" +
         std::to_string(arch::kMacLatency) + " register stages, arch::kMacLatency).");
  emit_header(e, name, ports);
  Body b(e, name, ports);
  b.wire("pv", 1);
  b.wires({"p_re", "p_im"}, P);
  b.reg("first_q", 1);
  b.reg("addr_q", aw);
  e.line("// first/addr travel beside the product so they meet it at the accumulator");
  e.line("always @(posedge clk) begin first_q <= first; addr_q <= addr; end");
  Instance mul(ref(d.module(cmul)), "u_mul");
  for (const char* same :
       {"clk", "rst", "in_valid", "x_re", "x_im", "w_re", "w_im", "p_re", "p_im"})
    mul.connect(same, b[same]);
  b.add(mul.connect("out_valid", b["pv"]));
  Instance ac(ref(d.module(acc)), "u_acc");
  for (const char* same : {"clk", "rst", "p_re", "p_im", "out_valid", "acc_re", "acc_im"})
    ac.connect(same, b[same]);
  b.add(
      ac.connect("in_valid", b["pv"]).connect("first", b["first_q"]).connect("addr", b["addr_q"]));
  e.close("endmodule");
  d.add({name, e.str(), ports, arch::kMacLatency});
  return name;
}

}  // namespace circa::gen
