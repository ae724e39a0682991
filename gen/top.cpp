// The generated top: the plan (every constant, from the spec and arch), the port list, the
// composition of the parts (top_control/top_datapath/top_output/top_banks) and the memory images.
#include "gen/top.hpp"

#include <algorithm>

#include "arch/layer_program.hpp"
#include "common/error.hpp"
#include "gen/top_plan.hpp"
#include "numerics/fft_double.hpp"

namespace circa::gen {

std::string n2s(int64_t v) {
  return std::to_string(v);
}

std::string zext(const std::string& x, int w, int to) {
  return to == w ? x : "{" + n2s(to - w) + "'h0, " + x + "}";
}

int bits_for(int64_t max_value) {
  return arch::bits_to_hold(max_value);
}

int TopPlan::out_index(int t, int l) const {
  const int i = t * samples_per_beat + l;
  return pipelined ? bit_reverse[i] : i;  // unrolled (one beat) and iterative: natural
}

// Under this mapping an IFFT beat (bit-reversed: fixed low n-r bits, all top r bits) and an
// output beat (natural: fixed top n-r bits, all low r bits) both touch every bank once. With
// S*S <= k it is low r bits ^ top r bits; with S*S > k the r-bit bank is (m[r-1:n-r],
// m[n-r-1:0] ^ m[n-1:r]): the middle bits vary in both beats and pass through.
int TopPlan::bank_of(int m) const {
  return beats == 1 ? m : (m & (samples_per_beat - 1)) ^ (m >> bank_shift());
}
int TopPlan::bank_shift() const {
  return std::max(log2_samples, log2_block - log2_samples);
}
int TopPlan::row_of(int m) const {
  return beats == 1 ? 0 : m >> log2_samples;
}

int TopPlan::word_of_bin(int b, bool* in_im) const {
  *in_im = packed && b == block_size / 2;  // packed_real: bin k/2 is word 0's second real
  return *in_im ? 0 : b;
}

std::string top_unsupported(const AcceleratorSpec& s) {
  const int k = s.block_size;
  const arch::MacTiming m = arch::mac_timing(s, k);
  const SramSpec& w = s.weight_sram;
  if (k < 4) return "block_size < 4";
  if (!arch::memory_map(s).weight_rows.row_fits)
    return "a weight row (" + n2s(s.mac.lanes) + " lanes x " + n2s(m.weight_bits) +
           " bits) is wider than all " + n2s(w.banks) + " weight-SRAM banks of " +
           n2s(w.word_bits) +
           " bits together, and the top reads one row per cycle (the schedule's "
           "port-limited issues are not generated): raise weight_sram.banks or word_bits, or lower "
           "mac.lanes";
  return "";
}

TopPlan make_top_plan(const AcceleratorSpec& s, const std::string& fwd, const std::string& inv) {
  const std::string why = top_unsupported(s);
  if (!why.empty()) throw ConfigError("no generated top for " + s.name + ": " + why);
  TopPlan p;
  p.spec = &s;
  p.block_size = s.block_size;
  p.log2_block = arch::log2_exact(p.block_size);
  p.samples_per_beat = std::min(s.fft.samples_per_cycle, p.block_size);
  p.log2_samples = arch::log2_exact(p.samples_per_beat);
  p.beats = p.block_size / p.samples_per_beat;
  p.log2_beats = p.log2_block - p.log2_samples;
  p.bit_reverse = num::bit_reverse_table(p.block_size);
  p.fft = arch::fft_timing(s, p.block_size);
  p.mac = arch::mac_timing(s, p.block_size);
  CIRCA_CHECK(p.fft.beats == p.beats && p.fft.ii >= p.beats, "FFT timing");
  p.parallel_blocks = p.mac.parallel_blocks;
  p.block_words = p.mac.slots;
  p.issue_cycles = p.mac.issue_cycles;
  p.mac_lanes = s.mac.lanes;
  p.accumulator_banks = s.mac.accumulator_banks;
  p.packed = s.weight_sram.layout == SpectrumLayout::packed_real;
  p.pipelined = s.fft.style == FftStyle::pipelined;
  p.unrolled = s.fft.style == FftStyle::unrolled;
  p.fft_gap = p.fft.ii - p.beats;
  p.shared_fft = fwd == inv;
  p.memory = arch::memory_map(s);
  p.q_max = p.memory.max_q;
  p.p_max = p.memory.max_p;
  p.desc = arch::descriptor_bits(s);
  p.q_bits = p.desc.q;
  p.p_bits = p.desc.p;
  p.weight_word_bits = p.mac.weight_bits;
  p.max_layers = s.controller.max_layers;
  p.layer_bits = bits_for(p.max_layers - 1);
  p.cfg_addr_bits = p.layer_bits + arch::log2_exact(arch::kDescriptorWords);
  p.in_features_bits = p.desc.in_features;
  p.bias_block_bits = p.desc.bias_base;
  p.fft_out_bits =
      p.shared_fft ? std::max(s.formats.fft.bits, s.formats.ifft.bits) : s.formats.fft.bits;
  p.ifft_out_bits = p.shared_fft ? p.fft_out_bits : s.formats.ifft.bits;
  p.fft_module = fwd;
  p.ifft_module = inv;
  p.lstm = arch::lstm_cell_fits(s.formats.output);
  p.reuse = s.controller.conv_dataflow == ConvDataflow::reuse;
  return p;
}

namespace {

std::vector<Port> top_ports(const TopPlan& p) {
  const DatapathFormats& f = p.spec->formats;
  return {{"clk", false, 1},
          {"rst", false, 1},
          {"start", false, 1},
          {"done", true, 1},
          {"busy", true, 1},
          {"cfg_we", false, 1},
          {"cfg_addr", false, p.cfg_addr_bits},
          {"cfg_data", false, arch::kCfgDataBits},
          {"in_valid", false, 1},
          {"in_ready", true, 1},
          {"in_data", false, p.samples_per_beat * f.input.bits},
          {"out_valid", true, 1},
          {"out_ready", false, 1},
          {"out_data", true, p.samples_per_beat * f.output.bits},
          {"w_we", false, 1},
          {"w_addr", false, bits_for(p.memory.weight_rows.rows - 1)},
          {"w_data", false, p.memory.weight_rows.row_bits},
          {"b_we", false, 1},
          {"b_addr", false, p.bias_block_bits + p.log2_block},
          {"b_data", false, f.output.bits},
          {"ws_valid", false, 1},
          {"ws_ready", true, 1},
          {"ws_data", false, p.memory.weight_rows.row_bits},
          {"ws_req_valid", true, 1},
          {"ws_req_ready", false, 1},
          {"ws_req_addr", true, arch::kCfgDataBits}};
}

/// Wires between the parts, declared before any part uses them. Unit outputs the top does not
/// read (forward bins above k/2, the shared unit's imaginary parts in inverse mode) are waived.
void emit_cross_wires(Body& b, const TopPlan& p) {
  const int acc_bits = p.spec->formats.accumulator.bits;
  const int bins = p.unrolled ? p.block_size / 2 + 1 : p.samples_per_beat;  // per unit beat
  b.out().line("/* verilator lint_off UNUSEDSIGNAL */");
  b.wires({net::fft_out_valid, net::ifft_out_valid}, 1);
  b.wires({net::fft_out_re, net::fft_out_im}, bins * p.fft_out_bits);
  b.wire(net::ifft_out_data, p.samples_per_beat * p.ifft_out_bits);
  b.out().line("/* verilator lint_on UNUSEDSIGNAL */");
  b.wires({net::ifft_in_re, net::ifft_in_im}, bins * acc_bits);
  b.wire(net::ifft_feed_valid, 1);
  b.wire(net::act_row, p.samples_per_beat * p.spec->formats.input.bits);
}

/// The main parameters in the name; the FFT units' names (which encode every format) and the
/// memory shapes only through a hash, to keep the name readable.
std::string top_name(const TopPlan& p) {
  const std::string rest =
      p.fft_module + "/" + p.ifft_module + "/" + n2s(p.q_max) + "/" + n2s(p.p_max) + "/" +
      n2s(p.memory.weight_rows.rows) + "/" + n2s(p.memory.weight_rows.row_bits) + "/" +
      n2s(p.memory.weight_stream_fifo.depth) + "/" + n2s(p.max_layers) + "/" +
      n2s(p.memory.max_bias_blocks) + "/" + fmt_tag(p.spec->formats.product) +
      fmt_tag(p.spec->formats.accumulator) + fmt_tag(p.spec->formats.weight) +
      fmt_tag(p.spec->formats.output) + (p.packed ? "p" : "h") + (p.reuse ? "/reuse" : "");
  return "circa_top_k" + n2s(p.block_size) + "_s" + n2s(p.samples_per_beat) + "_l" +
         n2s(p.mac_lanes) + "_b" + n2s(p.accumulator_banks) + "_" +
         hex32(static_cast<uint32_t>(fnv1a64(rest))) +
         (p.images ? (p.weight_images ? "_img" : "_bimg") : "");
}

}  // namespace

std::string gen_top(Design& d, const AcceleratorSpec& s, const std::string& fwd,
                    const std::string& inv, const NetworkImage* net, const Faults& faults) {
  TopPlan p = make_top_plan(s, fwd, inv);
  p.faults = faults;
  p.images = net != nullptr;
  p.weight_images = p.images && std::any_of(net->program.begin(), net->program.end(),
                                            [](const arch::LayerDescriptor& l) { return !l.stream; });
  const std::string name = top_name(p);
  const std::vector<Port> ports = top_ports(p);
  Emitter e;
  e.line(
      "// Circa top: the layer program's whole network (fc, conv, lstm) per start, scheduled as");
  e.line("// sim/arch/SCHEDULE.md. k = " + n2s(p.block_size) + ", " + n2s(p.samples_per_beat) +
         " samples/beat, FFT latency " + n2s(p.fft.latency) + " ii " + n2s(p.fft.ii) + ", " +
         n2s(p.mac_lanes) + " MAC lanes (" + n2s(p.parallel_blocks) + " block(s) x " +
         n2s(p.block_words) + " words in " + n2s(p.issue_cycles) + " cycle(s)), " +
         n2s(p.accumulator_banks) + " accumulator bank(s); layers up to p = " + n2s(p.p_max) +
         ", q = " + n2s(p.q_max) + ".");
  e.open("module " + name + " (");
  for (const auto& l : port_lines(ports)) e.line(l);
  e.close(");");
  e.open("");
  Body b(e, name, ports);
  emit_cross_wires(b, p);
  emit_layer_table(b, p);
  declare_lstm_nets(b, p);
  emit_control(b, p);
  emit_input_and_fft(b, d, p);
  emit_mac(b, d, p);
  emit_ifft_and_output(b, d, p);
  emit_lstm(b, d, p);
  e.close("endmodule");
  d.add({name, e.str(), ports, 0});
  d.set_top(name);
  if (net != nullptr) add_top_images(d, p, *net);
  return name;
}

}  // namespace circa::gen
