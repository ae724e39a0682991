// The forward half of the generated top: input buffer, FFT unit(s), spectrum capture and buffer;
// and the MAC array: weight SRAM rows, operand selection, product (with the packed_real pair
// mode) and the banked accumulators the IFFT feed reads.
#include "common/error.hpp"
#include "gen/top_plan.hpp"

namespace circa::gen {
namespace {

std::string part(const std::string& bus, int i, int w) { return bus + "[" + n2s(int64_t{i} * w) + " +: " + n2s(w) + "]"; }

/// FFT output position (beat, lane) of bin b.
void bin_source(const TopPlan& p, int b, int* t, int* l) {
  int m = 0;
  while (p.out_index(m / p.S, m % p.S) != b) ++m;  // the unit's output order, inverted
  *t = m / p.S;
  *l = m % p.S;
}

void emit_fft_units(Emitter& e, const TopPlan& p) {
  const std::string common = ".clk(clk), .rst(rst), ";
  if (p.shared) {
    e.line(p.fwd + " u_fft (" + common + ".mode(inv_phase), .in_valid(fa_v || f_v), .in_data(ib_rdata), "
           ".in_re(if_re), .in_im(if_im), .out_valid(fu_ov), .out_re(fu_re), .out_im(fu_im));");
    e.line("assign iu_ov = fu_ov;");
    e.line("assign iu_d = fu_re;");
    return;
  }
  e.line(p.fwd + " u_fft (" + common + ".in_valid(fa_v), .in_data(ib_rdata), .out_valid(fu_ov), .out_re(fu_re), .out_im(fu_im));");
  e.line(p.inv + " u_ifft (" + common + ".in_valid(f_v), .in_re(if_re), .in_im(if_im), .out_valid(iu_ov), .out_data(iu_d));");
}

}  // namespace

void emit_input_and_fft(Emitter& e, const TopPlan& p) {
  const FixedFormat& f = p.s->formats.fft;
  const int ia = bits_for(int64_t{p.q_max} * p.beats), IW = p.s->formats.input.bits, D = f.bits;
  e.blank().line("// ---- input buffer (S samples per row) and FFT unit(s) ----");
  e.line(wire("ib_rdata", p.S * IW) + ";");
  e.line("circa_sram_1rw #(.DEPTH(" + n2s(int64_t{p.q_max} * p.beats) + "), .WIDTH(" + n2s(p.S * IW) + "), .AW(" + n2s(ia) +
         "), .INIT_FILE(\"\")) u_ibuf (.clk(clk), .en(in_fire || ra_en), .we(in_fire), .addr(ib_addr), .wdata(in_data), .rdata(ib_rdata));");
  emit_fft_units(e, p);
  e.blank().line("// spectrum capture: bins 0..k/2 as " + n2s(p.slots) + " words" +
                 (p.packed ? " (word 0 = bin 0 and bin k/2, both real)" : "") + "; the last beat's bins go straight to the row");
  std::string row;
  for (int w = p.slots - 1; w >= 0; --w) {
    for (int c = 0; c < 2; ++c) {  // re, then im
      int b = w, t = 0, l = 0;
      bool use_im = c == 1;
      if (p.packed && w == 0 && c == 1) { b = p.k / 2; use_im = false; }
      bin_source(p, b, &t, &l);
      const std::string src = (use_im ? "fu_im[" : "fu_re[") + n2s(l * p.fw) + " +: " + n2s(D) + "]";  // low bits
      const std::string nm = "sx_" + n2s(w) + (c ? "_im" : "_re");
      if (t == p.beats - 1) {
        e.line(wire(nm, D) + " = " + src + ";");
      } else {
        e.line(reg(nm, D) + ";");
        e.line("always @(posedge clk) if (fo_v && ft == " + literal(t, p.T) + ") " + nm + " <= " + src + ";");
      }
      row += (row.empty() ? "" : ", ") + nm;
    }
  }
  const int RW = p.slots * 2 * D;
  e.line(wire("spec_wdata", RW) + " = {" + row + "};");
  e.line(wire("spec_rdata", RW) + ";");
  e.line("circa_sram_1r1w #(.DEPTH(" + n2s(p.q_max) + "), .WIDTH(" + n2s(RW) + "), .AW(" + n2s(p.qw) +
         ")) u_spec (.clk(clk), .we(spec_we), .waddr(sj), .wdata(spec_wdata), .re(spec_re), .raddr(m_j), .rdata(spec_rdata));");
  e.line("// q = 1: the MAC reads the row the FFT is writing in the same cycle; forward it, and hold the");
  e.line("// choice until the next read (the row serves all issue cycles of the issue)");
  e.line(reg("byp_q", 1) + ";");
  e.line(reg("byp_row", RW) + ";");
  e.line("always @(posedge clk) begin if (rst) byp_q <= 1'b0; else if (spec_re) byp_q <= spec_we && sj == m_j; if (spec_we) byp_row <= spec_wdata; end");
  e.line(wire("xrow", RW) + " = byp_q ? byp_row : spec_rdata;");
}

namespace {

/// Weight SRAM rows: read one per issue cycle (w_row), written through the w_* port when idle.
void emit_weight_sram(Emitter& e, Design& d, const TopPlan& p) {
  const SramSpec& m = p.s->weight_sram;
  const int W = m.word_bits, aw = ceil_log2(p.wdepth), lg = arch::log2_exact(p.groups);
  const int rw = bits_for(p.w_rows - 1);
  const std::string ws = gen_weight_sram(d, m, p.weight_images);
  CIRCA_CHECK(rw - lg == aw, "weight row address split");
  e.blank().line("// ---- weight SRAM: a row of " + n2s(p.lanes) + " weight words = " + n2s(p.nb) + " banks side by side; rows interleave over " + n2s(p.groups) + " bank group(s) ----");
  e.line(wire("w_fire", 1) + " = w_we && !run;");
  const std::string grp_r = lg ? "w_row[" + n2s(lg - 1) + ":0]" : "", grp_w = lg ? "w_addr[" + n2s(lg - 1) + ":0]" : "";
  std::string en, we, addr, wdata;
  for (int b = m.banks - 1; b >= 0; --b) {
    const int g = b / p.nb, pt = b % p.nb;
    const std::string hit_r = lg ? "(" + grp_r + " == " + literal(g, lg) + ")" : "1'b1";
    const std::string hit_w = lg ? "(" + grp_w + " == " + literal(g, lg) + ")" : "1'b1";
    en += std::string(en.empty() ? "" : ", ") + "(m_rd && !cfg_stream && " + hit_r + ") || (w_fire && " + hit_w + ")";
    we += std::string(we.empty() ? "" : ", ") + "w_fire && " + hit_w;
    addr += std::string(addr.empty() ? "" : ", ") + "w_fire ? " + (rw - lg > 0 ? "w_addr[" + n2s(rw - 1) + ":" + n2s(lg) + "]" : "1'b0") +
            " : " + (rw - lg > 0 ? "w_row[" + n2s(rw - 1) + ":" + n2s(lg) + "]" : "1'b0");
    wdata += std::string(wdata.empty() ? "" : ", ") + part("w_data", pt, W);
  }
  e.line(wire("wm_rdata", m.banks * W) + ";");
  e.line(ws + " u_wsram (.clk(clk), .en({" + en + "}), .we({" + we + "}), .addr({" + addr + "}), .wdata({" + wdata + "}), .rdata(wm_rdata));");
  if (lg) {  // the group a row was read from selects its banks' data a cycle later
    e.line(reg("wg_q", lg) + ";");
    e.line("always @(posedge clk) wg_q <= " + grp_r + ";");
  }
  e.line(wire("wm_row", p.row_bits) + " = " + (lg ? "wm_rdata[wg_q * " + n2s(p.row_bits) + " +: " + n2s(p.row_bits) + "]" : "wm_rdata") + ";");
  const bool padded = p.row_bits > p.lanes * p.wb;
  if (padded) e.line("/* verilator lint_off UNUSEDSIGNAL */  // a row is whole banks wide: bits above lanes x weight word are padding");
  e.line(wire("wrow", p.row_bits) + " = cfg_stream ? ws_q : wm_row;");
  if (padded) e.line("/* verilator lint_on UNUSEDSIGNAL */");
}

/// Lane L at issue cycle c: spectrum word (c*lanes + L) mod slots, weight word L of the row.
void emit_mac_lanes(Emitter& e, Design& d, const TopPlan& p) {
  const int D = p.s->formats.fft.bits, half = p.wb / 2, P = p.s->formats.product.bits, cw = bits_for(p.ic - 1);
  e.blank().line("// ---- MAC lanes: lane L at issue cycle c takes word (c*lanes + L) mod slots of output block (c*lanes + L) / slots ----");
  const std::string cm = gen_cmul(d, p.s->formats, p.packed);
  for (int l = 0; l < p.lanes; ++l) {
    const std::string L = n2s(l);
    // the pair flag exists only for packed_real (word 0 is two real bins)
    const auto pair = [&](int w) { return p.packed ? " pr_" + L + " = 1'b" + (w == 0 ? "1" : "0") + ";" : std::string(); };
    e.line(reg("xo_" + L, 2 * D) + ";");
    if (p.packed) e.line(reg("pr_" + L, 1) + ";");
    e.open("always @(*) begin");
    e.line("xo_" + L + " = " + part("xrow", l % p.slots, 2 * D) + ";" + pair(l % p.slots));
    if (p.ic > 1) {
      e.open("case (ex_c)");
      for (int c = 1; c < p.ic; ++c) {
        const int w = (c * p.lanes + l) % p.slots;
        e.line(literal(c, cw) + ": begin xo_" + L + " = " + part("xrow", w, 2 * D) + ";" + pair(w) + " end");
      }
      e.line("default: ;");
      e.close("endcase");
    }
    e.close("end");
    e.line(wire("pv_" + L, 1) + ";");
    e.line(wire("pre_" + L, P) + ", pim_" + L + ";");
    e.line(cm + " u_mul_" + L + " (.clk(clk), .rst(rst), .in_valid(ex_v), " + (p.packed ? ".pair(pr_" + L + "), " : "") +
           ".x_re(xo_" + L + "[" + n2s(2 * D - 1) + ":" + n2s(D) + "]), .x_im(xo_" + L + "[" + n2s(D - 1) + ":0]), .w_re(" +
           part("wrow", 2 * l + 1, half) + "), .w_im(" + part("wrow", 2 * l, half) +
           "), .out_valid(pv_" + L + "), .p_re(pre_" + L + "), .p_im(pim_" + L + "));");
  }
}

/// Per lane B*ic accumulator entries (entry bank*ic + c), read by the IFFT feed network.
void emit_accumulators(Emitter& e, const TopPlan& p) {
  const int A = p.s->formats.accumulator.bits, P = p.s->formats.product.bits, depth = p.B * p.ic, dw = bits_for(depth - 1);
  e.blank().line("// accumulators: entry bank*ic + c of every lane; first issue of a group starts from 0");
  e.line(reg("a_first", 1) + ";");
  e.line(reg("a_addr", dw) + ";");
  const int cw = bits_for(p.ic - 1);  // ex_c's bits, zero-extended to the address's
  const std::string exc = cw < dw ? "{" + literal(0, dw - cw) + ", ex_c}" : std::string("ex_c");
  e.line("always @(posedge clk) begin a_first <= ex_first; a_addr <= " + (p.ic == 1 ? std::string("ex_bank") : "ex_bank * " + literal(p.ic, dw) + " + " + exc) + "; end");
  for (int l = 0; l < p.lanes; ++l) {
    const std::string L = n2s(l);
    e.line(reg("ar_" + L, A) + " [0:" + n2s(depth - 1) + "];");
    e.line(reg("ai_" + L, A) + " [0:" + n2s(depth - 1) + "];");
    for (const char* c : {"re", "im"}) {
      const std::string arr = std::string(c[0] == 'r' ? "ar_" : "ai_") + L, pin = std::string(c[0] == 'r' ? "pre_" : "pim_") + L;
      const std::string su = "su" + std::string(c) + "_" + L, nv = "nv" + std::string(c) + "_" + L;
      e.line(wire(su, A + 1) + " = (a_first ? " + literal(0, A + 1) + " : " + sext(arr + "[a_addr]", A, A + 1) + ") + " + sext(pin, P, A + 1) + ";");
      e.line(wire(nv, A) + ";");
      e.line(round_sat_shift("u_" + nv, su, A + 1, 0, p.s->formats.accumulator, nv));
      e.line("always @(posedge clk) if (pv_" + L + ") " + arr + "[a_addr] <= " + nv + ";");
    }
  }
}

}  // namespace

void emit_mac(Emitter& e, Design& d, const TopPlan& p) {
  emit_weight_sram(e, d, p);
  emit_mac_lanes(e, d, p);
  emit_accumulators(e, p);
}

}  // namespace circa::gen
