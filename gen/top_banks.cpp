// The output side of the generated top: which IFFT beat leaves next (its bias is read a cycle
// ahead), the peripheral unit, the output banks, `done`, and the output stream that drains them.
#include "common/error.hpp"
#include "gen/top_plan.hpp"

namespace circa::gen {
namespace {

/// {hi, lo} where lo may be absent (width 0).
std::string cat(const std::string& hi, const std::string& lo) { return lo.empty() ? hi : "{" + hi + ", " + lo + "}"; }

/// `out = vals[sel]` over a beat index (vals[0] also as the default).
void emit_table(Emitter& e, const std::string& out, int w, const std::string& sel, int sw, const std::vector<std::string>& vals) {
  e.line(reg(out, w) + ";");
  e.open("always @(*) begin");
  e.line(out + " = " + vals[0] + ";");
  if (vals.size() > 1) {
    e.open("case (" + sel + ")");
    for (size_t i = 1; i < vals.size(); ++i) e.line(literal(static_cast<int64_t>(i), sw) + ": " + out + " = " + vals[i] + ";");
    e.line("default: ;");
    e.close("endcase");
  }
  e.close("end");
}

/// Per bank b and beat t: the IFFT lane whose sample lands in bank b, and its row.
struct BankMap {
  std::vector<std::vector<int>> lane, row;
};
BankMap bank_map(const TopPlan& p) {
  BankMap m;
  m.lane.assign(static_cast<size_t>(p.S), std::vector<int>(static_cast<size_t>(p.beats), -1));
  m.row = m.lane;
  for (int t = 0; t < p.beats; ++t)
    for (int l = 0; l < p.S; ++l) {
      const int s = p.out_index(t, l), b = p.bank_of(s);
      CIRCA_CHECK(m.lane[b][t] < 0, "two samples of one beat in one output bank");
      m.lane[b][t] = l;
      m.row[b][t] = p.row_of(s);
    }
  return m;
}

void emit_output_counters(Emitter& e, const TopPlan& p) {
  const int lat = p.fft.latency, tw = std::max(p.T, 1);
  e.blank().line("// ---- output side: pv = an IFFT beat leaves next cycle (the feed valid, latency - 1 later) ----");
  if (lat >= 2) {
    e.line(reg("vdl", lat - 1) + ";");
    e.line("always @(posedge clk) if (rst) vdl <= " + zeros(lat - 1) + "; else vdl <= " +
           (lat == 2 ? std::string("f_v") : "{vdl[" + n2s(lat - 3) + ":0], f_v}") + ";");
    e.line(wire("pv", 1) + " = " + (lat == 2 ? std::string("vdl") : "vdl[" + n2s(lat - 2) + "]") + ";");
  } else {
    e.line(wire("pv", 1) + " = f_v;");
  }
  e.line(reg("oi", p.pw) + ", o1_i, o2_i;");
  if (p.T == 0) e.line("/* verilator lint_off UNUSEDSIGNAL */  // one beat per block: the beat index is always 0");
  e.line(reg("ot", tw) + ", o1_t, o2_t;");
  if (p.T == 0) e.line("/* verilator lint_on UNUSEDSIGNAL */");
  e.line(reg("o1_v", 1) + ";");
  e.line(wire("ot_last", 1) + " = " + (p.T > 0 ? "ot == " + literal(p.beats - 1, tw) : std::string("1'b1")) + ";");
  e.open("always @(posedge clk) begin");
  e.line("if (rst || go) begin oi <= " + literal(0, p.pw) + "; ot <= " + literal(0, tw) + "; end");
  e.line("else if (pv) begin ot <= ot_last ? " + literal(0, tw) + " : ot + " + literal(1, tw) + "; if (ot_last) oi <= oi + " + literal(1, p.pw) + "; end");
  e.line("if (rst) o1_v <= 1'b0; else o1_v <= pv;");
  e.line("o1_i <= oi; o1_t <= ot; o2_i <= o1_i; o2_t <= o1_t;");
  e.close("end");
}

/// Bias banks: loaded one code at a time (b_addr = row * k + sample), read a cycle before use.
void emit_bias(Emitter& e, const TopPlan& p, const BankMap& m, std::string* lanes) {
  const int O = p.s->formats.output.bits, aw = p.pw + p.T, tw = std::max(p.T, 1);
  const std::string mm = "b_m", bi = "b_addr[" + n2s(p.pw + p.n - 1) + ":" + n2s(p.n) + "]";
  const int sh = p.bank_shift(), hw = p.n - sh;  // hw <= r bits xored into the low ones
  const std::string hi = mm + "[" + n2s(p.n - 1) + ":" + n2s(sh) + "]";
  std::string bank = p.r == 0 ? "1'b0" : p.T == 0 ? mm : "(" + mm + "[" + n2s(p.r - 1) + ":0] ^ " + (hw < p.r ? "{" + literal(0, p.r - hw) + ", " + hi + "}" : hi) + ")";
  const std::string row = p.T == 0 ? "" : mm + "[" + n2s(p.n - 1) + ":" + n2s(p.r) + "]";
  e.blank().line("// bias banks (same mapping as the output banks)");
  e.line(wire("b_fire", 1) + " = b_we && !run;");
  e.line(wire("b_m", p.n) + " = b_addr[" + n2s(p.n - 1) + ":0];  // the row within its block");
  e.line(wire("b_bank", std::max(p.r, 1)) + " = " + bank + ";");
  for (int b = 0; b < p.S; ++b) {
    const std::string B = n2s(b);
    std::vector<std::string> rows;
    for (int t = 0; t < p.beats; ++t) rows.push_back(p.T ? literal(m.row[b][t], p.T) : "");
    if (p.T) emit_table(e, "brow_" + B, p.T, "ot", tw, rows);
    e.line(wire("bq_" + B, O) + ";");
    e.line("circa_sram_1rw #(.DEPTH(" + n2s(int64_t{p.p_max} * p.beats) + "), .WIDTH(" + n2s(O) + "), .AW(" + n2s(aw) + "), .INIT_FILE(\"" + (p.images ? "bias_bank" + B + ".hex" : "") + "\")) u_bias" + B +
           " (.clk(clk), .en((b_fire && b_bank == " + literal(b, std::max(p.r, 1)) + ") || pv), .we(b_fire), .addr(b_fire ? " + cat(bi, row) +
           " : " + cat("oi", p.T ? "brow_" + B : "") + "), .wdata(b_data), .rdata(bq_" + B + "));");
  }
  for (int l = p.S - 1; l >= 0; --l) {  // lane l's bias sits in bank bank_of(out_index(t, l))
    std::vector<std::string> src;
    for (int t = 0; t < p.beats; ++t) src.push_back("bq_" + n2s(p.bank_of(p.out_index(t, l))));
    emit_table(e, "bl_" + n2s(l), O, "o1_t", tw, src);
    *lanes += (lanes->empty() ? "" : ", ") + std::string("bl_") + n2s(l);
  }
}

void emit_drain(Emitter& e, const TopPlan& p) {
  const int O = p.s->formats.output.bits, uw = p.pw + p.T;
  e.blank().line("// ---- output stream: after done, all p*beats rows in natural order; the SRAM holds rdata under back-pressure ----");
  e.line(reg("u", uw) + ";");
  if (p.T == 0) e.line("/* verilator lint_off UNUSEDSIGNAL */");
  e.line(reg("uq", std::max(p.T, 1)) + ";  // the beat within a block of the row being read");
  if (p.T == 0) e.line("/* verilator lint_on UNUSEDSIGNAL */");
  e.line(reg("have", 1) + ";");
  e.line(wire("u_total", uw) + " = " + cat("cfg_p", p.T ? n2s(p.T) + "'h0" : "") + ";");
  e.line(wire("d_rd", 1) + " = state == 2'd2 && u < u_total && (!have || out_ready);");
  e.line("assign drain_end = state == 2'd2 && u == u_total && (!have || out_ready);");
  e.open("always @(posedge clk) begin");
  e.line("if (rst || go) begin u <= " + literal(0, uw) + "; have <= 1'b0; end");
  e.line("else if (d_rd) begin u <= u + " + literal(1, uw) + "; uq <= " + (p.T ? "u[" + n2s(p.T - 1) + ":0]" : std::string("1'b0")) + "; have <= 1'b1; end");
  e.line("else if (out_ready) have <= 1'b0;");
  e.close("end");
  e.line("assign out_valid = have;");
  std::string out;
  for (int l = p.S - 1; l >= 0; --l) {
    std::vector<std::string> src;
    for (int t = 0; t < p.beats; ++t) src.push_back("oq_" + n2s(p.bank_of(t * p.S + l)));
    emit_table(e, "ol_" + n2s(l), O, "uq", std::max(p.T, 1), src);
    out += (out.empty() ? "" : ", ") + std::string("ol_") + n2s(l);
  }
  e.line("assign out_data = {" + out + "};");
}

}  // namespace

void emit_output_banks(Emitter& e, Design& d, const TopPlan& p) {
  const int O = p.s->formats.output.bits, I = p.s->formats.ifft.bits, aw = p.pw + p.T, tw = std::max(p.T, 1);
  const BankMap m = bank_map(p);
  const std::string per = gen_peripheral(d, p.s->formats, p.S);
  emit_output_counters(e, p);
  std::string bias;
  emit_bias(e, p, m, &bias);
  std::string in;
  for (int l = p.S - 1; l >= 0; --l) in += (in.empty() ? "" : ", ") + std::string("iu_d[") + n2s(l * p.iw) + " +: " + n2s(I) + "]";
  e.blank().line("// peripheral: requantise, bias, ReLU (kPeripheralLatency), then the output banks");
  e.line(wire("pe_v", 1) + ";");
  e.line(wire("pe_d", p.S * O) + ";");
  e.line(per + " u_per (.clk(clk), .rst(rst), .cfg_bias(cfg_bias_en), .cfg_relu(cfg_relu), .in_valid(o1_v), .in_data({" + in +
         "}), .bias({" + bias + "}), .out_valid(pe_v), .out_data(pe_d));");
  e.line("assign done_w = pe_v && o2_i == cfg_p - " + literal(1, p.pw) + (p.T ? " && o2_t == " + literal(p.beats - 1, tw) : std::string()) + ";");
  for (int b = 0; b < p.S; ++b) {
    const std::string B = n2s(b);
    std::vector<std::string> src, rows;
    for (int t = 0; t < p.beats; ++t) {
      src.push_back("pe_d[" + n2s(m.lane[b][t] * O) + " +: " + n2s(O) + "]");
      rows.push_back(p.T ? literal(m.row[b][t], p.T) : "");
    }
    emit_table(e, "od_" + B, O, "o2_t", tw, src);
    if (p.T) emit_table(e, "orow_" + B, p.T, "o2_t", tw, rows);
    e.line(wire("oq_" + B, O) + ";");
    e.line("circa_sram_1rw #(.DEPTH(" + n2s(int64_t{p.p_max} * p.beats) + "), .WIDTH(" + n2s(O) + "), .AW(" + n2s(aw) + "), .INIT_FILE(\"\")) u_obuf" + B +
           " (.clk(clk), .en(pe_v || d_rd), .we(pe_v), .addr(pe_v ? " + cat("o2_i", p.T ? "orow_" + B : "") +
           " : u), .wdata(od_" + B + "), .rdata(oq_" + B + "));");
  }
  emit_drain(e, p);
}

}  // namespace circa::gen
