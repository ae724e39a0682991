// The controller of the generated top: SCHEDULE.md cycle by cycle. Product cycle 0 is the cycle
// after `start` is accepted (the input buffer is read in the start cycle); `done` pulses in
// product cycle T-1, the cycle the last output is written, so `done` comes T cycles after
// `start`. The sequencers decide one cycle ahead where a synchronous SRAM read needs it.
#include "gen/top_plan.hpp"

namespace circa::gen {
namespace {

}  // namespace

/// `<pre>_ok`: an FFT unit takes a block only every ii cycles, so after a block's last beat
/// (`last`) the next waits ii - beats cycles (iterative units; always ok when ii == beats).
void emit_gap(Emitter& e, const TopPlan& p, const std::string& pre, const std::string& last, const std::string& clear) {
  if (p.gap == 0) {
    e.line(wire(pre + "_ok", 1) + " = 1'b1;");
    return;
  }
  const int gw = bits_for(p.gap), g = p.gap;
  e.line(reg(pre + "_gap", gw) + ";");
  e.line(wire(pre + "_ok", 1) + " = " + pre + "_gap == " + literal(0, gw) + ";");
  e.line("always @(posedge clk) if (rst) " + pre + "_gap <= " + literal(0, gw) + "; else if (" + last + ") " + pre + "_gap <= " +
         literal(g, gw) + "; else if (" + clear + ") " + pre + "_gap <= " + literal(0, gw) + "; else if (!" + pre + "_ok) " + pre +
         "_gap <= " + pre + "_gap - " + literal(1, gw) + ";");
}

namespace {

void emit_fsm(Emitter& e, const TopPlan& p) {
  const int ia = bits_for(int64_t{p.q_max} * p.beats);
  e.blank().line("// ---- FSM: 0 idle (loads), 1 run (one product), 2 drain (output stream) ----");
  e.line(reg("state", 2) + ";");
  e.line(wire("run", 1) + " = state == 2'd1;");
  e.line(wire("go", 1) + " = state == 2'd0 && start;");
  e.line(wire("done_w", 1) + ";");
  e.line(wire("drain_end", 1) + ";");
  e.open("always @(posedge clk) begin");
  e.line("if (rst) state <= 2'd0;");
  e.line("else if (go) state <= 2'd1;");
  e.line("else if (run && done_w) state <= 2'd2;");
  e.line("else if (state == 2'd2 && drain_end) state <= 2'd0;");
  e.close("end");
  e.line("assign done = done_w;");
  e.line("assign busy = run;");
  e.blank().line("// input stream: rows of the input buffer, in order, whenever no product runs");
  e.line("assign in_ready = !run && !start;  // start owns the input buffer's port in its cycle");
  e.line(wire("in_fire", 1) + " = in_valid && in_ready;");
  e.line(reg("in_ptr", ia) + ";");
  e.line("always @(posedge clk) if (rst || go) in_ptr <= " + literal(0, ia) + "; else if (in_fire) in_ptr <= in_ptr + " + literal(1, ia) + ";");
  e.blank().line("// phase A: q*beats rows into the FFT back to back (block j's first beat at j*ii)");
  e.line(reg("ra_ptr", ia) + ";");
  e.line(wire("qb", ia) + " = " + (p.T > 0 ? "{cfg_q, " + n2s(p.T) + "'h0}" : "cfg_q") + ";");
  e.line(wire("ra_en", 1) + ";");
  e.line(wire("ib_addr", ia) + " = in_fire ? in_ptr : go ? " + literal(0, ia) + " : ra_ptr;");
  emit_gap(e, p, "ra", "ra_en && " + (p.T > 0 ? "ib_addr[" + n2s(p.T - 1) + ":0] == " + literal(p.beats - 1, p.T) : std::string("1'b1")), "go");
  e.line("assign ra_en = go || (run && ra_ptr < qb && ra_ok);");
  e.line("always @(posedge clk) if (go) ra_ptr <= " + literal(1, ia) + "; else if (ra_en) ra_ptr <= ra_ptr + " + literal(1, ia) + ";");
  e.line(reg("fa_v", 1) + ";");
  e.line("always @(posedge clk) if (rst) fa_v <= 1'b0; else fa_v <= ra_en;");
}

void emit_phase_a_capture(Emitter& e, const TopPlan& p) {
  e.blank().line("// spectra leave the FFT unit; row j of the spectrum buffer is written at block j's last beat");
  e.line(reg("inv_phase", 1) + ";  // phase A over: the shared unit turns inverse (it is empty by then)");
  e.line(wire("fo_v", 1) + " = fu_ov" + (p.shared ? " && !inv_phase" : "") + ";");
  if (p.T > 0) {
    e.line(reg("ft", p.T) + ";");
    e.line("always @(posedge clk) if (rst || go) ft <= " + literal(0, p.T) + "; else if (fo_v) ft <= ft + " + literal(1, p.T) + ";");
    e.line(wire("fo_last", 1) + " = fo_v && ft == " + literal(p.beats - 1, p.T) + ";");
  } else {
    e.line(wire("fo_last", 1) + " = fo_v;");
  }
  e.line(reg("sj", p.qw) + ";");
  e.line("always @(posedge clk) if (rst || go) sj <= " + literal(0, p.qw) + "; else if (fo_last) sj <= sj + " + literal(1, p.qw) + ";");
  e.line(wire("spec_we", 1) + " = fo_last;");
  e.line(wire("a_last", 1) + " = fo_last && sj == cfg_q - " + literal(1, p.qw) + ";");
  e.line("always @(posedge clk) if (rst || go) inv_phase <= 1'b0; else if (a_last) inv_phase <= 1'b1;");
}

/// MAC issues: group g (bank g mod B) runs q issues of c cycles each. This stage is the cycle
/// before an issue, when its weight row (and at c = 0 its spectrum row) is read.
void emit_mac_sequencer(Emitter& e, const TopPlan& p) {
  const int cw = bits_for(p.ic - 1), bw = bits_for(p.B - 1), rw = bits_for(p.w_rows - 1);
  e.blank().line("// MAC: M_0 = A; M_g = max(M_g-1 + q*c, I_g-B + (P_g-B - 1)*ii + beats): a group starts");
  e.line("// when phase A is over, the previous group has issued, and its bank has been read by the IFFT.");
  e.line(reg("bank_busy", p.B) + ";");
  e.line(wire("bank_clr", p.B) + ";");
  e.line(reg("m_act", 1) + ";");
  e.line(reg("m_base", p.pw) + ";");
  e.line(reg("m_bank", bw) + ";");
  e.line(reg("m_j", p.qw) + ";");
  e.line(reg("m_c", cw) + ";");
  e.line(reg("w_row", rw) + ";");
  const int iw = bits_for(p.wsd);
  e.line("// off-chip weight stream: an issue starts only when its " + n2s(p.ic) + " row(s) are all in the FIFO");
  e.line(reg("ws_cnt", iw) + ";");
  e.line(wire("w_ok", 1) + " = !cfg_stream || m_c != " + literal(0, cw) + " || ws_cnt >= " + literal(p.ic, iw) + ";");
  e.line(wire("m_free", 1) + " = " + (p.B == 1 ? std::string("!bank_busy || bank_clr;") : "!bank_busy[m_bank] || bank_clr[m_bank];"));
  e.line(wire("m_start", 1) + " = run && !m_act && (inv_phase || a_last) && m_base < cfg_p && m_free && w_ok;");
  e.line(wire("m_rd", 1) + " = (m_act && w_ok) || m_start;");
  e.line(wire("m_cend", 1) + " = m_c == " + literal(p.ic - 1, cw) + ";");
  e.line(wire("m_gend", 1) + " = m_rd && m_cend && m_j == cfg_q - " + literal(1, p.qw) + ";");
  e.line(wire("spec_re", 1) + " = m_rd && m_c == " + literal(0, cw) + ";");
  e.open("always @(posedge clk) begin");
  e.open("if (rst || go) begin");
  e.line("m_act <= 1'b0; m_base <= " + literal(0, p.pw) + "; m_bank <= " + literal(0, bw) + "; m_j <= " +
         literal(0, p.qw) + "; m_c <= " + literal(0, cw) + "; w_row <= " + literal(0, rw) + ";");
  e.mid("end else if (m_rd) begin");
  e.line("w_row <= w_row + " + literal(1, rw) + ";");
  e.line("m_c <= m_cend ? " + literal(0, cw) + " : m_c + " + literal(1, cw) + ";");
  e.line("if (m_cend) m_j <= m_gend ? " + literal(0, p.qw) + " : m_j + " + literal(1, p.qw) + ";");
  e.line("m_act <= !m_gend;");
  e.line("if (m_gend) m_base <= m_base + " + literal(p.P, p.pw) + ";");
  e.line("if (m_gend) m_bank <= " + (p.B == 1 ? literal(0, bw) : "(m_bank == " + literal(p.B - 1, bw) + ") ? " + literal(0, bw) + " : m_bank + " + literal(1, bw)) + ";");
  e.close("end");
  e.close("end");
  e.open("always @(posedge clk) begin");
  e.line("if (rst || go) bank_busy <= " + literal(0, p.B) + ";");
  e.line("else bank_busy <= (bank_busy & ~bank_clr) | (m_start ? " + literal(1, p.B) + " << m_bank : " + literal(0, p.B) + ");");
  e.close("end");
  e.line("// the issue itself, one cycle later; its accumulators are final kMacLatency + 1 cycles after");
  e.line("// the group's last issue cycle, at R_g = M_g + q*c + kMacLatency");
  e.line(reg("ex_v", 1) + ", ex_first, ex_last;");
  if (p.ic == 1) e.line("/* verilator lint_off UNUSEDSIGNAL */  // one issue cycle: c is always 0");
  e.line(reg("ex_c", cw) + ";");
  if (p.ic == 1) e.line("/* verilator lint_on UNUSEDSIGNAL */");
  e.line(reg("ex_bank", bw) + ";");
  e.line("always @(posedge clk) begin if (rst) ex_v <= 1'b0; else ex_v <= m_rd; ex_first <= m_j == " + literal(0, p.qw) +
         "; ex_last <= m_gend; ex_c <= m_c; ex_bank <= m_bank; end");
  const int dl = arch::kMacLatency + 1;
  e.line(reg("fin_pipe", dl) + ";");
  e.line("always @(posedge clk) if (rst || go) fin_pipe <= " + literal(0, dl) + "; else fin_pipe <= " +
         (dl == 1 ? std::string("ex_last") : "{fin_pipe[" + n2s(dl - 2) + ":0], ex_last}") + ";");
  e.line(wire("g_final", 1) + " = fin_pipe[" + n2s(dl - 1) + "];");
}

/// The weight-stream FIFO (cfg_stream): rows in while busy and not full, one out per MAC read
/// stage (m_rd) into ws_q, which stands in for the SRAM's registered read data.
void emit_weight_stream(Emitter& e, const TopPlan& p) {
  const int aw = bits_for(p.wsd - 1), iw = bits_for(p.wsd);
  e.blank().line("// ---- weight stream FIFO: " + n2s(p.wsd) + " rows of " + n2s(p.row_bits) + " bits ----");
  e.line("reg  [" + n2s(p.row_bits - 1) + ":0] wsf [0:" + n2s(p.wsd - 1) + "];");
  e.line(reg("ws_wp", aw) + ", ws_rp;");
  e.line(reg("ws_q", p.row_bits) + ";");
  e.line("assign ws_ready = run && cfg_stream && ws_cnt != " + literal(p.wsd, iw) + ";");
  e.line(wire("ws_push", 1) + " = ws_valid && ws_ready;");
  e.line(wire("ws_pop", 1) + " = cfg_stream && m_rd;");
  e.open("always @(posedge clk) begin");
  e.line("if (rst || go) begin ws_cnt <= " + literal(0, iw) + "; ws_wp <= " + literal(0, aw) + "; ws_rp <= " + literal(0, aw) + "; end");
  e.open("else begin");
  e.line("if (ws_push) ws_wp <= ws_wp + " + literal(1, aw) + ";");
  e.line("if (ws_pop) ws_rp <= ws_rp + " + literal(1, aw) + ";");
  e.line("if (ws_push && !ws_pop) ws_cnt <= ws_cnt + " + literal(1, iw) + "; else if (ws_pop && !ws_push) ws_cnt <= ws_cnt - " + literal(1, iw) + ";");
  e.close("end");
  e.close("end");
  e.line("always @(posedge clk) if (ws_push) wsf[ws_wp] <= ws_data;");
  e.line("always @(posedge clk) if (ws_pop) ws_q <= wsf[ws_rp];");
}

}  // namespace

void emit_control(Emitter& e, const TopPlan& p) {
  emit_fsm(e, p);
  emit_phase_a_capture(e, p);
  emit_mac_sequencer(e, p);
  emit_weight_stream(e, p);
}

}  // namespace circa::gen
