// The generated top: the plan (every constant, from the spec and arch), the port list, the
// composition of the parts (top_control/top_datapath/top_output/top_banks) and the memory images.
#include "gen/top.hpp"

#include "common/error.hpp"
#include "gen/top_plan.hpp"
#include "numerics/fft_double.hpp"

namespace circa::gen {

std::string n2s(int64_t v) { return std::to_string(v); }

int bits_for(int64_t max_value) {
  int b = 1;
  while (b < 62 && (int64_t{1} << b) <= max_value) ++b;
  return b;
}

int TopPlan::out_index(int t, int l) const {
  return pipelined ? rev[t * S + l] : t * S + l;  // unrolled (one beat) and iterative: natural
}

// Under this mapping an IFFT beat (bit-reversed: fixed low n-r bits, all top r bits) and an
// output beat (natural: fixed top n-r bits, all low r bits) both touch every bank once. With
// S*S <= k it is low r bits ^ top r bits; with S*S > k the r-bit bank is (m[r-1:n-r],
// m[n-r-1:0] ^ m[n-1:r]): the middle bits vary in both beats and pass through.
int TopPlan::bank_of(int m) const {
  return beats == 1 ? m : (m & (S - 1)) ^ (m >> bank_shift());
}
int TopPlan::bank_shift() const { return std::max(r, n - r); }
int TopPlan::row_of(int m) const { return beats == 1 ? 0 : m >> r; }

int TopPlan::word_of_bin(int b, bool* in_im) const {
  *in_im = packed && b == k / 2;  // packed_real: bin k/2 is word 0's second real
  return *in_im ? 0 : b;
}

int top_max_q(const AcceleratorSpec& s) {
  // The activation buffer holds a layer's input and its output (double buffered), half each.
  return std::max(1, int(int64_t{s.activation_buffer.capacity_kib} * 8192 / 2 / (int64_t{s.block_size} * s.formats.input.bits)));
}
int top_max_p(const AcceleratorSpec& s) {
  return std::max(1, int(int64_t{s.activation_buffer.capacity_kib} * 8192 / 2 / (int64_t{s.block_size} * s.formats.output.bits)));
}

int64_t top_weight_rows(const AcceleratorSpec& s) {
  return make_top_plan(s, "fwd", "inv").w_rows;
}

int top_weight_stream_depth(const AcceleratorSpec& s) {
  const int ic = arch::mac_timing(s, s.block_size).issue_cycles;
  int d = 2;
  while (d < 2 * ic) d *= 2;
  return d;
}

int64_t top_layer_weight_rows(const AcceleratorSpec& s, int p, int q) {
  const arch::MacTiming m = arch::mac_timing(s, s.block_size);
  return int64_t{(p + m.parallel_blocks - 1) / m.parallel_blocks} * q * m.issue_cycles;
}

/// Banks side by side that hold one weight row (mac.lanes weight words), rounded up to a power of
/// two so that rows interleave over banks / row_banks groups (the spare banks' bits are padding).
int row_banks(const AcceleratorSpec& s) {
  const arch::MacTiming m = arch::mac_timing(s, s.block_size);
  const int words = (s.mac.lanes * m.weight_bits + s.weight_sram.word_bits - 1) / s.weight_sram.word_bits;
  int nb = 1;
  while (nb < words) nb *= 2;
  return nb;
}

std::string top_unsupported(const AcceleratorSpec& s) {
  const int k = s.block_size;
  const arch::MacTiming m = arch::mac_timing(s, k);
  const SramSpec& w = s.weight_sram;
  if (k < 4) return "block_size < 4";
  if (row_banks(s) > w.banks)
    return "a weight row (" + n2s(s.mac.lanes) + " lanes x " + n2s(m.weight_bits) + " bits) is wider than all " + n2s(w.banks) +
           " weight-SRAM banks of " + n2s(w.word_bits) + " bits together, and the top reads one row per cycle (the schedule's "
           "port-limited issues are not generated): raise weight_sram.banks or word_bits, or lower mac.lanes";
  return "";
}

TopPlan make_top_plan(const AcceleratorSpec& s, const std::string& fwd, const std::string& inv) {
  const std::string why = top_unsupported(s);
  if (!why.empty()) throw ConfigError("no generated top for " + s.name + ": " + why);
  TopPlan p;
  p.s = &s;
  p.k = s.block_size;
  p.n = arch::log2_exact(p.k);
  p.S = std::min(s.fft.samples_per_cycle, p.k);
  p.r = arch::log2_exact(p.S);
  p.beats = p.k / p.S;
  p.T = p.n - p.r;
  p.rev = num::bit_reverse_table(p.k);
  p.fft = arch::fft_timing(s, p.k);
  p.mac = arch::mac_timing(s, p.k);
  CIRCA_CHECK(p.fft.beats == p.beats && p.fft.ii >= p.beats, "FFT timing");
  p.P = p.mac.parallel_blocks;
  p.slots = p.mac.slots;
  p.ic = p.mac.issue_cycles;
  p.lanes = s.mac.lanes;
  p.B = s.mac.accumulator_banks;
  p.packed = s.weight_sram.layout == SpectrumLayout::packed_real;
  p.pipelined = s.fft.style == FftStyle::pipelined;
  p.unrolled = s.fft.style == FftStyle::unrolled;
  p.gap = p.fft.ii - p.beats;
  p.shared = fwd == inv;
  p.q_max = top_max_q(s);
  p.p_max = top_max_p(s);
  p.qw = bits_for(p.q_max);
  p.pw = bits_for(p.p_max);
  p.wb = p.mac.weight_bits;
  const SramSpec& w = s.weight_sram;
  p.nb = row_banks(s);
  p.groups = w.banks / p.nb;
  p.wdepth = weight_sram_depth(w);
  p.row_bits = p.nb * w.word_bits;
  p.wsd = top_weight_stream_depth(s);
  p.w_rows = p.wdepth * p.groups;
  p.fw = p.shared ? std::max(s.formats.fft.bits, s.formats.ifft.bits) : s.formats.fft.bits;
  p.iw = p.shared ? p.fw : s.formats.ifft.bits;
  p.fwd = fwd;
  p.inv = inv;
  return p;
}

namespace {

std::vector<Port> top_ports(const TopPlan& p) {
  const DatapathFormats& f = p.s->formats;
  return {{"clk", false, 1},          {"rst", false, 1},           {"start", false, 1},
          {"done", true, 1},          {"busy", true, 1},           {"cfg_p", false, p.pw},
          {"cfg_q", false, p.qw},     {"cfg_relu", false, 1},      {"cfg_bias_en", false, 1},
          {"in_valid", false, 1},     {"in_ready", true, 1},       {"in_data", false, p.S * f.input.bits},
          {"out_valid", true, 1},     {"out_ready", false, 1},     {"out_data", true, p.S * f.output.bits},
          {"w_we", false, 1},         {"w_addr", false, bits_for(p.w_rows - 1)}, {"w_data", false, p.row_bits},
          {"b_we", false, 1},         {"b_addr", false, p.pw + p.n}, {"b_data", false, f.output.bits},
          {"cfg_stream", false, 1},   {"ws_valid", false, 1},      {"ws_ready", true, 1},
          {"ws_data", false, p.row_bits}};
}

/// Wires between the parts, declared before any part uses them. Unit outputs the top does not
/// read (forward bins above k/2, the shared unit's imaginary parts in inverse mode) are waived.
void emit_cross_wires(Emitter& e, const TopPlan& p) {
  const int A = p.s->formats.accumulator.bits, fl = p.unrolled ? p.k / 2 + 1 : p.S;
  e.line("/* verilator lint_off UNUSEDSIGNAL */");
  e.line(wire("fu_ov", 1) + ", iu_ov;");
  e.line(wire("fu_re", fl * p.fw) + ", fu_im;");
  e.line(wire("iu_d", p.S * p.iw) + ";");
  e.line("/* verilator lint_on UNUSEDSIGNAL */");
  e.line(wire("if_re", (p.unrolled ? p.k / 2 + 1 : p.S) * A) + ", if_im;");
  e.line(wire("f_v", 1) + ";");
}

/// The main parameters in the name; the FFT units' names (which encode every format) and the
/// memory shapes only through a hash, to keep the name readable.
std::string top_name(const TopPlan& p) {
  const std::string rest = p.fwd + "/" + p.inv + "/" + n2s(p.q_max) + "/" + n2s(p.p_max) + "/" + n2s(p.w_rows) + "/" +
                           n2s(p.row_bits) + "/" + fmt_tag(p.s->formats.product) + fmt_tag(p.s->formats.accumulator) +
                           fmt_tag(p.s->formats.weight) + fmt_tag(p.s->formats.output) + (p.packed ? "p" : "h");
  return "circa_top_k" + n2s(p.k) + "_s" + n2s(p.S) + "_l" + n2s(p.lanes) + "_b" + n2s(p.B) + "_" +
         hex32(static_cast<uint32_t>(fnv1a64(rest))) + (p.images ? (p.weight_images ? "_img" : "_bimg") : "");
}

}  // namespace

std::string gen_top(Design& d, const AcceleratorSpec& s, const std::string& fwd, const std::string& inv,
                    const num::QuantisedLayer* layer, bool weight_images) {
  TopPlan p = make_top_plan(s, fwd, inv);
  p.images = layer != nullptr;
  p.weight_images = p.images && weight_images;
  const std::string name = top_name(p);
  const std::vector<Port> ports = top_ports(p);
  Emitter e;
  e.line("// Circa top: one block-circulant product per start, scheduled as sim/arch/SCHEDULE.md (T cycles");
  e.line("// from start to done). k = " + n2s(p.k) + ", " + n2s(p.S) + " samples/beat, FFT latency " + n2s(p.fft.latency) + " ii " +
         n2s(p.fft.ii) + ", " + n2s(p.lanes) + " MAC lanes (" + n2s(p.P) + " block(s) x " + n2s(p.slots) + " words in " + n2s(p.ic) +
         " cycle(s)), " + n2s(p.B) + " accumulator bank(s); layers up to p = " + n2s(p.p_max) + ", q = " + n2s(p.q_max) + ".");
  e.open("module " + name + " (");
  for (const auto& l : port_lines(ports)) e.line(l);
  e.close(");");
  e.open("");
  emit_cross_wires(e, p);
  emit_control(e, p);
  emit_input_and_fft(e, p);
  emit_mac(e, d, p);
  emit_ifft_and_output(e, d, p);
  e.close("endmodule");
  d.add({name, e.str(), ports, 0});
  d.set_top(name);
  if (layer != nullptr) add_top_images(d, p, *layer);
  return name;
}

}  // namespace circa::gen
