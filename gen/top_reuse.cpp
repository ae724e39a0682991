// The spectrum-reuse conv dataflow in the generated top (controller.conv_dataflow: reuse;
// SCHEDULE.md "Conv with spectrum reuse"). Products run row-major. Before an output row's first
// product a row fill transforms the input rows its windows cover that no earlier fill did: one
// contiguous run of the pixel-major input, phase A over its blocks. The spectra go to the
// spectrum buffer used as a ring of min(K, H) input rows (the line buffer). Each product's MAC
// then walks its window's on-image taps only, reading their spectra from the ring. The MAC's
// pixel (m_*) steps when a product's last group issues, so the next product's first tap is known
// in the cycle it starts.
#include <algorithm>

#include "arch/layer_program.hpp"
#include "gen/top_plan.hpp"

namespace circa::gen {

void declare_reuse_nets(Body& b, const TopPlan& p) {
  if (!p.reuse) {
    b.wire(net::reuse_go, 1, "1'b0", "no conv_dataflow: reuse in this top");
    return;
  }
  b.wire(net::reuse_go, 1);
  b.reg(net::fill_blocks, p.q_bits, "blocks of the running row fill (0: the product has none)");
  b.wires({net::spectrum_waddr, net::spectrum_raddr, net::mac_j}, p.q_bits);
  b.wires({net::mac_first_block, net::mac_last_block}, 1);
  b.wire("rq_j", p.q_bits);  // the requester's walk (emit_reuse)
  b.wire("rq_last", 1);
  b.wire(net::stream_start, 1);
}

namespace {

std::string max_of(const std::string& a, const std::string& b) {
  return "(" + a + " > " + b + " ? " + a + " : " + b + ")";
}
std::string min_of(const std::string& a, const std::string& b) {
  return "(" + a + " < " + b + " ? " + a + " : " + b + ")";
}

/// Widths of the reuse logic: padded row and column coordinates (as the gather's), taps.
struct ReuseWidths {
  int sz, sm, cw, qb, tw;
  explicit ReuseWidths(const TopPlan& p)
      : sz(p.desc.size),
        sm(arch::kConvSmallBits),
        cw(std::max(p.desc.size, 5) + 1),
        qb(p.q_bits),
        tw(std::max(std::max(p.desc.size, 5) + 1, 2 * arch::kConvSmallBits)) {}
};

/// The MAC's pixel and the layer's constants the fill and the walk share.
void emit_reuse_pixel(Body& b, const TopPlan& p, const ReuseWidths& w) {
  Emitter& e = b.out();
  e.blank().line(
      "// ---- reuse: the MAC's output pixel, row-major; it steps when a product's last group "
      "issues ----");
  b.regs({"m_ox", "m_oy"}, w.sz);
  b.regs({"m_oxs", "m_oys"}, w.cw);  // ox * stride, oy * stride: padded window origin
  b.wire("m_ox_end", 1, "m_ox == cfg_out_width - " + literal(1, w.sz));
  b.wire("m_oy_end", 1, "m_oy == cfg_out_height - " + literal(1, w.sz));
  emit_pixel_step(b, p, "m", net::mac_prod_end + " && cfg_conv", zext("cfg_stride", w.sm, w.cw),
                  false);
  b.wire("m_layer_end", 1, net::mac_prod_end + " && cfg_conv && m_ox_end && m_oy_end",
         "the conv layer's last product has issued: the ring starts over");
  b.wire("r_pad", w.cw, zext("cfg_padding", w.sm, w.cw));
  b.wire("r_kernel", w.cw, zext("cfg_kernel", w.sm, w.cw));
  b.wire("r_height_end", w.cw, zext("cfg_in_height", w.sz, w.cw) + " + r_pad",
         "one past the image's last padded row");
  b.wire("r_width_end", w.cw, zext("cfg_in_width", w.sz, w.cw) + " + r_pad");
  b.wire("r_ring_rows", w.cw, min_of("r_kernel", zext("cfg_in_height", w.sz, w.cw)),
         "Kh = min(K, H) input rows in the ring");
  b.wire("row_blocks", w.qb, zext("cfg_in_width", w.sz, w.qb) + " * cfg_cb",
         "W x Cb: an input row's blocks");
  b.reg("ring_next", w.cw, "the ring row the next filled input row goes to");
  b.reg("filled_end", w.cw, "one past the last filled padded input row");
}

/// The row fill: at a row's first product, padded rows [f_lo, f_hi) are new (SCHEDULE.md's
/// fill_rows); phase A reads their blocks from block (f_lo - pad) x W x Cb on.
void emit_row_fill(Body& b, const TopPlan& p, const ReuseWidths& w) {
  Emitter& e = b.out();
  const int ia = bits_for(int64_t{p.q_max} * p.beats), tb = p.log2_beats;
  e.blank().line("// ---- reuse row fill: the rows of the row's windows past those filled ----");
  b.wire("f_lo", w.cw, max_of(max_of("m_oys", "r_pad"), "filled_end"));
  b.wire("f_hi", w.cw, min_of("m_oys + r_kernel", "r_height_end"));
  b.wire("f_has", 1, "cfg_conv && m_ox == " + literal(0, w.sz) + " && f_hi > f_lo",
         "the product is its row's first and the row has new input rows");
  e.line("assign " + net::reuse_go + " = " + net::product_start + " && cfg_conv && !f_has;");
  e.line("assign " + net::stream_start + " = (" + net::product_start +
         " && !f_has) || (cfg_conv && phase_a_last);  // a fill's product starts at its end");
  b.wire("f_rows", w.cw, "f_hi - f_lo");
  e.line("/* verilator lint_off UNUSEDSIGNAL */  // a row index below the image's height");
  b.wire("f_first_row", w.cw, "f_lo - r_pad");
  e.line("/* verilator lint_on UNUSEDSIGNAL */");
  b.wire("f_blocks", w.qb, bits_from("f_rows", w.cw, 0, w.qb) + " * row_blocks");
  b.wire("f_first", w.qb, bits_from("f_first_row", w.cw, 0, w.qb) + " * row_blocks");
  b.wire("f_ring_sum", w.cw, "ring_next + f_rows");
  b.reg("fill_base", w.qb, "first input block of the running fill");
  e.open("always @(posedge clk) begin");
  e.line("if (rst || m_layer_end) begin filled_end <= " + literal(0, w.cw) +
         "; ring_next <= " + literal(0, w.cw) + "; end");
  e.open("else if (" + net::product_start + " && f_has) begin");
  e.line("filled_end <= f_hi;");
  e.line("ring_next <= f_ring_sum >= r_ring_rows ? f_ring_sum - r_ring_rows : f_ring_sum;");
  e.close("end");
  e.line("if (" + net::product_start + ") begin " + net::fill_blocks +
         " <= f_has ? f_blocks : " + literal(0, w.qb) + "; fill_base <= f_first; end");
  e.close("end");
  b.wire("fill_base_now", w.qb, net::product_start + " ? f_first : fill_base");
  const std::string blk = bits_from("fill_base_now", w.qb, 0, ia - tb);
  e.line("assign " + net::gather_addr + " = " +
         (tb > 0 ? "{" + blk + ", " + literal(0, tb) + "}" : blk) + " + " + net::phase_a_row + ";");
  e.line("assign " + net::gather_pad + " = 1'b0;  // a fill reads only rows on the image");
  b.reg("g_cb", w.qb, "the channel block phase A reads (a fill reads whole pixels)");
  e.line("always @(posedge clk) if (rst) g_cb <= " + literal(0, w.qb) + "; else if (cfg_conv && " +
         net::phase_a_block_end + ") g_cb <= g_cb == cfg_cb - " + literal(1, w.qb) + " ? " +
         literal(0, w.qb) + " : g_cb + " + literal(1, w.qb) + ";");
  e.line("// the spectra go to the ring in fill order, wrapping at Kh x W x Cb slots");
  b.wire("ring_slots", w.qb, bits_from("r_ring_rows", w.cw, 0, w.qb) + " * row_blocks");
  b.reg("ring_wr", w.qb);
  e.line("always @(posedge clk) if (rst || m_layer_end) ring_wr <= " + literal(0, w.qb) +
         "; else if (cfg_conv && spectrum_last) ring_wr <= ring_wr == ring_slots - " +
         literal(1, w.qb) + " ? " + literal(0, w.qb) + " : ring_wr + " + literal(1, w.qb) + ";");
  e.line("assign " + net::spectrum_waddr + " = cfg_conv ? ring_wr : " + net::spectrum_wrow + ";");
}

/// The window's on-image tap bounds of the MAC pixel: rows u_lo..u_hi, columns v_lo..v_hi.
void emit_tap_bounds(Body& b, const ReuseWidths& w) {
  const int cw = w.cw;
  const std::string last_tap = "r_kernel - " + literal(1, cw);
  b.out().blank().line("// ---- reuse: the on-image taps of the MAC pixel's window ----");
  b.wire("u_lo", cw, "m_oys >= r_pad ? " + literal(0, cw) + " : r_pad - m_oys");
  b.wire("u_hi", cw, min_of(last_tap, "r_height_end - " + literal(1, cw) + " - m_oys"));
  b.wire("v_lo", cw, "m_oxs >= r_pad ? " + literal(0, cw) + " : r_pad - m_oxs");
  b.wire("v_hi", cw, min_of(last_tap, "r_width_end - " + literal(1, cw) + " - m_oxs"));
}

/// A walk over the on-image taps (u, v) row-major, channel block c within, as ascending
/// j = (u K + v) Cb + c: `<pre>_j`, `<pre>_first`, `<pre>_last` of the block it is at, which
/// `next` (the block's last use) moves on and `hold` (another cycle of it) keeps. `<pre>_fresh`
/// stands for a group's first tap (u_lo, v_lo, 0). The MAC walks it per issue, and the weight
/// stream's requester per request.
void emit_tap_walk(Body& b, const ReuseWidths& w, const std::string& pre, const std::string& next,
                   const std::string& hold, bool with_first) {
  Emitter& e = b.out();
  const int qb = w.qb, cw = w.cw, tw = w.tw, jw = tw + qb;
  auto n = [&](const char* s) { return pre + "_" + s; };
  b.regs({n("u"), n("v")}, cw);
  b.reg(n("c"), qb);
  b.reg(n("fresh"), 1, "the walk is at a group's first tap");
  b.wire(n("eu"), cw, n("fresh") + " ? u_lo : " + n("u"));
  b.wire(n("ev"), cw, n("fresh") + " ? v_lo : " + n("v"));
  b.wire(n("ec"), qb, n("fresh") + " ? " + literal(0, qb) + " : " + n("c"));
  b.wire(n("c_end"), 1, n("ec") + " == cfg_cb - " + literal(1, qb));
  b.wire(n("v_end"), 1, n("ev") + " == v_hi");
  if (with_first)
    b.wire(n("first"), 1,
           n("eu") + " == u_lo && " + n("ev") + " == v_lo && " + n("ec") + " == " + literal(0, qb));
  if (!b.has(n("last"))) b.wires({n("last")}, 1);  // the requester's are declared early
  if (!b.has(n("j"))) b.wires({n("j")}, qb);
  e.line("assign " + n("last") + " = " + n("c_end") + " && " + n("v_end") + " && " + n("eu") +
         " == u_hi;");
  e.line("/* verilator lint_off UNUSEDSIGNAL */  // products wider than a block index");
  b.wire(n("jw"), jw,
         "(" + zext(n("eu"), cw, jw) + " * " + zext("r_kernel", cw, jw) + " + " +
             zext(n("ev"), cw, jw) + ") * " + zext("cfg_cb", qb, jw) + " + " +
             zext(n("ec"), qb, jw));
  e.line("/* verilator lint_on UNUSEDSIGNAL */");
  e.line("assign " + n("j") + " = " + n("jw") + "[" + n2s(qb - 1) + ":0];");
  e.open("always @(posedge clk) begin");
  e.line("if (rst) " + n("fresh") + " <= 1'b1;");
  e.open("else if (" + next + ") begin");
  e.line(n("fresh") + " <= " + n("last") + ";");
  e.line(n("c") + " <= " + n("c_end") + " ? " + literal(0, qb) + " : " + n("ec") + " + " +
         literal(1, qb) + ";");
  e.line(n("v") + " <= " + n("c_end") + " ? (" + n("v_end") + " ? v_lo : " + n("ev") + " + " +
         literal(1, cw) + ") : " + n("ev") + ";");
  e.line(n("u") + " <= " + n("c_end") + " && " + n("v_end") + " ? " + n("eu") + " + " +
         literal(1, cw) + " : " + n("eu") + ";");
  if (!hold.empty()) {
    e.mid("end else if (" + hold + ") begin");
    e.line(n("fresh") + " <= 1'b0; " + n("u") + " <= " + n("eu") + "; " + n("v") +
           " <= " + n("ev") + "; " + n("c") + " <= " + n("ec") + ";");
  }
  e.close("end");
  e.close("end");
}

/// The MAC's walk, and where its tap's spectrum sits in the ring: tap row u's ring row counts
/// back from the last filled row (filled_end - 1, at ring row ring_next - 1).
void emit_mac_walk(Body& b, const ReuseWidths& w) {
  Emitter& e = b.out();
  const int qb = w.qb, cw = w.cw, sw = cw + w.sz + qb;
  const std::string rd = net::mac_read + " && cfg_conv";
  emit_tap_walk(b, w, "rw", rd + " && mac_cycle_end", rd, true);
  e.line("assign " + net::mac_first_block + " = cfg_conv ? rw_first : " + net::mac_block +
         " == " + literal(0, qb) + ";");
  e.line("assign " + net::mac_last_block + " = cfg_conv ? rw_last : " + net::mac_block +
         " == cfg_q - " + literal(1, qb) + ";");
  e.line("assign " + net::mac_j + " = cfg_conv ? rw_j : " + net::mac_block + ";");
  auto x = [&](const std::string& s) { return zext(s, cw, cw + 1); };
  b.wire("rr_raw", cw + 1,
         x("ring_next") + " + " + x("r_ring_rows") + " + " + x("m_oys") + " + " + x("rw_eu") +
             " - " + x("filled_end"));
  b.wire("rr", cw + 1,
         "rr_raw >= " + x("r_ring_rows") + " ? rr_raw - " + x("r_ring_rows") + " : rr_raw");
  b.wire("rw_ix", cw, "m_oxs + rw_ev - r_pad");
  e.line("/* verilator lint_off UNUSEDSIGNAL */  // products wider than a block index");
  b.wire("rw_slot", sw,
         "(" + zext("rr", cw + 1, sw) + " * " + zext("cfg_in_width", w.sz, sw) + " + " +
             zext("rw_ix", cw, sw) + ") * " + zext("cfg_cb", qb, sw) + " + " +
             zext("rw_ec", qb, sw),
         "(ring row x W + x) x Cb + c");
  e.line("/* verilator lint_on UNUSEDSIGNAL */");
  e.line("assign " + net::spectrum_raddr + " = cfg_conv ? rw_slot[" + n2s(qb - 1) +
         ":0] : " + net::mac_block + ";");
}

}  // namespace

void emit_reuse(Body& b, const TopPlan& p) {
  const ReuseWidths w(p);
  emit_reuse_pixel(b, p, w);
  emit_row_fill(b, p, w);
  emit_tap_bounds(b, w);
  emit_mac_walk(b, w);
  emit_tap_walk(b, w, "rq", "req_fire && cfg_conv", "", false);  // the weight stream's requests
}

}  // namespace circa::gen
