// The output side of the generated top: which IFFT beat leaves next (its bias is read a cycle
// ahead), the peripheral unit, the output banks, `done`, and the output stream that drains them.
#include "common/error.hpp"
#include "gen/top_plan.hpp"

namespace circa::gen {
namespace {

/// {hi, lo} where lo may be absent (empty).
std::string concat(const std::string& hi, const std::string& lo) {
  return lo.empty() ? hi : "{" + hi + ", " + lo + "}";
}

/// `out = vals[sel]` over a beat index (vals[0] also as the default).
void emit_table(Body& b, const std::string& out, int w, const std::string& sel, int sw,
                const std::vector<std::string>& vals) {
  Emitter& e = b.out();
  b.reg(out, w);
  e.open("always @(*) begin");
  e.line(out + " = " + vals[0] + ";");
  if (vals.size() > 1) {
    e.open("case (" + sel + ")");
    for (size_t i = 1; i < vals.size(); ++i)
      e.line(literal(static_cast<int64_t>(i), sw) + ": " + out + " = " + vals[i] + ";");
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
  m.lane.assign(static_cast<size_t>(p.samples_per_beat),
                std::vector<int>(static_cast<size_t>(p.beats), -1));
  m.row = m.lane;
  for (int t = 0; t < p.beats; ++t)
    for (int l = 0; l < p.samples_per_beat; ++l) {
      const int s = p.out_index(t, l), b = p.bank_of(s);
      CIRCA_CHECK(m.lane[b][t] < 0, "two samples of one beat in one output bank");
      m.lane[b][t] = l;
      m.row[b][t] = p.row_of(s);
    }
  return m;
}

/// Output beat counters: `out_beat_next` (an IFFT beat leaves next cycle), its block and beat,
/// and the same one and two cycles later (bias read, then peripheral output).
void emit_output_counters(Body& b, const TopPlan& p) {
  Emitter& e = b.out();
  const int lat = p.fft.latency, tb = p.log2_beats, tw = std::max(tb, 1), pw = p.p_bits;
  const std::string& fv = net::ifft_feed_valid;
  e.blank().line(
      "// ---- output side: out_beat_next = an IFFT beat leaves next cycle (the feed valid, "
      "latency - 1 later) ----");
  if (lat >= 2) {
    b.reg("feed_valid_delay", lat - 1);
    e.line("always @(posedge clk) if (rst) feed_valid_delay <= " + zeros(lat - 1) +
           "; else feed_valid_delay <= " +
           (lat == 2 ? fv : "{feed_valid_delay[" + n2s(lat - 3) + ":0], " + fv + "}") + ";");
    b.wire("out_beat_next", 1,
           lat == 2 ? std::string("feed_valid_delay") : "feed_valid_delay[" + n2s(lat - 2) + "]");
  } else {
    b.wire("out_beat_next", 1, fv);
  }
  b.regs({"out_block", "out1_block", "out2_block"}, pw);
  if (tb == 0)
    e.line(
        "/* verilator lint_off UNUSEDSIGNAL */  // one beat per block: the beat index is always 0");
  b.regs({"out_beat", "out1_beat", "out2_beat"}, tw);
  if (tb == 0) e.line("/* verilator lint_on UNUSEDSIGNAL */");
  b.reg("out1_valid", 1);
  b.wire("out_beat_last", 1,
         tb > 0 ? "out_beat == " + literal(p.beats - 1, tw) : std::string("1'b1"));
  e.open("always @(posedge clk) begin");
  e.line("if (rst || " + net::product_start + ") begin out_block <= " + literal(0, pw) +
         "; out_beat <= " + literal(0, tw) + "; end");
  e.line("else if (out_beat_next) begin out_beat <= out_beat_last ? " + literal(0, tw) +
         " : out_beat + " + literal(1, tw) + "; if (out_beat_last) out_block <= out_block + " +
         literal(1, pw) + "; end");
  e.line("if (rst) out1_valid <= 1'b0; else out1_valid <= out_beat_next;");
  e.line(
      "out1_block <= out_block; out1_beat <= out_beat; out2_block <= out1_block; out2_beat <= "
      "out1_beat;");
  e.close("end");
}

/// Bias banks: loaded one code at a time (b_addr = row * k + sample), read a cycle before use.
void emit_bias(Body& b, const TopPlan& p, const BankMap& m, std::vector<Expr>* lanes) {
  Emitter& e = b.out();
  const int O = p.spec->formats.output.bits, tb = p.log2_beats, tw = std::max(tb, 1);
  const int n = p.log2_block, r = p.log2_samples, bb = p.bias_block_bits, aw = bb + tb;
  const std::string mm = "bias_sample";
  const std::string bi = "b_addr[" + n2s(bb + n - 1) + ":" + n2s(n) + "]";
  const int sh = p.bank_shift(), hw = n - sh;  // hw <= r bits xored into the low ones
  const std::string hi = mm + "[" + n2s(n - 1) + ":" + n2s(sh) + "]";
  const std::string bank =
      r == 0    ? "1'b0"
      : tb == 0 ? mm
                : "(" + mm + "[" + n2s(r - 1) + ":0] ^ " +
                      (hw < r ? "{" + literal(0, r - hw) + ", " + hi + "}" : hi) + ")";
  const std::string row = tb == 0 ? "" : mm + "[" + n2s(n - 1) + ":" + n2s(r) + "]";
  e.blank().line("// bias banks (same mapping as the output banks)");
  b.wire("b_fire", 1, "b_we && !busy");
  const int pw = p.p_bits;  // the running layer's block out_block, in the bias banks
  b.wire("bias_block", bb,
         "cfg_bias_base + " + (pw <= bb ? zext("out_block", pw, bb)
                                        : "out_block[" + n2s(bb - 1) + ":0]"));
  b.wire(mm, n, "b_addr[" + n2s(n - 1) + ":0]", "the row within its block");
  b.wire("bias_bank_sel", std::max(r, 1), bank);
  for (int bank_i = 0; bank_i < p.samples_per_beat; ++bank_i) {
    const std::string B = n2s(bank_i), q = "bias_q" + B;
    std::vector<std::string> rows;
    for (int t = 0; t < p.beats; ++t) rows.push_back(tb ? literal(m.row[bank_i][t], tb) : "");
    if (tb) emit_table(b, "bias_row" + B, tb, "out_beat", tw, rows);
    b.wire(q, O);
    const std::string image = p.images ? "bias_bank" + B + ".hex" : "";
    const std::string hit = "bias_bank_sel == " + literal(bank_i, std::max(r, 1));
    b.add(Instance(sram_1rw(p.memory.bias_banks.depth, O, aw, image), "u_bias_bank" + B)
              .connect("clk", b["clk"])
              .connect("en", Expr("(b_fire && " + hit + ") || out_beat_next", 1))
              .connect("we", b["b_fire"])
              .connect("addr", Expr("b_fire ? " + concat(bi, row) + " : " +
                                        concat("bias_block", tb ? "bias_row" + B : ""),
                                    aw))
              .connect("wdata", b["b_data"])
              .connect("rdata", b[q]));
  }
  for (int l = p.samples_per_beat - 1; l >= 0; --l) {  // lane l: bank bank_of(out_index(t, l))
    std::vector<std::string> src;
    for (int t = 0; t < p.beats; ++t) src.push_back("bias_q" + n2s(p.bank_of(p.out_index(t, l))));
    emit_table(b, "bias_lane" + n2s(l), O, "out1_beat", tw, src);
    lanes->push_back(b["bias_lane" + n2s(l)]);
  }
}

void emit_drain(Body& b, const TopPlan& p) {
  Emitter& e = b.out();
  const int O = p.spec->formats.output.bits, tb = p.log2_beats, uw = p.p_bits + tb;
  e.blank().line(
      "// ---- output stream: after done, the last layer's rows in natural order; the SRAM holds "
      "rdata under back-pressure ----");
  if (tb == 0) e.line("/* verilator lint_off UNUSEDSIGNAL */");
  b.reg("obuf_rbeat", std::max(tb, 1), "the beat within its block of the row read (drain or phase A)");
  if (tb == 0) e.line("/* verilator lint_on UNUSEDSIGNAL */");
  b.reg("out_have", 1);
  b.wire("drain_rows", uw, net::out_base, "the end of the rows the last layer wrote");
  const std::string draining = net::state + " == ST_DRAIN";
  b.wire("drain_read", 1, draining + " && drain_row < drain_rows && (!out_have || out_ready)");
  e.line("assign " + net::drain_end + " = " + draining +
         " && drain_row == drain_rows && (!out_have || out_ready);");
  e.open("always @(posedge clk) begin");
  e.line("if (rst) begin drain_row <= " + literal(0, uw) + "; out_have <= 1'b0; end");
  e.line("else if (" + net::layer_start +
         ") begin drain_row <= cfg_out_base_row; out_have <= 1'b0; end");
  // tests only (drop_out_beat): row 1 is followed by row 3
  const std::string step = p.faults.drop_out_beat ? "(drain_row == " + literal(1, uw) + " ? " +
                                                        literal(2, uw) + " : " + literal(1, uw) + ")"
                                                  : literal(1, uw);
  e.line("else if (drain_read) begin drain_row <= drain_row + " + step +
         "; out_have <= 1'b1; end");
  e.line("else if (out_ready) out_have <= 1'b0;");
  e.close("end");
  const std::string act_beat = tb ? net::inbuf_addr + "[" + n2s(tb - 1) + ":0]" : "1'b0";
  e.line("always @(posedge clk) if (drain_read) obuf_rbeat <= " +
         (tb ? "drain_row[" + n2s(tb - 1) + ":0]" : std::string("1'b0")) +
         "; else if (act_read) obuf_rbeat <= " + act_beat + "; else if (" + net::lstm_read +
         ") obuf_rbeat <= " + (tb ? net::lstm_raddr + "[" + n2s(tb - 1) + ":0]" : "1'b0") + ";");
  e.line("assign out_valid = out_have;");
  std::string out;
  for (int l = p.samples_per_beat - 1; l >= 0; --l) {
    std::vector<std::string> src;
    for (int t = 0; t < p.beats; ++t)
      src.push_back("obuf_q" + n2s(p.bank_of(t * p.samples_per_beat + l)));
    emit_table(b, "out_lane" + n2s(l), O, "obuf_rbeat", std::max(tb, 1), src);
    out += (out.empty() ? "" : ", ") + std::string("out_lane") + n2s(l);
  }
  e.line("assign out_data = {" + out + "};");
}

/// Phase A's input row: the input buffer's (layer 0) or the output banks' row re-quantised to
/// formats.input (later layers), with every sample at or above an fc layer's in_features zero,
/// and every sample of a conv tap off the image or at or above in_channels (the padding outputs
/// of the conv layer before's last channel block) zero.
void emit_act_row(Body& b, const TopPlan& p) {
  Emitter& e = b.out();
  const FixedFormat& in = p.spec->formats.input;
  const int I = in.bits, r = p.log2_samples;
  const int ia = bits_for(int64_t{p.q_max} * p.beats), fw = p.in_features_bits;
  const int cw = std::max(ia + r, fw);
  e.blank().line(
      "// phase A's row: the input buffer's, or the layer before's outputs re-quantised; samples "
      "at and above in_features read as 0 (the padding of the layer before's last block)");
  const int qb = p.q_bits, tb = p.log2_beats, chw = std::max(qb + p.log2_block, fw);
  b.reg("act_srow", ia,
        "phase A's row within the product (lstm: x_t's row, without the step's base)");
  e.line("always @(posedge clk) if (" + net::inbuf_read + ") act_srow <= " + net::phase_a_row +
         ";");
  b.reg("act_pad", 1, "the row read is zeros: a conv tap off the image, or h_{-1} (lstm)");
  b.reg("act_cb", qb, "the conv tap's channel block");
  b.reg("act_h", 1, "the row read is h_{t-1} (lstm): from the output banks, all samples in");
  e.line("always @(posedge clk) if (" + net::inbuf_read + ") begin act_pad <= cfg_conv ? " +
         net::gather_pad + " : " + net::lstm_h_now + " && " + net::lstm_step0 +
         "; act_cb <= g_cb; act_h <= " + net::lstm_h_now + "; end");
  std::string row;
  for (int l = p.samples_per_beat - 1; l >= 0; --l) {
    const std::string L = n2s(l), rq = "act_rq" + L, lane = "act_lane" + L;
    b.wire(rq, I);
    b.round_sat("u_" + rq, b["out_lane" + L], p.spec->formats.output.frac, in, rq);
    // the sample within the product's input (lstm: within x_t): the row of phase A
    const std::string sample = r ? "{act_srow, " + literal(l, r) + "}" : std::string("act_srow");
    std::string chan = "act_cb";  // {cb, beat, lane}: the channel within the input pixel
    if (tb > 0) chan += ", act_srow[" + n2s(tb - 1) + ":0]";
    if (r > 0) chan += ", " + literal(l, r);
    chan = tb + r > 0 ? "{" + chan + "}" : chan;
    b.wire(lane, I,
           "(cfg_conv ? !act_pad && " + zext(chan, qb + p.log2_block, chw) + " < " +
               zext("cfg_in_features", fw, chw) +
               " : act_h ? !act_pad : " + zext(sample, ia + r, cw) + " < " +
               zext("cfg_in_features", fw, cw) + ") ? ((" + net::from_outputs + " || act_h) ? " +
               rq + " : inbuf_rdata[" + n2s(l * I) + " +: " + n2s(I) + "]) : " + literal(0, I));
    row += (row.empty() ? "" : ", ") + lane;
  }
  e.line("assign " + net::act_row + " = {" + row + "};");
}

}  // namespace

void emit_output_banks(Body& b, Design& d, const TopPlan& p) {
  Emitter& e = b.out();
  const int O = p.spec->formats.output.bits, I = p.spec->formats.ifft.bits;
  const int S = p.samples_per_beat, tb = p.log2_beats, aw = p.p_bits + tb, tw = std::max(tb, 1);
  const BankMap m = bank_map(p);
  const int ia = bits_for(int64_t{p.q_max} * p.beats);
  b.wire("act_read", 1,
         net::inbuf_read + " && (" + net::from_outputs + " || " + net::lstm_h_now + ")",
         "phase A reads the layer before's outputs (no write meets it: they come after phase A)");
  b.reg("drain_row", aw, "the output row the drain reads next");
  b.wire(
      "obuf_raddr", aw,
      net::state + " == ST_DRAIN ? drain_row : " + net::lstm_h_now + " ? " + net::lstm_h_addr +
          " : cfg_in_base_row + " +
          (ia >= aw ? net::inbuf_addr + "[" + n2s(aw - 1) + ":0]" : zext(net::inbuf_addr, ia, aw)),
      "the drain's row, or phase A's in the input region");
  const Module& per = d.module(gen_peripheral(d, p.spec->formats, S));
  emit_output_counters(b, p);
  std::vector<Expr> bias;  // lane S-1 first
  emit_bias(b, p, m, &bias);
  std::vector<Expr> in;
  for (int l = S - 1; l >= 0; --l)
    in.emplace_back(net::ifft_out_data + "[" + n2s(l * p.ifft_out_bits) + " +: " + n2s(I) + "]", I);
  e.blank().line(
      "// peripheral: requantise, bias, ReLU (kPeripheralLatency), then the output banks");
  b.wire("periph_valid", 1);
  b.wire("periph_data", S * O);
  b.add(Instance(ref(per), "u_peripheral")
            .connect("clk", b["clk"])
            .connect("rst", b["rst"])
            .connect("cfg_bias", b["cfg_bias_en"])
            .connect("cfg_relu", b["cfg_relu"])
            .connect("in_valid", b["out1_valid"])
            .connect("in_data", cat(in))
            .connect("bias", cat(bias))
            .connect("out_valid", b["periph_valid"])
            .connect("out_data", b["periph_data"]));
  const std::string last_write = "periph_valid && out2_block == cfg_p - " + literal(1, p.p_bits) +
                                 (tb ? " && out2_beat == " + literal(p.beats - 1, tw) : "");
  b.wire("product_written", 1, last_write, "the product's last output is written");
  // an lstm step's product ends with its cell update's last write
  const std::string done = "cfg_lstm ? " + net::lstm_done + " : product_written";
  if (p.faults.done_late) {  // tests only: done a cycle after the last write
    b.reg("done_late_q", 1);
    e.line("always @(posedge clk) if (rst) done_late_q <= 1'b0; else done_late_q <= " + done + ";");
    e.line("assign " + net::done_now + " = done_late_q;");
  } else {
    e.line("assign " + net::done_now + " = " + done + ";");
  }
  // Pooling reads what the window's earlier pixels wrote a cycle ahead of the write (the
  // peripheral's one cycle) and writes the max; drain and phase A reads use the same read port.
  CIRCA_CHECK(arch::kPeripheralLatency == 1, "pool reads one cycle ahead of the peripheral");
  b.wire("pool_read", 1, "out1_valid && !" + net::pool_first);
  b.reg("pool_max", 1, "the write takes the max with the word read");
  e.line("always @(posedge clk) if (rst) pool_max <= 1'b0; else pool_max <= pool_read;");
  b.wire("periph_base", aw,
         p.lstm ? "cfg_lstm ? cfg_gate_base_row : " + net::out_base : net::out_base,
         "the product's first output row (lstm: the gates' region)");
  for (int bank_i = 0; bank_i < S; ++bank_i) {
    const std::string B = n2s(bank_i);
    std::vector<std::string> src, rows, cell;
    for (int t = 0; t < p.beats; ++t) {
      src.push_back("periph_data[" + n2s(m.lane[bank_i][t] * O) + " +: " + n2s(O) + "]");
      rows.push_back(tb ? literal(m.row[bank_i][t], tb) : "");
    }
    emit_table(b, "obuf_d" + B, O, "out2_beat", tw, src);
    for (int t = 0; t < p.beats; ++t)  // the cell update writes natural rows: lane l of beat t
      for (int l = 0; l < S; ++l)
        if (p.bank_of(t * S + l) == bank_i)
          cell.push_back(net::lstm_wdata + "[" + n2s(l * O) + " +: " + n2s(O) + "]");
    emit_table(b, "lstm_d" + B, O, net::lstm_wbeat, tw, cell);
    if (tb) emit_table(b, "obuf_row" + B, tb, "out2_beat", tw, rows);
    if (tb) emit_table(b, "obuf_prow" + B, tb, "out1_beat", tw, rows);
    b.wire("obuf_q" + B, O);
    const std::string wd = "obuf_d" + B, q = "obuf_q" + B;
    const std::string waddr = "periph_base + " + concat("out2_block", tb ? "obuf_row" + B : "");
    const std::string paddr = "periph_base + " + concat("out1_block", tb ? "obuf_prow" + B : "");
    b.add(
        Instance(sram_1r1w(int64_t{p.p_max} * p.beats, O, aw), "u_output_bank" + B)
            .connect("clk", b["clk"])
            .connect("we", Expr("(periph_valid && !" + net::pool_drop + ") || " + net::lstm_we, 1))
            .connect("waddr", Expr(net::lstm_we + " ? " + net::lstm_waddr + " : " + waddr, aw))
            .connect("wdata", Expr(net::lstm_we + " ? lstm_d" + B + " : (pool_max && $signed(" + q +
                                       ") > $signed(" + wd + ")) ? " + q + " : " + wd,
                                   O))
            .connect("re", Expr("pool_read || drain_read || act_read || " + net::lstm_read, 1))
            .connect("raddr", Expr("pool_read ? " + paddr + " : " + net::lstm_read + " ? " +
                                       net::lstm_raddr + " : obuf_raddr",
                                   aw))
            .connect("rdata", b[q]));
  }
  emit_drain(b, p);
  emit_act_row(b, p);
}

}  // namespace circa::gen
