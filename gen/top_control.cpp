// The controller of the generated top: SCHEDULE.md cycle by cycle. Product cycle 0 is the cycle
// after `start` is accepted (the input buffer is read in the start cycle); a conv layer's next
// product reads its first row in the cycle of the last output write, so its cycle 0 is T; `done`
// pulses in the last product's cycle T-1, the cycle its last output is written. The sequencers
// decide one cycle ahead where a synchronous SRAM read needs it.
#include "arch/layer_program.hpp"
#include "common/error.hpp"
#include "gen/top_plan.hpp"

namespace circa::gen {

/// `<pre>_ok`: an FFT unit takes a block only every ii cycles, so after a block's last beat
/// (`last`) the next waits ii - beats cycles (iterative units; always ok when ii == beats).
void emit_gap(Body& b, const TopPlan& p, const std::string& pre, const std::string& last,
              const std::string& clear) {
  const std::string ok = pre + "_ok", gap = pre + "_gap";
  if (p.fft_gap == 0) {
    b.wire(ok, 1, "1'b1");
    return;
  }
  const int gw = bits_for(p.fft_gap);
  b.reg(gap, gw);
  b.wire(ok, 1, gap + " == " + literal(0, gw));
  b.out().line("always @(posedge clk) if (rst) " + gap + " <= " + literal(0, gw) + "; else if (" +
               last + ") " + gap + " <= " + literal(p.fft_gap, gw) + "; else if (" + clear + ") " +
               gap + " <= " + literal(0, gw) + "; else if (!" + ok + ") " + gap + " <= " + gap +
               " - " + literal(1, gw) + ";");
}

namespace {

/// An fc layer after a conv layer whose C channels are not whole blocks (cfg_pixel_channels = C):
/// its input rows are each pixel's C/S rows, then the next pixel's Cb x beats rows on
/// (arch::LayerDescriptor::input_sample_at). px_addr is the row phase A reads now.
void emit_pixel_rows(Body& b, const TopPlan& p, int ia) {
  Emitter& e = b.out();
  const int fw = p.in_features_bits, r = p.log2_samples, n = p.log2_block, tb = p.log2_beats;
  e.line("// fc after a conv map with padding channels: C/S rows a pixel, pixels Cb x beats apart");
  b.wire("px_padded", 1, "cfg_pixel_channels != " + literal(0, fw));
  e.line("/* verilator lint_off UNUSEDSIGNAL */  // the low bits: C is a multiple of S");
  b.wire("px_chan_up", fw + 1,
         zext("cfg_pixel_channels", fw, fw + 1) + " + " + literal(p.block_size - 1, fw + 1));
  e.line("/* verilator lint_on UNUSEDSIGNAL */");
  // C / S and Cb x beats are at most q_max x beats: ia bits hold them.
  CIRCA_CHECK(fw - r <= ia && n + ia - tb - 1 <= fw, "pixel row widths");
  b.wire("px_rows", ia, zext("cfg_pixel_channels[" + n2s(fw - 1) + ":" + n2s(r) + "]", fw - r, ia),
         "C / S rows of real channels a pixel");
  const std::string cb = "px_chan_up[" + n2s(n + ia - tb - 1) + ":" + n2s(n) + "]";
  b.wire("px_stride", ia, tb > 0 ? "{" + cb + ", " + literal(0, tb) + "}" : cb,
         "Cb x beats rows a pixel");
  b.regs({"px_row", "px_base"}, ia);
  b.wire("px_row_now", ia, net::product_start + " ? " + literal(0, ia) + " : px_row");
  b.wire("px_base_now", ia, net::product_start + " ? " + literal(0, ia) + " : px_base");
  b.wire("px_addr", ia, "px_base_now + px_row_now");
  b.wire("px_pixel_end", 1, "px_row_now == px_rows - " + literal(1, ia));
  e.line("always @(posedge clk) if (" + net::inbuf_read + ") begin px_row <= px_pixel_end ? " +
         literal(0, ia) + " : px_row_now + " + literal(1, ia) +
         "; px_base <= px_pixel_end ? px_base_now + px_stride : px_base_now; end");
}

void emit_fsm(Body& b, const TopPlan& p) {
  Emitter& e = b.out();
  const int ia = bits_for(int64_t{p.q_max} * p.beats);
  const std::string& st = net::state;
  e.blank().line(
      "// ---- FSM: idle (loads), run (one layer's product), switch (to the next layer), drain "
      "----");
  e.line("localparam [1:0] ST_IDLE = 2'd0, ST_RUN = 2'd1, ST_SWITCH = 2'd2, ST_DRAIN = 2'd3;");
  b.reg(st, 2);
  b.wire(net::running, 1, st + " == ST_RUN");
  b.wire(net::start_fire, 1, st + " == ST_IDLE && start");
  b.wire(net::layer_start, 1, net::start_fire + " || " + st + " == ST_SWITCH",
         "the layer's input row 0 is read; its product cycle 0 is next");
  b.wire(net::done_now, 1);
  b.wire(net::drain_end, 1);
  b.wire(net::product_last, 1);
  b.wire("layer_end", 1, net::running + " && " + net::done_now + " && " + net::product_last);
  b.wire(net::product_start, 1,
         net::layer_start + " || (" + net::running + " && " + net::done_now + " && !" +
             net::product_last + ")",
         "a product's input row 0 is read: a layer's first, or a conv layer's next pixel's in the "
         "cycle of the last output write (SCHEDULE.md: products back to back)");
  e.open("always @(posedge clk) begin");
  e.line("if (rst) " + st + " <= ST_IDLE;");
  e.line("else if (" + net::start_fire + ") " + st + " <= ST_RUN;");
  e.line("else if (layer_end) " + st + " <= cfg_last ? ST_DRAIN : ST_SWITCH;");
  e.line("else if (" + st + " == ST_SWITCH) " + st + " <= ST_RUN;");
  e.line("else if (" + st + " == ST_DRAIN && " + net::drain_end + ") " + st + " <= ST_IDLE;");
  e.close("end");
  const int lb = p.layer_bits;
  e.line("// layer 0's descriptor is current while idle, so a start's cycle already sees it");
  e.line("always @(posedge clk) if (rst || (" + st + " == ST_DRAIN && " + net::drain_end + ")) " +
         net::layer_idx + " <= " + literal(0, lb) + "; else if (layer_end && !cfg_last) " +
         net::layer_idx + " <= " + net::layer_idx + " + " + literal(1, lb) + ";");
  e.line("assign done = layer_end && cfg_last;");
  e.line("assign busy = " + net::running + " || " + st + " == ST_SWITCH;");
  e.blank().line("// input stream: rows of the input buffer, in order, whenever no network runs");
  e.line("assign in_ready = !busy && !start;  // start owns the input buffer's port in its cycle");
  b.wire(net::in_fire, 1, "in_valid && in_ready");
  b.reg("in_ptr", ia);
  e.line("always @(posedge clk) if (rst || " + net::start_fire + ") in_ptr <= " + literal(0, ia) +
         "; else if (" + net::in_fire + ") in_ptr <= in_ptr + " + literal(1, ia) + ";");
  e.blank().line(
      "// phase A: q*beats rows into the FFT back to back (block j's first beat at j*ii); fc "
      "reads");
  e.line("// them in order, conv through the gather (top_gather.cpp)");
  b.reg("phase_a_ptr", ia);
  const int tb = p.log2_beats;
  // reuse conv: a row fill's blocks (none for a product without one); else the product's q
  b.wire("phase_a_blocks", p.q_bits,
         p.reuse ? "cfg_conv ? " + net::fill_blocks + " : cfg_q" : "cfg_q");
  b.wire("phase_a_rows", ia, tb > 0 ? "{phase_a_blocks, " + n2s(tb) + "'h0}" : "phase_a_blocks");
  b.wire(net::inbuf_read, 1);
  b.wire(net::phase_a_row, ia, net::product_start + " ? " + literal(0, ia) + " : phase_a_ptr",
         "the product's row read now");
  b.wire(net::gather_addr, ia);
  emit_pixel_rows(b, p, ia);
  b.wire(net::inbuf_addr, ia,
         net::in_fire + " ? in_ptr : cfg_conv ? " + net::gather_addr + " : cfg_lstm ? " +
             net::lstm_x_row + " + " + net::phase_a_row +
             " : px_padded ? px_addr : " + net::phase_a_row,
         "conv: the gather's row; lstm: x_t's (h_{t-1}'s rows read the output banks); fc: in "
         "order, past a padded conv map's padding");
  b.wire(net::phase_a_block_end, 1,
         net::inbuf_read + " && " +
             (tb > 0 ? net::phase_a_row + "[" + n2s(tb - 1) + ":0] == " + literal(p.beats - 1, tb)
                     : std::string("1'b1")),
         "a block's last row is read");
  emit_gap(b, p, "phase_a", net::phase_a_block_end, net::product_start);
  e.line("assign " + net::inbuf_read + " = (" + net::product_start + " && !" + net::reuse_go +
         ") || (" + net::running + " && phase_a_ptr < phase_a_rows && phase_a_ok);");
  e.line("always @(posedge clk) if (" + net::product_start + ") phase_a_ptr <= " + literal(1, ia) +
         "; else if (" + net::inbuf_read + ") phase_a_ptr <= phase_a_ptr + " + literal(1, ia) +
         ";");
  b.reg(net::fft_feed_valid, 1);
  e.line("always @(posedge clk) if (rst) " + net::fft_feed_valid + " <= 1'b0; else " +
         net::fft_feed_valid + " <= " + net::inbuf_read + ";");
}

void emit_phase_a_capture(Body& b, const TopPlan& p) {
  Emitter& e = b.out();
  const int tb = p.log2_beats, qb = p.q_bits;
  const std::string clear = "rst || " + net::product_start;
  e.blank().line(
      "// spectra leave the FFT unit; row j of the spectrum buffer is written at block j's last "
      "beat");
  b.reg(net::inverse_phase, 1, "phase A over: the shared unit turns inverse (it is empty by then)");
  b.wire(net::spectrum_valid, 1,
         net::fft_out_valid + (p.shared_fft ? " && !" + net::inverse_phase : ""));
  if (tb > 0) {
    b.reg(net::spectrum_beat, tb);
    e.line("always @(posedge clk) if (" + clear + ") " + net::spectrum_beat +
           " <= " + literal(0, tb) + "; else if (" + net::spectrum_valid + ") " +
           net::spectrum_beat + " <= " + net::spectrum_beat + " + " + literal(1, tb) + ";");
    b.wire("spectrum_last", 1,
           net::spectrum_valid + " && " + net::spectrum_beat + " == " + literal(p.beats - 1, tb));
  } else {
    b.wire("spectrum_last", 1, net::spectrum_valid);
  }
  b.reg(net::spectrum_wrow, qb, "blocks of phase A (a row fill) written so far");
  e.line("always @(posedge clk) if (" + clear + ") " + net::spectrum_wrow +
         " <= " + literal(0, qb) + "; else if (spectrum_last) " + net::spectrum_wrow +
         " <= " + net::spectrum_wrow + " + " + literal(1, qb) + ";");
  b.wire(net::spectrum_we, 1, "spectrum_last");
  b.wire("phase_a_last", 1,
         "spectrum_last && " + net::spectrum_wrow + " == phase_a_blocks - " + literal(1, qb));
  e.line("// a reuse product without a row fill has no phase A: inverse from its start");
  e.line("always @(posedge clk) if (rst) " + net::inverse_phase + " <= 1'b0; else if (" +
         net::product_start + ") " + net::inverse_phase + " <= " + net::reuse_go +
         "; else if (phase_a_last) " + net::inverse_phase + " <= 1'b1;");
}

/// The read stage's signals as the issue stage takes them: as they are for a streamed layer (its
/// FIFO row is read in one cycle), else `L - 1` cycles later (L = arch::weight_read_latency), when
/// the weight SRAM's row arrives. One shift register, reset so that no issue is seen before the
/// first read.
std::vector<std::string> delay_read_stage(Body& b, const TopPlan& p,
                                          const std::vector<std::string>& sig,
                                          const std::vector<int>& width) {
  const int delay = arch::weight_read_latency(*p.spec) - 1;
  if (delay == 0) return sig;
  int w = 0;
  std::string now;
  for (size_t i = 0; i < sig.size(); ++i) {
    w += width[i];
    now += (now.empty() ? "(" : ", (") + sig[i] + ")";
  }
  const int all = w * delay;
  b.reg("read_stage_pipe", all, "the read stage's signals, the last cycles' first");
  b.out().line("always @(posedge clk) if (rst) read_stage_pipe <= " + literal(0, all) +
               "; else read_stage_pipe <= " +
               (delay == 1 ? "{" + now + "}"
                           : "{read_stage_pipe[" + n2s(w * (delay - 1) - 1) + ":0], " + now + "}") +
               ";");
  std::vector<std::string> out;
  int lo = all;  // the oldest entry sits at the top, its first signal highest
  for (size_t i = 0; i < sig.size(); ++i) {
    lo -= width[i];
    out.push_back("(cfg_stream ? " + sig[i] + " : read_stage_pipe[" + n2s(lo + width[i] - 1) + ":" +
                  n2s(lo) + "])");
  }
  return out;
}

/// MAC issues: group g (bank g mod B) runs q issues of c cycles each. This stage is the cycle
/// before an issue, when its weight row (and at c = 0 its spectrum row) is read. In a reuse top
/// the sequencer is back in its first state after a product's last group, so that a product
/// without a row fill starts its MAC in its product_start cycle (SCHEDULE.md: M_0 = 0); a conv
/// group then issues only the window's on-image blocks (top_reuse.cpp's walk: mac_j).
void emit_mac_sequencer(Body& b, const TopPlan& p) {
  Emitter& e = b.out();
  const int banks = p.accumulator_banks, ic = p.issue_cycles, qb = p.q_bits, pb = p.p_bits;
  const int cw = bits_for(ic - 1), bw = bits_for(banks - 1), rw = bits_for(p.memory.weight_rows.rows - 1);
  const std::string clear = p.reuse ? "rst || (" + net::product_start + " && !mac_start)"
                                    : "rst || " + net::product_start;
  e.blank().line(
      "// MAC: M_0 = A; M_g = max(M_g-1 + q*c, I_g-B + (P_g-B - 1)*ii + beats): a group starts");
  e.line(
      "// when phase A is over, the previous group has issued, and its bank has been read by "
      "the IFFT.");
  b.reg("bank_busy", banks);
  b.wire(net::bank_release, banks);
  b.reg("mac_active", 1);
  b.reg("mac_base", pb, "first output block of the group");
  b.reg("mac_bank", bw);
  b.reg(net::mac_block, qb);
  b.reg("mac_cycle", cw);
  if (p.reuse) {
    b.reg("mac_group_row", rw, "weight_base + g*q*issue_cycles");
    b.wire(net::weight_row, rw,
           "mac_group_row + " + bits_from(net::mac_j, qb, 0, rw) + " * " + literal(ic, rw) + " + " +
               zext("mac_cycle", cw, rw),
           "row base + (g*q + j)*issue_cycles + c");
  } else {
    b.reg(net::weight_row, rw);
  }
  const int fw = bits_for(p.memory.weight_stream_fifo.depth);
  e.line("// off-chip weight stream: an issue starts only when its " + n2s(ic) +
         " row(s) are all in the FIFO");
  b.reg("stream_count", fw);
  b.wire(
      "weights_ready", 1,
      "!cfg_stream || mac_cycle != " + literal(0, cw) + " || stream_count >= " + literal(ic, fw));
  b.wire("mac_bank_free", 1,
         banks == 1 ? "!bank_busy || " + net::bank_release
                    : "!bank_busy[mac_bank] || " + net::bank_release + "[mac_bank]");
  const std::string phase_a_over = "(" + net::inverse_phase + " || phase_a_last)";
  if (p.reuse) b.reg("mac_armed", 1, "the product's groups are not all issued yet");
  b.wire("mac_start", 1,
         net::running +
             " && !mac_active && mac_base < cfg_p && mac_bank_free && weights_ready && " +
             (p.reuse ? "(" + net::product_start + " ? " + net::reuse_go + " : mac_armed && " +
                            phase_a_over + ")"
                      : phase_a_over));
  b.wire(net::mac_read, 1, "(mac_active && weights_ready) || mac_start");
  b.wire("mac_cycle_end", 1, "mac_cycle == " + literal(ic - 1, cw));
  const std::string first =
      p.reuse ? net::mac_first_block : net::mac_block + " == " + literal(0, qb);
  const std::string last =
      p.reuse ? net::mac_last_block : net::mac_block + " == cfg_q - " + literal(1, qb);
  b.wire("mac_group_end", 1, net::mac_read + " && mac_cycle_end && " + last);
  if (p.reuse)
    b.wire(net::mac_prod_end, 1,
           "mac_group_end && " + zext("mac_base", pb, pb + 1) + " + " +
               literal(p.parallel_blocks, pb + 1) + " >= " + zext("cfg_p", pb, pb + 1),
           "the product's last group is issued");
  b.wire(net::spectrum_re, 1, net::mac_read + " && mac_cycle == " + literal(0, cw));
  const std::string next_bank = banks == 1 ? literal(0, bw)
                                           : "(mac_bank == " + literal(banks - 1, bw) + ") ? " +
                                                 literal(0, bw) + " : mac_bank + " + literal(1, bw);
  const std::string base_row = "cfg_weight_base[" + n2s(rw - 1) + ":0]";
  e.open("always @(posedge clk) begin");
  e.open("if (" + clear + ") begin");
  e.line("mac_active <= 1'b0; mac_base <= " + literal(0, pb) + "; mac_bank <= " + literal(0, bw) +
         "; " + net::mac_block + " <= " + literal(0, qb) + "; mac_cycle <= " + literal(0, cw) +
         "; " + (p.reuse ? "mac_group_row" : net::weight_row) + " <= " + base_row + ";");
  e.mid("end else if (" + net::mac_read + ") begin");
  if (!p.reuse) e.line(net::weight_row + " <= " + net::weight_row + " + " + literal(1, rw) + ";");
  e.line("mac_cycle <= mac_cycle_end ? " + literal(0, cw) + " : mac_cycle + " + literal(1, cw) +
         ";");
  e.line("if (mac_cycle_end) " + net::mac_block + " <= mac_group_end ? " + literal(0, qb) + " : " +
         net::mac_block + " + " + literal(1, qb) + ";");
  e.line("mac_active <= !mac_group_end;");
  if (p.reuse) {
    e.line("if (" + net::mac_prod_end + ") begin mac_base <= " + literal(0, pb) +
           "; mac_bank <= " + literal(0, bw) + "; mac_group_row <= " + base_row + "; end");
    e.line("else if (mac_group_end) begin mac_base <= mac_base + " +
           literal(p.parallel_blocks, pb) + "; mac_bank <= " + next_bank +
           "; mac_group_row <= mac_group_row + " + bits_from("cfg_q", qb, 0, rw) + " * " +
           literal(ic, rw) + "; end");
  } else {
    e.line("if (mac_group_end) mac_base <= mac_base + " + literal(p.parallel_blocks, pb) + ";");
    e.line("if (mac_group_end) mac_bank <= " + next_bank + ";");
  }
  e.close("end");
  e.close("end");
  if (p.reuse)
    e.line("always @(posedge clk) if (rst || " + net::mac_prod_end +
           ") mac_armed <= 1'b0; else if (" + net::product_start + ") mac_armed <= 1'b1;");
  e.open("always @(posedge clk) begin");
  e.line("if (" + clear + ") bank_busy <= " + literal(0, banks) + ";");
  e.line("else bank_busy <= (bank_busy & ~" + net::bank_release + ") | (mac_start ? " +
         literal(1, banks) + " << mac_bank : " + literal(0, banks) + ");");
  e.close("end");
  e.line("// the issue itself, L cycles later (the weight SRAM's read latency; 1 when streamed);");
  e.line("// its accumulators are final kMacLatency + L cycles after the group's last issue");
  e.line("// cycle, at R_g = M_g + q*c + kMacLatency + L - 1");
  b.regs({net::issue_valid, net::issue_first, "issue_last"}, 1);
  if (ic == 1) e.line("/* verilator lint_off UNUSEDSIGNAL */  // one issue cycle: c is always 0");
  b.reg(net::issue_cycle, cw);
  if (ic == 1) e.line("/* verilator lint_on UNUSEDSIGNAL */");
  b.reg(net::issue_bank, bw);
  const std::vector<std::string> read_stage{net::mac_read, first, "mac_group_end", "mac_cycle",
                                            "mac_bank"};
  const std::vector<std::string> at = delay_read_stage(b, p, read_stage, {1, 1, 1, cw, bw});
  e.line("always @(posedge clk) begin if (rst) " + net::issue_valid + " <= 1'b0; else " +
         net::issue_valid + " <= " + at[0] + "; " + net::issue_first + " <= " + at[1] +
         "; issue_last <= " + at[2] + "; " + net::issue_cycle + " <= " + at[3] + "; " +
         net::issue_bank + " <= " + at[4] + "; end");
  const int dl = arch::kMacLatency + 1;
  b.reg("final_pipe", dl);
  e.line("always @(posedge clk) if (rst || " + net::product_start +
         ") final_pipe <= " + literal(0, dl) + "; else final_pipe <= " +
         (dl == 1 ? std::string("issue_last") : "{final_pipe[" + n2s(dl - 2) + ":0], issue_last}") +
         ";");
  b.wire(net::group_final, 1, "final_pipe[" + n2s(dl - 1) + "]");
}

/// The weight-stream requester (cfg_stream): one request per MAC issue, in issue order, for the
/// issue's rows at ws_req_addr; a request goes out only when the FIFO has room for its rows
/// beside those already in it and those requested and not yet received (stream_inflight).
void emit_stream_requester(Body& b, const TopPlan& p) {
  Emitter& e = b.out();
  const int rows = p.memory.weight_stream_fifo.depth, cw = bits_for(rows);
  const int ic = p.issue_cycles, qb = p.q_bits, pb = p.p_bits;
  const int ra = arch::kCfgDataBits;  // rows of the off-chip weight image
  const std::string clear = "rst || " + (p.reuse ? net::stream_start : net::product_start);
  e.blank().line(
      "// ---- weight stream requests: one per issue, walking (group, j) as the MAC does ----");
  b.reg("req_base", pb, "first output block of the group requested next");
  b.reg("req_block", qb);
  if (p.reuse) {  // a conv group requests its window's on-image blocks only (rq_j)
    b.reg("req_group_addr", ra, "weight_base + g*q*issue_cycles");
    b.wire("req_addr", ra,
           "req_group_addr + " + zext("(cfg_conv ? rq_j : req_block)", qb, ra) + " * " +
               literal(ic, ra),
           "first row of the issue requested next: weight_base + (g*q + j)*issue_cycles");
  } else {
    b.reg("req_addr", ra,
          "first row of the issue requested next: weight_base + (g*q + j)*issue_cycles");
  }
  b.reg("stream_inflight", cw, "rows requested and not yet received");
  e.line("assign ws_req_valid = " + net::running +
         " && cfg_stream && req_base < cfg_p && stream_count + " +
         "stream_inflight <= " + literal(rows - ic, cw) + ";");
  e.line("assign ws_req_addr = ws_req_valid ? req_addr : " + literal(0, ra) +
         ";  // 0 while no request is offered");
  b.wire("req_fire", 1, "ws_req_valid && ws_req_ready");
  const std::string plain_end = "req_block == cfg_q - " + literal(1, qb);
  b.wire("req_group_end", 1, p.reuse ? "cfg_conv ? rq_last : " + plain_end : plain_end);
  const std::string addr = p.reuse ? "req_group_addr" : "req_addr";
  e.open("always @(posedge clk) begin");
  e.open("if (" + clear + ") begin");
  e.line("req_base <= " + literal(0, pb) + "; req_block <= " + literal(0, qb) + "; " + addr +
         " <= (cfg_stream && !rst) ? cfg_weight_base : " + literal(0, ra) + ";");
  if (p.reuse) {
    e.mid("end else if (" + net::product_start + ") begin");
    e.line("req_base <= cfg_p;  // a row fill first: nothing to request until its end");
  }
  e.mid("end else if (req_fire) begin");
  if (p.reuse)
    e.line("if (req_group_end) req_group_addr <= req_group_addr + " + zext("cfg_q", qb, ra) +
           " * " + literal(ic, ra) + ";");
  else
    e.line("req_addr <= req_addr + " + literal(ic, ra) + ";");
  e.line("req_block <= req_group_end ? " + literal(0, qb) + " : req_block + " + literal(1, qb) +
         ";");
  e.line("if (req_group_end) req_base <= req_base + " + literal(p.parallel_blocks, pb) + ";");
  e.close("end");
  e.close("end");
  e.line("always @(posedge clk) if (" + clear + ") stream_inflight <= " + literal(0, cw) +
         "; else stream_inflight <= stream_inflight + (req_fire ? " + literal(ic, cw) + " : " +
         literal(0, cw) + ") - (stream_push ? " + literal(1, cw) + " : " + literal(0, cw) + ");");
}

/// The weight-stream FIFO (cfg_stream): rows in while busy and not full, one out per MAC read
/// stage into stream_row, which stands in for the SRAM's registered read data.
void emit_weight_stream(Body& b, const TopPlan& p) {
  Emitter& e = b.out();
  const int rows = p.memory.weight_stream_fifo.depth, aw = bits_for(rows - 1), cw = bits_for(rows);
  e.blank().line("// ---- weight stream FIFO: " + n2s(rows) + " rows of " +
                 n2s(p.memory.weight_rows.row_bits) + " bits ----");
  b.memory("stream_fifo", p.memory.weight_rows.row_bits, rows);
  b.regs({"stream_wptr", "stream_rptr"}, aw);
  b.reg(net::stream_row, p.memory.weight_rows.row_bits);
  e.line("assign ws_ready = " + net::running +
         " && cfg_stream && stream_count != " + literal(rows, cw) + ";");
  b.wire("stream_push", 1, "ws_valid && ws_ready");
  b.wire("stream_pop", 1, "cfg_stream && " + net::mac_read);
  e.open("always @(posedge clk) begin");
  e.line("if (rst || " + (p.reuse ? net::stream_start : net::product_start) +
         ") begin stream_count <= " + literal(0, cw) + "; stream_wptr <= " + literal(0, aw) +
         "; stream_rptr <= " + literal(0, aw) + "; end");
  e.open("else begin");
  e.line("if (stream_push) stream_wptr <= stream_wptr + " + literal(1, aw) + ";");
  e.line("if (stream_pop) stream_rptr <= stream_rptr + " + literal(1, aw) + ";");
  e.line("if (stream_push && !stream_pop) stream_count <= stream_count + " + literal(1, cw) +
         "; else if (stream_pop && !stream_push) stream_count <= stream_count - " + literal(1, cw) +
         ";");
  e.close("end");
  e.close("end");
  e.line("always @(posedge clk) if (stream_push) stream_fifo[stream_wptr] <= ws_data;");
  e.line("always @(posedge clk) if (stream_pop) " + net::stream_row +
         " <= stream_fifo[stream_rptr];");
}

}  // namespace

void emit_control(Body& b, const TopPlan& p) {
  declare_reuse_nets(b, p);
  emit_fsm(b, p);
  emit_gather(b, p);
  emit_phase_a_capture(b, p);
  emit_mac_sequencer(b, p);
  emit_weight_stream(b, p);
  emit_stream_requester(b, p);
  if (p.reuse) emit_reuse(b, p);
}

}  // namespace circa::gen
