// The forward half of the generated top: input buffer, FFT unit(s), spectrum capture and buffer;
// and the MAC array: weight SRAM rows, operand selection, product (with the packed_real pair
// mode) and the banked accumulators the IFFT feed reads.
#include "common/error.hpp"
#include "gen/top_plan.hpp"

namespace circa::gen {
namespace {

std::string part(const std::string& bus, int i, int w) {
  return bus + "[" + n2s(int64_t{i} * w) + " +: " + n2s(w) + "]";
}

/// FFT output position (beat, lane) of bin b.
void bin_source(const TopPlan& p, int b, int* t, int* l) {
  const int S = p.samples_per_beat;
  int m = 0;
  while (p.out_index(m / S, m % S) != b) ++m;  // the unit's output order, inverted
  *t = m / S;
  *l = m % S;
}

void emit_fft_units(Body& b, const Design& d, const TopPlan& p) {
  Instance fwd(ref(d.module(p.fft_module)), p.shared_fft ? "u_fft_shared" : "u_fft");
  fwd.connect("clk", b["clk"]).connect("rst", b["rst"]);
  fwd.connect("in_data", b[net::act_row]);
  fwd.connect("out_valid", b[net::fft_out_valid]);
  fwd.connect("out_re", b[net::fft_out_re]).connect("out_im", b[net::fft_out_im]);
  if (p.shared_fft) {
    fwd.connect("mode", b[net::inverse_phase]);
    fwd.connect("in_valid", Expr(net::fft_feed_valid + " || " + net::ifft_feed_valid, 1));
    fwd.connect("in_re", b[net::ifft_in_re]).connect("in_im", b[net::ifft_in_im]);
    b.add(fwd);
    b.out().line("assign " + net::ifft_out_valid + " = " + net::fft_out_valid + ";");
    b.out().line("assign " + net::ifft_out_data + " = " + net::fft_out_re + ";");
    return;
  }
  b.add(fwd.connect("in_valid", b[net::fft_feed_valid]));
  b.add(Instance(ref(d.module(p.ifft_module)), "u_ifft")
            .connect("clk", b["clk"])
            .connect("rst", b["rst"])
            .connect("in_valid", b[net::ifft_feed_valid])
            .connect("in_re", b[net::ifft_in_re])
            .connect("in_im", b[net::ifft_in_im])
            .connect("out_valid", b[net::ifft_out_valid])
            .connect("out_data", b[net::ifft_out_data]));
}

/// Spectrum capture: the words of a block's bins, registered until its last beat; returns the
/// row's signals, most significant first.
std::string emit_capture(Body& b, const TopPlan& p) {
  const int D = p.spec->formats.fft.bits, tb = p.log2_beats;
  std::string row;
  for (int w = p.block_words - 1; w >= 0; --w) {
    for (int c = 0; c < 2; ++c) {  // re, then im
      int bin = w, t = 0, l = 0;
      bool use_im = c == 1;
      if (p.packed && w == 0 && c == 1) {
        bin = p.block_size / 2;
        use_im = false;
      }
      bin_source(p, bin, &t, &l);
      const std::string& bus = use_im ? net::fft_out_im : net::fft_out_re;
      const std::string src =
          bus + "[" + n2s(l * p.fft_out_bits) + " +: " + n2s(D) + "]";  // low bits
      const std::string nm = "spectrum_word" + n2s(w) + (c ? "_im" : "_re");
      if (t == p.beats - 1) {
        b.wire(nm, D, src);
      } else {
        b.reg(nm, D);
        b.out().line("always @(posedge clk) if (" + net::spectrum_valid + " && " +
                     net::spectrum_beat + " == " + literal(t, tb) + ") " + nm + " <= " + src + ";");
      }
      row += (row.empty() ? "" : ", ") + nm;
    }
  }
  return row;
}

}  // namespace

void emit_input_and_fft(Body& b, const Design& d, const TopPlan& p) {
  Emitter& e = b.out();
  const int64_t in_rows = int64_t{p.q_max} * p.beats;
  const int ia = bits_for(in_rows), row_in = p.samples_per_beat * p.spec->formats.input.bits;
  e.blank().line("// ---- input buffer (S samples per row) and FFT unit(s) ----");
  b.wire("inbuf_rdata", row_in);
  b.add(Instance(sram_1rw(in_rows, row_in, ia, ""), "u_input_buffer")
            .connect("clk", b["clk"])
            .connect("en", Expr(net::in_fire + " || (" + net::inbuf_read + " && !" +
                                    net::from_outputs + ")",
                                1))
            .connect("we", b[net::in_fire])
            .connect("addr", b[net::inbuf_addr])
            .connect("wdata", b["in_data"])
            .connect("rdata", b["inbuf_rdata"]));
  emit_fft_units(b, d, p);
  e.blank().line("// spectrum capture: bins 0..k/2 as " + n2s(p.block_words) + " words" +
                 (p.packed ? " (word 0 = bin 0 and bin k/2, both real)" : "") +
                 "; the last beat's bins go straight to the row");
  const std::string row = emit_capture(b, p);
  const int RW = p.block_words * 2 * p.spec->formats.fft.bits;
  b.wire("spectrum_wdata", RW, "{" + row + "}");
  b.wire("spectrum_rdata", RW);
  // reuse: the line buffer's ring (top_reuse.cpp) for conv layers
  const std::string& waddr = p.reuse ? net::spectrum_waddr : net::spectrum_wrow;
  const std::string& raddr = p.reuse ? net::spectrum_raddr : net::mac_block;
  b.add(Instance(sram_1r1w(p.q_max, RW, p.q_bits), "u_spectrum_buffer")
            .connect("clk", b["clk"])
            .connect("we", b[net::spectrum_we])
            .connect("waddr", b[waddr])
            .connect("wdata", b["spectrum_wdata"])
            .connect("re", b[net::spectrum_re])
            .connect("raddr", b[raddr])
            .connect("rdata", b["spectrum_rdata"]));
  e.line(
      "// q = 1: the MAC reads the row the FFT is writing in the same cycle; forward it, and "
      "hold the");
  e.line("// choice until the next read (the row serves all issue cycles of the issue)");
  b.reg("bypass_sel", 1);
  b.reg("bypass_row", RW);
  e.line("always @(posedge clk) begin if (rst) bypass_sel <= 1'b0; else if (" + net::spectrum_re +
         ") bypass_sel <= " + net::spectrum_we + " && " + waddr + " == " + raddr + "; if (" +
         net::spectrum_we + ") bypass_row <= spectrum_wdata; end");
  const int delay = arch::weight_read_latency(*p.spec) - 1;
  if (delay == 0) {
    b.wire("spectrum_row", RW, "bypass_sel ? bypass_row : spectrum_rdata");
    return;
  }
  // The weight SRAM's rows arrive `delay` cycles after a read's spectrum row: the row waits for
  // them in as many stages (a streamed layer's rows come from the FIFO in one cycle: no wait).
  b.wire("spectrum_row_read", RW, "bypass_sel ? bypass_row : spectrum_rdata");
  const std::string waited = b.delay_chain("spectrum_row_read", RW, delay, "spectrum_row_stage");
  b.wire("spectrum_row", RW, "cfg_stream ? spectrum_row_read : " + waited);
}

namespace {

/// Weight SRAM rows: read one per issue cycle (weight_row), written through the w_* port when
/// idle.
void emit_weight_sram(Body& b, Design& d, const TopPlan& p) {
  Emitter& e = b.out();
  const SramSpec& m = p.spec->weight_sram;
  const arch::WeightRows& ws = p.memory.weight_rows;
  const int W = m.word_bits, aw = ceil_log2(p.memory.weight_sram.depth), lg = arch::log2_exact(ws.bank_groups);
  const int rw = bits_for(ws.rows - 1);
  const int latency = arch::weight_read_latency(*p.spec);
  const Module& sram = d.module(gen_weight_sram(d, p.memory.weight_sram, latency, p.weight_images));
  CIRCA_CHECK(rw - lg == aw, "weight row address split");
  e.blank().line("// ---- weight SRAM: a row of " + n2s(p.mac_lanes) + " weight words = " +
                 n2s(ws.banks_per_row) + " banks side by side; rows interleave over " +
                 n2s(ws.bank_groups) + " bank group(s) ----");
  b.wire("w_fire", 1, "w_we && !" + net::running);
  const std::string& row = net::weight_row;
  const std::string grp_r = lg ? row + "[" + n2s(lg - 1) + ":0]" : "";
  const std::string grp_w = lg ? "w_addr[" + n2s(lg - 1) + ":0]" : "";
  std::vector<Expr> en, we, addr, wdata;
  for (int bank = m.banks - 1; bank >= 0; --bank) {
    const int g = bank / ws.banks_per_row, pt = bank % ws.banks_per_row;
    const std::string hit_r = lg ? "(" + grp_r + " == " + literal(g, lg) + ")" : "1'b1";
    const std::string hit_w = lg ? "(" + grp_w + " == " + literal(g, lg) + ")" : "1'b1";
    en.emplace_back(
        "(" + net::mac_read + " && !cfg_stream && " + hit_r + ") || (w_fire && " + hit_w + ")", 1);
    we.emplace_back("w_fire && " + hit_w, 1);
    const std::string a_w = rw - lg > 0 ? "w_addr[" + n2s(rw - 1) + ":" + n2s(lg) + "]" : "1'b0";
    const std::string a_r = rw - lg > 0 ? row + "[" + n2s(rw - 1) + ":" + n2s(lg) + "]" : "1'b0";
    addr.emplace_back("w_fire ? " + a_w + " : " + a_r, aw);
    wdata.emplace_back(part("w_data", pt, W), W);
  }
  b.wire("wsram_rdata", m.banks * W);
  b.add(Instance(ref(sram), "u_weight_sram")
            .connect("clk", b["clk"])
            .connect("en", cat(en))
            .connect("we", cat(we))
            .connect("addr", cat(addr))
            .connect("wdata", cat(wdata))
            .connect("rdata", b["wsram_rdata"]));
  // the group a row was read from selects its banks' data `latency` cycles later
  if (lg) b.wire("wsram_group", lg, b.delay_chain(grp_r, lg, latency, "wsram_group_stage"));
  const int rb = ws.row_bits;
  b.wire("wsram_row", rb,
         lg ? "wsram_rdata[wsram_group * " + n2s(rb) + " +: " + n2s(rb) + "]" : "wsram_rdata");
  const bool padded = rb > p.mac_lanes * p.weight_word_bits;
  if (padded)
    e.line(
        "/* verilator lint_off UNUSEDSIGNAL */  // a row is whole banks wide: bits above lanes x "
        "weight word are padding");
  b.wire("weights", rb, "cfg_stream ? " + net::stream_row + " : wsram_row");
  if (padded) e.line("/* verilator lint_on UNUSEDSIGNAL */");
}

/// Lane L at issue cycle c: spectrum word (c*lanes + L) mod slots, weight word L of the row.
void emit_mac_lanes(Body& b, Design& d, const TopPlan& p) {
  Emitter& e = b.out();
  const int D = p.spec->formats.fft.bits, half = p.weight_word_bits / 2;
  const int P = p.spec->formats.product.bits, cw = bits_for(p.issue_cycles - 1);
  e.blank().line(
      "// ---- MAC lanes: lane L at issue cycle c takes word (c*lanes + L) mod slots of output "
      "block (c*lanes + L) / slots ----");
  const Module& cmul = d.module(gen_cmul(d, p.spec->formats, p.packed));
  for (int l = 0; l < p.mac_lanes; ++l) {
    const std::string L = n2s(l), x = "mac_x_" + L, pair = "mac_pair_" + L;
    // the pair flag exists only for packed_real (word 0 is two real bins)
    const auto set_pair = [&](int w) {
      return p.packed ? " " + pair + " = 1'b" + (w == 0 ? "1" : "0") + ";" : std::string();
    };
    b.reg(x, 2 * D);
    if (p.packed) b.reg(pair, 1);
    e.open("always @(*) begin");
    e.line(x + " = " + part("spectrum_row", l % p.block_words, 2 * D) + ";" +
           set_pair(l % p.block_words));
    if (p.issue_cycles > 1) {
      e.open("case (" + net::issue_cycle + ")");
      for (int c = 1; c < p.issue_cycles; ++c) {
        const int w = (c * p.mac_lanes + l) % p.block_words;
        e.line(literal(c, cw) + ": begin " + x + " = " + part("spectrum_row", w, 2 * D) + ";" +
               set_pair(w) + " end");
      }
      e.line("default: ;");
      e.close("endcase");
    }
    e.close("end");
    b.wire("prod_valid_" + L, 1);
    b.wires({"prod_re_" + L, "prod_im_" + L}, P);
    Instance mul(ref(cmul), "u_mul_" + L);
    if (p.packed) mul.connect("pair", b[pair]);
    b.add(mul.connect("clk", b["clk"])
              .connect("rst", b["rst"])
              .connect("in_valid", b[net::issue_valid])
              .connect("x_re", Expr(x + "[" + n2s(2 * D - 1) + ":" + n2s(D) + "]", D))
              .connect("x_im", Expr(x + "[" + n2s(D - 1) + ":0]", D))
              .connect("w_re", Expr(part("weights", 2 * l + 1, half), half))
              .connect("w_im", Expr(part("weights", 2 * l, half), half))
              .connect("out_valid", b["prod_valid_" + L])
              .connect("p_re", b["prod_re_" + L])
              .connect("p_im", b["prod_im_" + L]));
  }
}

/// Per lane B*ic accumulator entries (entry bank*ic + c), read by the IFFT feed network.
void emit_accumulators(Body& b, const TopPlan& p) {
  Emitter& e = b.out();
  const FixedFormat& acc = p.spec->formats.accumulator;
  const int A = acc.bits, P = p.spec->formats.product.bits, ic = p.issue_cycles;
  const int depth = p.accumulator_banks * ic, dw = bits_for(depth - 1);
  e.blank().line(
      "// accumulators: entry bank*ic + c of every lane; first issue of a group starts from 0");
  b.reg("acc_first", 1);
  b.reg("acc_addr", dw);
  const int cw = bits_for(ic - 1);  // issue_cycle's bits, zero-extended to the address's
  const std::string c =
      cw < dw ? "{" + literal(0, dw - cw) + ", " + net::issue_cycle + "}" : net::issue_cycle;
  e.line("always @(posedge clk) begin acc_first <= " + net::issue_first + "; acc_addr <= " +
         (ic == 1 ? net::issue_bank : net::issue_bank + " * " + literal(ic, dw) + " + " + c) +
         "; end");
  for (int l = 0; l < p.mac_lanes; ++l) {
    const std::string L = n2s(l);
    b.memory(net::acc_re(l), A, depth);
    b.memory(net::acc_im(l), A, depth);
    for (const char* comp : {"re", "im"}) {
      const bool re = comp[0] == 'r';
      const std::string arr = re ? net::acc_re(l) : net::acc_im(l);
      const std::string prod = std::string(re ? "prod_re_" : "prod_im_") + L;
      const std::string sum = "acc_sum_" + std::string(comp) + "_" + L;
      const std::string next = "acc_next_" + std::string(comp) + "_" + L;
      b.wire(sum, A + 1,
             "(acc_first ? " + literal(0, A + 1) + " : " + sext(arr + "[acc_addr]", A, A + 1) +
                 ") + " + sext(prod, P, A + 1));
      b.wire(next, A);
      b.round_sat_shift("u_" + next, b[sum], 0, acc, next);
      e.line("always @(posedge clk) if (prod_valid_" + L + ") " + arr + "[acc_addr] <= " + next +
             ";");
    }
  }
}

}  // namespace

void emit_mac(Body& b, Design& d, const TopPlan& p) {
  emit_weight_sram(b, d, p);
  emit_mac_lanes(b, d, p);
  emit_accumulators(b, p);
}

}  // namespace circa::gen
