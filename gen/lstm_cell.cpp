// The LSTM cell unit: the element-wise update of `lanes` hidden units per beat from their four
// gate pre-activations (num::lstm_cell_unit, NUMBER_FORMATS.md §10), bit-exact.
#include "arch/microarch.hpp"
#include "common/error.hpp"
#include "gen/emitter.hpp"
#include "gen/netlist.hpp"
#include "gen/units.hpp"
#include "gen/verilog.hpp"
#include "numerics/output_stage.hpp"

namespace circa::gen {
namespace {

/// Emits the lane's arithmetic into `b`; every signal it declares ends in `_<lane>`.
class CellLane {
 public:
  CellLane(Body& b, const DatapathFormats& f, int lane)
      : b_(b), out_(f.output), s_("_" + std::to_string(lane)) {}

  /// hard sigmoid: clamp(round_shift(x, 2) + one/2, 0, one).
  std::string sigmoid(const std::string& x) {
    const int O = out_.bits;
    const std::string q = x + "_q" + s_, v = x + "_sig_v" + s_, y = x + "_sig" + s_;
    b_.wire(q, O);
    // x/4 always fits O bits: no saturation happens, only the format's rounding.
    b_.round_sat_shift("u_" + q, b_[x + s_], 2, {O, 0, out_.rounding, Overflow::saturate}, q);
    const int64_t half = int64_t{1} << (out_.frac - 1);
    b_.wire(v, O + 1, sext(q, O, O + 1) + " + " + literal(half, O + 1));
    b_.wire(y, O,
            "$signed(" + v + ") < 0 ? " + literal(0, O) + " : $signed(" + v + ") > $signed(" +
                literal(one(), O + 1) + ") ? " + literal(one(), O) + " : " + v + "[" +
                std::to_string(O - 1) + ":0]");
    return y;
  }

  /// hard tanh: clamp(x, -one, one).
  std::string tanh(const std::string& x, const std::string& name) {
    const int O = out_.bits;
    const std::string y = name + s_;
    b_.wire(y, O,
            "$signed(" + x + ") < $signed(" + literal(-one(), O) + ") ? " + literal(-one(), O) +
                " : $signed(" + x + ") > $signed(" + literal(one(), O) + ") ? " +
                literal(one(), O) + " : " + x);
    return y;
  }

  /// fit(round_shift(a * c, frac)) in formats.output (num::mul_out).
  std::string mul(const std::string& a, const std::string& c, const std::string& name) {
    const int O = out_.bits;
    const std::string p = name + "_p" + s_, y = name + s_;
    b_.wire(p, 2 * O, "$signed(" + a + ") * $signed(" + c + ")");
    b_.wire(y, O);
    b_.round_sat_shift("u_" + y, b_[p], out_.frac, out_, y);
    return y;
  }

  /// fit(a + c) in formats.output.
  std::string add(const std::string& a, const std::string& c, const std::string& name) {
    const int O = out_.bits;
    const std::string sum = name + "_sum" + s_, y = name + s_;
    b_.wire(sum, O + 1, sext(a, O, O + 1) + " + " + sext(c, O, O + 1));
    b_.wire(y, O);
    b_.round_sat_shift("u_" + y, b_[sum], 0, out_, y);
    return y;
  }

  int64_t one() const { return num::one_code(out_); }

 private:
  Body& b_;
  const FixedFormat& out_;
  std::string s_;
};

/// One hidden unit's update, a module of its own so that synthesis maps it once however many
/// lanes the cell unit has. Stage 1: the gates' hard sigmoids and tanh, the products f*c and
/// i*tanh(g), into registers with sig(o); then combinational from them (stage 2, which the cell
/// unit registers): c' = fit(f*c + i*g), h = sig(o)*tanh(c'), h_next. One multiply a stage.
std::string gen_lstm_lane(Design& d, const DatapathFormats& f) {
  const FixedFormat& out = f.output;
  const int O = out.bits, X = f.input.bits;
  const std::string name = "circa_lstm_lane_o" + fmt_tag(out) + "_x" + fmt_tag(f.input);
  if (d.has(name)) return name;
  std::vector<Port> ports{{"clk", false, 1}};
  for (const char* g : {"gate_i", "gate_f", "gate_g", "gate_o", "cell_in"})
    ports.push_back({g, false, O});
  ports.push_back({"cell_out", true, O});
  ports.push_back({"h_out", true, O});
  ports.push_back({"h_next", true, X});
  Emitter e;
  e.line("// One LSTM hidden unit, all values " + describe(out) +
         ": sig(f)*c, sig(i)*tanh(g) and sig(o) registered, then");
  e.line("// c' = fit(f*c + i*g), h = sig(o)*tanh(c'), h_next = h requantised to " +
         describe(f.input) + " (hard sigmoid and tanh).");
  e.open("module " + name + " (");
  for (const auto& l : port_lines(ports)) e.line(l);
  e.close(");");
  e.open("");
  Body b(e, name, ports);
  CellLane c(b, f, 0);
  for (const char* g : {"gate_i", "gate_f", "gate_g", "gate_o", "cell_in"})
    b.wire(std::string(g) + "_0", O, g);
  const std::string i = c.sigmoid("gate_i"), fg = c.sigmoid("gate_f"), o = c.sigmoid("gate_o"),
                    g = c.tanh("gate_g_0", "tanh_g");
  const std::string fc = c.mul(fg, "cell_in_0", "fc"), ig = c.mul(i, g, "ig");
  b.regs({"fc_q", "ig_q", "sig_o_q"}, O);
  e.line("always @(posedge clk) begin fc_q <= " + fc + "; ig_q <= " + ig + "; sig_o_q <= " + o +
         "; end");
  const std::string cn = c.add("fc_q", "ig_q", "cell_new");
  const std::string h = c.mul("sig_o_q", c.tanh(cn, "tanh_c"), "h");
  b.round_sat("u_hn", b[h], out.frac, f.input, "h_next");
  e.line("assign cell_out = " + cn + ";");
  e.line("assign h_out = " + h + ";");
  e.close("endmodule");
  d.add({name, e.str(), ports, 1});
  return name;
}

}  // namespace

std::string gen_lstm_cell(Design& d, const DatapathFormats& f, int lanes) {
  const FixedFormat& out = f.output;
  const int O = out.bits, X = f.input.bits;
  CIRCA_CHECK(arch::lstm_cell_fits(out),
              "the lstm cell needs 1 <= formats.output.frac < bits (the layer check refuses it)");
  const std::string name =
      "circa_lstm_cell_n" + std::to_string(lanes) + "_o" + fmt_tag(out) + "_x" + fmt_tag(f.input);
  if (d.has(name)) return name;
  const Module& lane = d.module(gen_lstm_lane(d, f));
  CIRCA_CHECK(lane.latency + 1 == arch::kLstmCellLatency, "lstm cell stages");
  std::vector<Port> ports{{"clk", false, 1}, {"rst", false, 1}, {"in_valid", false, 1}};
  for (const char* g : {"gate_i", "gate_f", "gate_g", "gate_o", "cell_in"})
    ports.push_back({g, false, lanes * O});
  ports.push_back({"out_valid", true, 1});
  ports.push_back({"cell_out", true, lanes * O});
  ports.push_back({"h_out", true, lanes * O});
  ports.push_back({"h_next", true, lanes * X});
  Emitter e;
  e.line("// LSTM cell unit, " + std::to_string(lanes) + " hidden units per beat (" + lane.name +
         " each), then");
  e.line("// " + std::to_string(arch::kLstmCellLatency) +
         " register stages (arch::kLstmCellLatency): the lanes' products, then the outputs.");
  e.open("module " + name + " (");
  for (const auto& l : port_lines(ports)) e.line(l);
  e.close(");");
  e.open("");
  Body b(e, name, ports);
  b.wires({"cell_res", "h_res"}, lanes * O);
  b.wire("hn_res", lanes * X);
  for (int n = 0; n < lanes; ++n) {
    Instance u(ref(lane), "u_lane" + std::to_string(n));
    u.connect("clk", b["clk"]);
    for (const char* g : {"gate_i", "gate_f", "gate_g", "gate_o", "cell_in"})
      u.connect(g, part(b[g], n * O, O));
    u.connect("cell_out", part(b["cell_res"], n * O, O))
        .connect("h_out", part(b["h_res"], n * O, O))
        .connect("h_next", part(b["hn_res"], n * X, X));
    b.add(u);
  }
  b.regs({"cell_q", "h_q"}, lanes * O);
  b.reg("hn_q", lanes * X);
  b.regs({"valid_p", "valid_q"}, 1);  // the lanes' stage, the outputs'
  e.line("always @(posedge clk) begin cell_q <= cell_res; h_q <= h_res; hn_q <= hn_res; end");
  e.line(
      "always @(posedge clk) if (rst) begin valid_p <= 1'b0; valid_q <= 1'b0; end else begin "
      "valid_p <= in_valid; valid_q <= valid_p; end");
  e.line("assign cell_out = cell_q;");
  e.line("assign h_out = h_q;");
  e.line("assign h_next = hn_q;");
  e.line("assign out_valid = valid_q;");
  e.close("endmodule");
  d.add({name, e.str(), ports, arch::kLstmCellLatency});
  return name;
}

}  // namespace circa::gen
