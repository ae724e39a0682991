// The peripheral unit: IFFT samples to the output format, bias, ReLU (num::output_preactivation
// and num::activate for relu/none).
#include "arch/microarch.hpp"
#include "gen/emitter.hpp"
#include "gen/netlist.hpp"
#include "gen/units.hpp"

namespace circa::gen {

std::string gen_peripheral(Design& d, const DatapathFormats& f, int lanes) {
  const int I = f.ifft.bits, O = f.output.bits;
  const std::string name =
      "circa_periph_n" + std::to_string(lanes) + "_i" + fmt_tag(f.ifft) + "_o" + fmt_tag(f.output);
  if (d.has(name)) return name;
  const std::vector<Port> ports{
      {"clk", false, 1},          {"rst", false, 1},      {"cfg_bias", false, 1},
      {"cfg_relu", false, 1},     {"in_valid", false, 1}, {"in_data", false, lanes * I},
      {"bias", false, lanes * O}, {"out_valid", true, 1}, {"out_data", true, lanes * O}};
  Emitter e;
  e.line("// Peripheral unit, " + std::to_string(lanes) + " samples per beat: requantize " +
         describe(f.ifft) + " -> " + describe(f.output) + ", + bias (fit) when cfg_bias,");
  e.line("// max(0, v) when cfg_relu; " + std::to_string(arch::kPeripheralLatency) +
         " register stage (arch::kPeripheralLatency).");
  e.open("module " + name + " (");
  for (const auto& l : port_lines(ports)) e.line(l);
  e.close(");");
  e.open("");
  Body b(e, name, ports);
  b.wire("res", lanes * O);
  for (int n = 0; n < lanes; ++n) {
    const std::string s = std::to_string(n), lo = std::to_string(n * O), w = std::to_string(O);
    b.wires({"o_" + s, "b_" + s}, O);
    b.round_sat("u_q_" + s, part(b["in_data"], n * I, I), f.ifft.frac, f.output, "o_" + s);
    b.wire("sum_" + s, O + 1,
           sext("o_" + s, O, O + 1) + " + {bias[" + std::to_string(n * O + O - 1) + "], bias[" +
               lo + " +: " + w + "]}");
    b.round_sat_shift("u_b_" + s, b["sum_" + s], 0, f.output, "b_" + s);
    b.wire("v_" + s, O, "cfg_bias ? b_" + s + " : o_" + s);
    e.line("assign res[" + lo + " +: " + w + "] = (cfg_relu && v_" + s + "[" +
           std::to_string(O - 1) + "]) ? " + literal(0, O) + " : v_" + s + ";");
  }
  b.reg("out_q", lanes * O);
  b.reg("valid_q", 1);
  e.line("always @(posedge clk) out_q <= res;");
  e.line("always @(posedge clk) if (rst) valid_q <= 1'b0; else valid_q <= in_valid;");
  e.line("assign out_data = out_q;");
  e.line("assign out_valid = valid_q;");
  e.close("endmodule");
  d.add({name, e.str(), ports, arch::kPeripheralLatency});
  return name;
}

}  // namespace circa::gen
