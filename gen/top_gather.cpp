// Conv in the generated top (SCHEDULE.md, "Conv in the whole-network top"): the gather that
// walks each output pixel's window over the input buffer in phase A, and the pixel walk of the
// output side (where a product's outputs go, which product is the layer's last). Activations sit
// pixel-major: input block (pixel, channel block cb) is rows (pixel * Cb + cb) * beats onward.
#include "arch/layer_program.hpp"
#include "gen/top_plan.hpp"

namespace circa::gen {

std::string bits_from(const std::string& x, int have, int lo, int want) {
  const int avail = have - lo;
  if (avail >= want) return x + "[" + n2s(lo + want - 1) + ":" + n2s(lo) + "]";
  return zext(x + "[" + n2s(have - 1) + ":" + n2s(lo) + "]", avail, want);
}

namespace {

/// Bit 0 of the `width`-bit signal x: a 1-bit signal is a scalar, which takes no select.
std::string bit0(const std::string& x, int width) {
  return width > 1 ? x + "[0]" : x;
}

/// The low `want` bits of the `have`-bit signal x (zero-extended when it has fewer): a 1-bit
/// signal is a scalar, which takes no select.
std::string low_bits(const std::string& x, int have, int want) {
  if (have == 1) return zext(x, 1, want);
  return bits_from(x, have, 0, want);
}

}  // namespace

void emit_pixel_step(Body& b, const TopPlan& p, const std::string& pre, const std::string& step,
                     const std::string& stride, bool window_order) {
  Emitter& e = b.out();
  const int sz = p.desc.size, cw = std::max(sz, 5) + 1;
  const std::string x = pre + "_ox", y = pre + "_oy", xs = pre + "_oxs", ys = pre + "_oys";
  const std::string x_end = pre + "_ox_end", y_end = pre + "_oy_end", one = literal(1, sz);
  const bool scaled = !stride.empty();
  auto move = [&](const std::string& c, const std::string& cs, const char* op) {
    return c + " <= " + c + " " + op + " " + one + ";" +
           (scaled ? " " + cs + " <= " + cs + " " + op + " " + stride + ";" : "");
  };
  auto zero = [&](const std::string& c, const std::string& cs) {
    return c + " <= " + literal(0, sz) + ";" +
           (scaled ? " " + cs + " <= " + literal(0, cw) + ";" : "");
  };
  const std::string next_row =
      "if (" + y_end + ") begin " + zero(y, ys) + " end else begin " + move(y, ys, "+") + " end";
  const std::string wrap = zero(x, xs) + " " + zero(y, ys);
  e.open("always @(posedge clk) begin");
  e.open("if (rst) begin");
  e.line(wrap);
  if (!window_order) {
    e.mid("end else if (" + step + ") begin");
    e.line("if (!" + x_end + ") begin " + move(x, xs, "+") + " end else begin " + zero(x, xs) +
           " " + next_row + " end");
    e.close("end");
    e.close("end");
    return;
  }
  e.mid("end else if (" + step + " && cfg_pool) begin  // (0,0) (0,1) (1,0) (1,1) of a window");
  // An odd width's last column is a window (0,0) (1,0); an odd height's last row walks on.
  e.open("case ({" + bit0(y, sz) + ", " + bit0(x, sz) + "})");
  e.line("2'b00: if (!" + x_end + ") begin " + move(x, xs, "+") + " end else if (!" + y_end +
         ") begin " + move(y, ys, "+") + " end else begin " + wrap + " end");
  e.line("2'b01: if (!" + y_end + ") begin " + move(x, xs, "-") + " " + move(y, ys, "+") +
         " end else if (!" + x_end + ") begin " + move(x, xs, "+") + " end else begin " + wrap +
         " end");
  e.line("2'b10: if (!" + x_end + ") begin " + move(x, xs, "+") + " end else begin " + zero(x, xs) +
         " " + next_row + " end");
  e.line("2'b11: if (!" + x_end + ") begin " + move(x, xs, "+") + " " + move(y, ys, "-") +
         " end else begin " + zero(x, xs) + " " + next_row + " end");
  e.close("endcase");
  e.mid("end else if (" + step + ") begin");
  e.line("if (!" + x_end + ") begin " + move(x, xs, "+") + " end else begin " + zero(x, xs) + " " +
         next_row + " end");
  e.close("end");
  e.close("end");
}

namespace {

/// Read side: tap (u, v) row-major, then channel block cb, as CirCNN's gather orders an output
/// pixel's input blocks (numerics/conv_gather.hpp); then the next output pixel.
void emit_window_walk(Body& b, const TopPlan& p) {
  Emitter& e = b.out();
  const int sz = p.desc.size, sm = arch::kConvSmallBits, qb = p.q_bits;
  const int cw = std::max(sz, 5) + 1;  // a padded coordinate: up to size + 2 * padding
  e.blank().line(
      "// ---- conv gather: output pixel (oy, ox) reads tap (u, v), channel block cb at input "
      "pixel (oy*stride + u - pad, ox*stride + v - pad); off the image it reads zeros ----");
  b.regs({"g_u", "g_v"}, sm);
  b.reg("g_cb", qb);
  b.regs({"g_ox", "g_oy"}, sz);
  b.regs({"g_oxs", "g_oys"}, cw);  // ox * stride, oy * stride
  b.wire("g_cb_end", 1, "g_cb == cfg_cb - " + literal(1, qb));
  b.wire("g_v_end", 1, "g_v == cfg_kernel - " + literal(1, sm));
  b.wire("g_u_end", 1, "g_u == cfg_kernel - " + literal(1, sm));
  b.wire("g_ox_end", 1, "g_ox == cfg_out_width - " + literal(1, sz));
  b.wire("g_oy_end", 1, "g_oy == cfg_out_height - " + literal(1, sz));
  b.wire("g_step", 1, "cfg_conv && " + net::phase_a_block_end);
  b.wire("g_pixel_end", 1, "g_step && g_cb_end && g_v_end && g_u_end",
         "the pixel's last input row is read: on to the next pixel (wraps to 0 after the last)");
  const std::string stride = zext("cfg_stride", sm, cw);
  e.open("always @(posedge clk) begin");
  e.open("if (rst) begin");
  e.line("g_u <= " + literal(0, sm) + "; g_v <= " + literal(0, sm) + "; g_cb <= " + literal(0, qb) +
         ";");
  e.mid("end else if (g_step) begin");
  e.line("g_cb <= g_cb_end ? " + literal(0, qb) + " : g_cb + " + literal(1, qb) + ";");
  e.line("if (g_cb_end) g_v <= g_v_end ? " + literal(0, sm) + " : g_v + " + literal(1, sm) + ";");
  e.line("if (g_cb_end && g_v_end) g_u <= g_u_end ? " + literal(0, sm) + " : g_u + " +
         literal(1, sm) + ";");
  e.close("end");
  e.close("end");
  emit_pixel_step(b, p, "g", "g_pixel_end", stride, true);

  // Coordinates padded by `pad` stay unsigned: the tap is on the image when pad <= c < size + pad.
  const std::string pad = zext("cfg_padding", sm, cw);
  b.wire("g_iyp", cw, "g_oys + " + zext("g_u", sm, cw));
  b.wire("g_ixp", cw, "g_oxs + " + zext("g_v", sm, cw));
  e.line("assign " + net::gather_pad + " = g_iyp < " + pad +
         " || g_iyp >= " + zext("cfg_in_height", sz, cw) + " + " + pad + " || g_ixp < " + pad +
         " || g_ixp >= " + zext("cfg_in_width", sz, cw) + " + " + pad + ";");
  // The read address ((iy * W + ix) * Cb + cb) without a multiply between the walk's registers
  // and the buffer: in the padded frame it is g_pix + g_tap - g_off, where g_tap = (u W + v) Cb +
  // cb steps by adds with the walk, g_pix = oys W Cb + oxs Cb is registered from the pixel
  // counters (which step at a pixel's last read, at least two cycles before the next product's
  // first: its FFT, MAC and IFFT lie between), and g_wcb = W Cb, g_off = pad (W + 1) Cb are
  // registered from the layer's descriptor. All of it modulo the address width, so it equals
  // the product form on every tap on the image. At a layer's start the walk is at pixel (0, 0),
  // tap (0, 0, 0): g_pix = g_tap = 0 whatever the constants, a tap past g_wcb's first use (a u
  // step) is at least one cycle in, and a tap on the image past g_off's at least two (with
  // padding, tap (pad, pad) is the first on it; without, g_off is not used).
  const int tb = p.log2_beats, ia = bits_for(int64_t{p.q_max} * p.beats), ab = ia - tb;
  const std::string cb = low_bits("cfg_cb", qb, ab);
  b.reg("g_wcb", ab, "W x Cb: an input row's blocks, registered from the descriptor");
  b.reg("g_off", ab, "pad x (W + 1) x Cb: the padded frame's offset, registered");
  b.reg("g_pix", ab, "oys x W x Cb + oxs x Cb: the window origin's block (padded frame)");
  b.regs({"g_ub", "g_tap"}, ab);  // u x W x Cb; (u x W + v) x Cb + cb
  e.open("always @(posedge clk) begin");
  e.line("g_wcb <= " + low_bits("cfg_in_width", sz, ab) + " * " + cb + ";");
  e.line("g_off <= " + low_bits("cfg_padding", sm, ab) + " * (g_wcb + " + cb + ");");
  e.line("g_pix <= " + low_bits("g_oys", cw, ab) + " * g_wcb + " + low_bits("g_oxs", cw, ab) +
         " * " + cb + ";");
  e.close("end");
  const std::string zero = literal(0, ab);
  e.open("always @(posedge clk) begin");
  e.line("if (rst) begin g_ub <= " + zero + "; g_tap <= " + zero + "; end");
  e.line("else if (g_step && !(g_cb_end && g_v_end)) g_tap <= g_tap + " + literal(1, ab) +
         ";  // the next channel block, or column");
  e.line("else if (g_step && !g_u_end) begin g_ub <= g_ub + g_wcb; g_tap <= g_ub + g_wcb; end");
  e.line("else if (g_step) begin g_ub <= " + zero + "; g_tap <= " + zero + "; end");
  e.close("end");
  b.wire("g_block", ab,
         "g_pix + g_tap - (cfg_padding == " + literal(0, sm) + " ? " + zero + " : g_off)");
  e.line("assign " + net::gather_addr + " = " +
         (tb > 0 ? "{g_block, " + net::phase_a_row + "[" + n2s(tb - 1) + ":0]}" : "g_block") + ";");
}

/// Write side: product n's outputs go to rows out_base = (cfg_out_base + n * p) * beats onward
/// (pooling: window n / 4's; reuse, row-major: an even row's pixels write their windows, the odd
/// row after pools into the same ones); out_base after the last product ends the rows the layer
/// wrote, which the drain reads from the region's first.
void emit_pixel_walk(Body& b, const TopPlan& p) {
  Emitter& e = b.out();
  const int sz = p.desc.size, aw = p.p_bits + p.log2_beats;
  e.blank().line("// conv: the pixel whose outputs are written, and where they go");
  b.regs({"w_ox", "w_oy"}, sz);
  b.wire("w_ox_end", 1, "w_ox == cfg_out_width - " + literal(1, sz));
  b.wire("w_oy_end", 1, "w_oy == cfg_out_height - " + literal(1, sz));
  e.line("assign " + net::product_last + " = cfg_lstm ? " + net::lstm_last_step +
         " : !cfg_conv || (w_ox_end && w_oy_end);");
  b.wire("product_end", 1, net::running + " && " + net::done_now);
  emit_pixel_step(b, p, "w", "product_end && cfg_conv", "", !p.reuse);
  e.line(
      "// pooling: a window's first pixel writes its outputs, the other three their max with "
      "what is there");
  const std::string x0 = bit0("w_ox", sz), y0 = bit0("w_oy", sz), at = "{" + y0 + ", " + x0 + "}";
  e.line("assign " + net::pool_first + " = !cfg_pool || " + at + " == 2'b00;");
  e.line("assign " + net::pool_drop + " = cfg_pool && ((w_ox_end && !" + x0 +
         ") || (w_oy_end && !" + y0 + "));  // odd last column, row");
  if (!p.reuse) b.wire("pool_window_end", 1, "!cfg_pool || " + at + " == 2'b11");
  // lstm: h_t's rows (the hidden blocks) a step; the gates go to their own region
  const std::string blocks = "(cfg_lstm ? " + net::lstm_hidden_blocks + " : cfg_p)";
  const std::string rows =
      p.log2_beats > 0 ? "{" + blocks + ", " + n2s(p.log2_beats) + "'h0}" : blocks;
  if (!p.reuse) {
    e.line("always @(posedge clk) if (rst) " + net::out_base + " <= " + literal(0, aw) +
           "; else if (" + net::layer_start + ") " + net::out_base +
           " <= cfg_out_base_row; else if (product_end && pool_window_end) " + net::out_base +
           " <= " + net::out_base + " + " + rows + ";");
    return;
  }
  const std::string& ob = net::out_base;
  b.reg("pool_row_base", aw, "row-major pooling: the first window of the pooled row");
  b.wire("pool_next", aw, x0 + " ? " + ob + " + " + rows + " : " + ob,
         "past the window an odd column ends");
  e.open("always @(posedge clk) begin");
  e.line("if (rst) " + ob + " <= " + literal(0, aw) + ";");
  e.line("else if (" + net::layer_start + ") begin " + ob +
         " <= cfg_out_base_row; pool_row_base <= cfg_out_base_row; end");
  e.line("else if (product_end && cfg_pool && !w_ox_end) " + ob + " <= pool_next;");
  e.line("else if (product_end && cfg_pool && !" + y0 + ") " + ob +
         " <= pool_row_base;  // the odd row pools into the same windows");
  e.line("else if (product_end && cfg_pool) begin " + ob +
         " <= pool_next; pool_row_base <= " + "pool_next; end");
  e.line("else if (product_end) " + ob + " <= " + ob + " + " + rows + ";");
  e.close("end");
}

/// Channel blocks of a conv layer's input pixel: ceil(in_channels / k).
void emit_channel_blocks(Body& b, const TopPlan& p) {
  const int fw = p.in_features_bits, n = p.log2_block;
  b.out().line(
      "/* verilator lint_off UNUSEDSIGNAL */  // channels rounded up: only the block count");
  b.wire("g_chan_up", fw + 1,
         zext("cfg_in_features", fw, fw + 1) + " + " + literal(p.block_size - 1, fw + 1));
  b.out().line("/* verilator lint_on UNUSEDSIGNAL */");
  b.wire("cfg_cb", p.q_bits, bits_from("g_chan_up", fw + 1, n, p.q_bits),
         "channel blocks of a pixel");
}

}  // namespace

void emit_gather(Body& b, const TopPlan& p) {
  b.wire(net::gather_pad, 1);
  b.wire(net::pool_first, 1);
  b.wire(net::pool_drop, 1);
  b.reg(net::out_base, p.p_bits + p.log2_beats, "first output row of the running product");
  emit_channel_blocks(b, p);
  if (!p.reuse) emit_window_walk(b, p);  // else the row fills' reads (top_reuse.cpp)
  emit_pixel_walk(b, p);
}

}  // namespace circa::gen
