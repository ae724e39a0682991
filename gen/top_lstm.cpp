// An lstm layer in the generated top (SCHEDULE.md, "LSTM in the whole-network top"): the time-step
// loop and the cell update. Step t is one product over [x_t; h_{t-1}]: phase A reads x_t's
// blocks (the input buffer, or the layer before's region) then h_{t-1}'s from the layer's own
// output region (zeros at t = 0). The product writes the 4 x hidden gate pre-activations from
// gate_base; then the cell update walks the hidden rows: for each it reads the row's gates i, f,
// g, o and c one a cycle through the output banks' read port, the cell unit computes c and h,
// and h_t (at out_base + t x hidden blocks) and c (at cell_base) are written one a cycle after.
#include "gen/top_plan.hpp"
#include "gen/units.hpp"

namespace circa::gen {
namespace {

/// The w-bit unsigned x in `to` bits: zero-extended, or its low `to` bits.
std::string fit(const std::string& x, int w, int to) {
  return w <= to ? zext(x, w, to) : x + "[" + n2s(to - 1) + ":0]";
}

/// Without the cell unit (formats.output has no integer or no fraction bit) no layer is lstm.
void emit_lstm_constants(Body& b, const TopPlan& p) {
  const int ia = bits_for(int64_t{p.q_max} * p.beats), aw = p.p_bits + p.log2_beats;
  const int S = p.samples_per_beat, O = p.spec->formats.output.bits;
  Emitter& e = b.out();
  e.blank().line(
      "// no lstm layers: formats.output leaves the cell unit no integer or fraction bit");
  for (const std::string& n : {net::lstm_h_now, net::lstm_step0, net::lstm_last_step,
                               net::lstm_done, net::lstm_read, net::lstm_we})
    e.line("assign " + n + " = 1'b0;");
  e.line("assign " + net::lstm_x_row + " = " + literal(0, ia) + ";");
  e.line("assign " + net::lstm_hidden_blocks + " = " + literal(0, p.p_bits) + ";");
  for (const std::string& n : {net::lstm_h_addr, net::lstm_raddr, net::lstm_waddr})
    e.line("assign " + n + " = " + literal(0, aw) + ";");
  e.line("assign " + net::lstm_wbeat + " = " + literal(0, std::max(p.log2_beats, 1)) + ";");
  e.line("assign " + net::lstm_wdata + " = " + zeros(S * O) + ";");
}

/// The step counter and phase A's addresses: x_t's rows from lstm_x_row (x_blocks rows a step
/// further each step), h_{t-1}'s at out_base - hidden rows (out_base is h_t's first row).
void emit_step_loop(Body& b, const TopPlan& p) {
  Emitter& e = b.out();
  const int tb = p.log2_beats, ia = bits_for(int64_t{p.q_max} * p.beats);
  const int aw = p.p_bits + tb, sb = p.desc.steps;
  e.blank().line("// ---- lstm: time step t of cfg_steps; x_t then h_{t-1} in phase A ----");
  e.line("/* verilator lint_off UNUSEDSIGNAL */  // bits above the output banks' blocks");
  b.wire("lstm_qh", p.q_bits, "cfg_q - cfg_x_blocks");
  e.line("/* verilator lint_on UNUSEDSIGNAL */");
  e.line("assign " + net::lstm_hidden_blocks + " = " + fit("lstm_qh", p.q_bits, p.p_bits) + ";");
  b.reg("lstm_t", sb);
  e.line("assign " + net::lstm_step0 + " = lstm_t == " + literal(0, sb) + ";");
  e.line("assign " + net::lstm_last_step + " = lstm_t == cfg_steps - " + literal(1, sb) + ";");
  e.line("always @(posedge clk) if (rst) lstm_t <= " + literal(0, sb) + "; else if (" +
         net::running + " && " + net::done_now + " && cfg_lstm) lstm_t <= " + net::lstm_last_step +
         " ? " + literal(0, sb) + " : lstm_t + " + literal(1, sb) + ";");
  const std::string x_rows = tb > 0 ? "{cfg_x_blocks, " + n2s(tb) + "'h0}" : "cfg_x_blocks";
  b.wire("lstm_x_rows", ia, x_rows, "rows of x_t");
  e.line("assign " + net::lstm_h_now + " = cfg_lstm && " + net::phase_a_row + " >= lstm_x_rows;");
  // x_t's base moves on once the step's phase A is read (the next step's first row is read in
  // the cycle of this step's last write, with the new base), and wraps after the last step.
  b.wire("lstm_phase_a_end", 1,
         "cfg_lstm && " + net::inbuf_read + " && " + net::phase_a_row + " == phase_a_rows - " +
             literal(1, ia));
  e.line("always @(posedge clk) if (rst) " + net::lstm_x_row + " <= " + literal(0, ia) +
         "; else if (lstm_phase_a_end) " + net::lstm_x_row + " <= " + net::lstm_last_step + " ? " +
         literal(0, ia) + " : " + net::lstm_x_row + " + lstm_x_rows;");
  e.line("assign " + net::lstm_h_addr + " = " + net::out_base + " + " +
         fit(net::phase_a_row, ia, aw) + " - " + fit("phase_a_rows", ia, aw) +
         ";  // h_{t-1}: out_base - hidden rows + (row - x rows)");
}

/// The cell update: rows r = 0 .. R-1 of S hidden units, 5 reads a row (gates i, f, g, o, then
/// c), the cell unit a cycle after the last, h_t written the cycle after, c the next.
void emit_cell_update(Body& b, Design& d, const TopPlan& p) {
  Emitter& e = b.out();
  const int tb = p.log2_beats, aw = p.p_bits + tb;
  const int S = p.samples_per_beat, O = p.spec->formats.output.bits, X = p.spec->formats.input.bits;
  e.blank().line(
      "// ---- lstm cell update: per hidden row, gates i f g o and c read a cycle each, then the "
      "cell unit, then h_t and c written ----");
  const std::string& qh = net::lstm_hidden_blocks;
  b.wire("lstm_rows", aw, tb > 0 ? "{" + qh + ", " + n2s(tb) + "'h0}" : qh, "R: hidden rows");
  b.reg("u_active", 1);
  b.reg("u_row", aw);
  b.reg("u_g", 3, "0-3: gate i f g o, 4: c");
  b.wire("u_last", 1, "u_g == 3'd4");
  b.wire("lstm_go", 1, "cfg_lstm && product_written",
         "the step's last gate is written: the update reads from the next cycle");
  e.open("always @(posedge clk) begin");
  e.line("if (rst) u_active <= 1'b0;");
  e.line("else if (lstm_go) begin u_active <= 1'b1; u_row <= " + literal(0, aw) +
         "; u_g <= 3'd0; end");
  e.open("else if (u_active) begin");
  e.line("u_g <= u_last ? 3'd0 : u_g + 3'd1;");
  e.line("if (u_last) u_row <= u_row + " + literal(1, aw) + ";");
  e.line("if (u_last && u_row == lstm_rows - " + literal(1, aw) + ") u_active <= 1'b0;");
  e.close("end");
  e.close("end");
  e.line("assign " + net::lstm_read + " = u_active;");
  b.wire("u_gate_row", aw,
         "(u_g[1] ? {lstm_rows[" + n2s(aw - 2) + ":0], 1'b0} : " + literal(0, aw) +
             ") + (u_g[0] ? lstm_rows : " + literal(0, aw) + ")",
         "gate g's first row: g x R");
  e.line("assign " + net::lstm_raddr +
         " = u_last ? cfg_cell_base_row + u_row : cfg_gate_base_row + "
         "u_gate_row + u_row;");
  // The read's data is on the output lanes (natural order) the next cycle.
  b.reg("u_rd_valid", 1);
  b.reg("u_rd_g", 3);
  b.reg("u_rd_row", aw);
  e.line(
      "always @(posedge clk) begin if (rst) u_rd_valid <= 1'b0; else u_rd_valid <= u_active; "
      "u_rd_g <= u_g; u_rd_row <= u_row; end");
  std::string lanes;
  for (int l = S - 1; l >= 0; --l) lanes += (lanes.empty() ? "" : ", ") + ("out_lane" + n2s(l));
  b.wire("u_rdata", S * O, "{" + lanes + "}");
  const char* gates[] = {"u_gi", "u_gf", "u_gg", "u_go"};
  b.regs({gates[0], gates[1], gates[2], gates[3]}, S * O);
  for (int g = 0; g < 4; ++g)
    e.line("always @(posedge clk) if (u_rd_valid && u_rd_g == 3'd" + n2s(g) + ") " + gates[g] +
           " <= u_rdata;");
  b.wire("cell_go", 1, "u_rd_valid && u_rd_g == 3'd4",
         "c is on the lanes: the cell unit takes the row");
  b.reg("cell_row", aw);
  e.line("always @(posedge clk) if (cell_go) cell_row <= u_rd_row;");
  b.wire("cell_valid", 1);
  b.wires({"cell_c", "cell_h"}, S * O);
  e.line("/* verilator lint_off UNUSEDSIGNAL */  // h re-enters through the read path instead");
  b.wire("cell_h_next", S * X);
  e.line("/* verilator lint_on UNUSEDSIGNAL */");
  const Module& cell = d.module(gen_lstm_cell(d, p.spec->formats, S));
  b.add(Instance(ref(cell), "u_lstm_cell")
            .connect("clk", b["clk"])
            .connect("rst", b["rst"])
            .connect("in_valid", b["cell_go"])
            .connect("gate_i", b[gates[0]])
            .connect("gate_f", b[gates[1]])
            .connect("gate_g", b[gates[2]])
            .connect("gate_o", b[gates[3]])
            .connect("cell_in", Expr(net::lstm_step0 + " ? " + zeros(S * O) + " : u_rdata", S * O))
            .connect("out_valid", b["cell_valid"])
            .connect("cell_out", b["cell_c"])
            .connect("h_out", b["cell_h"])
            .connect("h_next", b["cell_h_next"]));
  b.reg("cw_valid", 1, "c is written: the cycle after h_t");
  b.reg("cw_row", aw);
  b.reg("cw_data", S * O);
  e.line(
      "always @(posedge clk) begin if (rst) cw_valid <= 1'b0; else cw_valid <= cell_valid; "
      "cw_row <= cell_row; cw_data <= cell_c; end");
  e.line("assign " + net::lstm_we + " = cell_valid || cw_valid;");
  e.line("assign " + net::lstm_waddr + " = cell_valid ? " + net::out_base +
         " + cell_row : cfg_cell_base_row + cw_row;");
  e.line("assign " + net::lstm_wdata + " = cell_valid ? cell_h : cw_data;");
  e.line("assign " + net::lstm_wbeat + " = " +
         (tb > 0 ? "cell_valid ? cell_row[" + n2s(tb - 1) + ":0] : cw_row[" + n2s(tb - 1) + ":0]"
                 : std::string("1'b0")) +
         ";");
  e.line("assign " + net::lstm_done + " = cw_valid && cw_row == lstm_rows - " + literal(1, aw) +
         ";");
}

}  // namespace

void declare_lstm_nets(Body& b, const TopPlan& p) {
  const int ia = bits_for(int64_t{p.q_max} * p.beats), aw = p.p_bits + p.log2_beats;
  b.wires({net::lstm_h_now, net::lstm_step0, net::lstm_last_step, net::lstm_done, net::lstm_read,
           net::lstm_we},
          1);
  if (p.lstm)
    b.reg(net::lstm_x_row, ia);
  else
    b.wire(net::lstm_x_row, ia);
  b.wires({net::lstm_h_addr, net::lstm_raddr, net::lstm_waddr}, aw);
  b.wire(net::lstm_hidden_blocks, p.p_bits);
  b.out().line("/* verilator lint_off UNUSEDSIGNAL */  // one beat a block: the beat is always 0");
  b.wire(net::lstm_wbeat, std::max(p.log2_beats, 1));
  b.out().line("/* verilator lint_on UNUSEDSIGNAL */");
  b.wire(net::lstm_wdata, p.samples_per_beat * p.spec->formats.output.bits);
}

void emit_lstm(Body& b, Design& d, const TopPlan& p) {
  if (!p.lstm) return emit_lstm_constants(b, p);
  emit_step_loop(b, p);
  emit_cell_update(b, d, p);
}

}  // namespace circa::gen
