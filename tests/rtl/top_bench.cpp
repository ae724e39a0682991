#include "top_bench.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>

#include "arch/layer_program.hpp"
#include "arch/microarch.hpp"
#include "gen/generator.hpp"
#include "gen/run_program.hpp"
#include "gen/top.hpp"
#include "golden_vectors.hpp"
#include "common/error.hpp"
#include "numerics/fixed_point.hpp"
#include "numerics/random_data.hpp"

namespace circa::rtltest {
namespace fs = std::filesystem;

int64_t schedule_cycles(const AcceleratorSpec& s, int p, int q) {
  const arch::FftTiming f = arch::fft_timing(s, s.block_size);
  const arch::MacTiming m = arch::mac_timing(s, s.block_size);
  const int P = m.parallel_blocks, G = (p + P - 1) / P, B = s.mac.accumulator_banks;
  std::vector<int64_t> M(G), R(G), I(G), D(G), Pg(G), c(G);
  int64_t T = 0;
  for (int g = 0; g < G; ++g) {
    Pg[g] = std::min(P, p - g * P);
    c[g] = m.issue_cycles;  // a generated top's row fits its bank group: a row per cycle
    M[g] = g == 0 ? f.span(q) : M[g - 1] + q * c[g - 1];
    if (g >= B) M[g] = std::max(M[g], I[g - B] + (Pg[g - B] - 1) * f.ii + f.beats);
    R[g] = M[g] + q * c[g] + arch::kMacLatency;
    I[g] = g == 0 ? R[g] : std::max(R[g], I[g - 1] + Pg[g - 1] * f.ii);
    D[g] = I[g] + f.span(Pg[g]) + arch::kPeripheralLatency;
    T = std::max(T, D[g]);
  }
  return T;
}

namespace {

/// The layer program of a case: its one layer, weights and bias from row 0.
arch::LayerDescriptor descriptor(const TopCase& c, int p, int q) {
  arch::LayerDescriptor d;
  d.p = p, d.q = q, d.in_features = c.in_features;
  d.relu = c.relu, d.bias = c.bias, d.stream = c.stream, d.last = true;
  return d;
}

std::string hex(int64_t v, int w) { return pack_hex({{v}}, {{"v", false, w}}); }

/// The off-chip memory of a streamed case: a queue of accepted requests (row address, cycle of
/// acceptance); the head request's rows go out one per cycle, the first `latency` cycles after
/// its acceptance at the earliest. Inputs change at the falling edge, handshakes count at the
/// rising edge (as the rest of the bench).
std::string responder_text(const TopCase& c, int issue_cycles) {
  const std::string n = std::to_string(c.outstanding), last = std::to_string(c.outstanding - 1);
  std::string t = "// off-chip responder: " + n + " outstanding request(s), latency " + std::to_string(c.latency) +
                  (c.req_stalls ? ", random ws_req_ready stalls" : "") + "\n";
  t += "integer rq_addr [0:" + last + "];\ninteger rq_time [0:" + last + "];\n";
  t += "integer rq_head = 0, rq_tail = 0, rq_count = 0, rq_row = 0, rseed = " + std::to_string(c.seed + 7) + ";\n";
  t += "always @(negedge clk) begin\n  ws_req_ready <= rq_count < " + n +
       (c.req_stalls ? " && ($random(rseed) & 1) != 0" : "") + ";\n";
  t += "  ws_valid <= rq_count > 0 && cyc >= rq_time[rq_head] + " + std::to_string(c.latency) + ";\n";
  t += "  ws_data <= vw[rq_addr[rq_head] + rq_row];\nend\n";
  t += "always @(posedge clk) begin\n  if (ws_valid && ws_ready) begin\n";
  t += "    if (rq_row == " + std::to_string(issue_cycles - 1) + ") begin rq_row = 0; rq_head = (rq_head + 1) % " + n +
       "; rq_count = rq_count - 1; end\n    else rq_row = rq_row + 1;\n  end\n";
  t += "  if (ws_req_valid && ws_req_ready) begin rq_addr[rq_tail] = ws_req_addr; rq_time[rq_tail] = cyc; rq_tail = (rq_tail + 1) % " +
       n + "; rq_count = rq_count + 1; end\nend\n";
  return t;
}

std::string tb_text(const std::string& top, const std::vector<gen::Port>& ports, int nin, int nout, int nw, int nb,
                    const TopCase& c, const std::vector<arch::LayerDescriptor>& program, int issue_cycles) {
  std::string decl, conn;
  int W_in = 0, W_out = 0, W_w = 0, W_b = 0;
  for (const auto& pt : ports) {
    if (pt.name == "clk") continue;
    const std::string rng = pt.width > 1 ? "[" + std::to_string(pt.width - 1) + ":0] " : "";
    decl += (pt.output ? "wire " : "reg ") + rng + pt.name + ";\n";
    conn += std::string(conn.empty() ? "" : ", ") + "." + pt.name + "(" + pt.name + ")";
    if (pt.name == "in_data") W_in = pt.width;
    if (pt.name == "out_data") W_out = pt.width;
    if (pt.name == "w_data") W_w = pt.width;
    if (pt.name == "b_data") W_b = pt.width;
  }
  const auto arr = [](const std::string& n, int w, int d) {
    return "reg [" + std::to_string(w - 1) + ":0] " + n + " [0:" + std::to_string(std::max(d, 1) - 1) + "];\n";
  };
  std::string t = "`timescale 1ns/1ps\nmodule tb;\nreg clk = 1'b0;\nalways #5 clk = ~clk;\n" + decl +
                  arr("vin", W_in, nin) + arr("vexp", W_out, nout) + arr("vmask", W_out, nout) + arr("vw", W_w, nw) + arr("vb", W_b, nb) +
                  top + " dut (.clk(clk), " + conn + ");\n";
  t += "integer i, j, run, cyc, t0, tdone, dones, checked, errors, seed;\ninteger cycles [0:1];\n";
  if (c.stream) t += responder_text(c, issue_cycles);
  t += "always @(posedge clk) begin cyc <= cyc + 1; if (start && !busy) t0 <= cyc; if (done) begin tdone <= cyc; dones = dones + 1; end end\n";
  t += "initial begin\n  seed = " + std::to_string(c.seed) + "; cyc = 0; dones = 0; checked = 0; errors = 0;\n";
  t += "  $readmemh(\"in.hex\", vin); $readmemh(\"exp.hex\", vexp); $readmemh(\"mask.hex\", vmask);\n";
  if (nw) t += "  $readmemh(\"w.hex\", vw);\n";
  if (nb) t += "  $readmemh(\"b.hex\", vb);\n";
  t += "  rst = 1; start = 0; in_valid = 0; out_ready = 0; w_we = 0; b_we = 0; w_addr = 0; w_data = 0; b_addr = 0; b_data = 0; in_data = 0;\n";
  t += c.stream ? "  // weights from the responder\n"
                : "  ws_valid = 0; ws_data = 0; ws_req_ready = 0;  // weights from the SRAM (loaded below)\n";
  t += "  cfg_we = 0; cfg_addr = 0; cfg_data = 0;\n  repeat (3) @(negedge clk); rst = 0;\n";
  for (const arch::CfgWrite& w : arch::encode_program(program))
    t += "  @(negedge clk); cfg_we = 1; cfg_addr = " + std::to_string(w.addr) + "; cfg_data = 32'd" +
         std::to_string(w.data) + ";\n";
  t += "  @(negedge clk); cfg_we = 0;\n";
  const int nload = c.stream ? 0 : nw;  // streamed rows stay in vw for the responder
  t += "  for (i = 0; i < " + std::to_string(nload) + "; i = i + 1) begin @(negedge clk); w_we = 1; w_addr = i; w_data = vw[i]; end\n";
  t += "  for (i = 0; i < " + std::to_string(nb) + "; i = i + 1) begin @(negedge clk); w_we = 0; b_we = 1; b_addr = i; b_data = vb[i]; end\n";
  t += "  @(negedge clk); w_we = 0; b_we = 0;\n";
  // The input stream, with random gaps: a beat counts only when in_valid && in_ready at the edge.
  t += "  i = 0;\n  while (i < " + std::to_string(nin) + ") begin\n    @(negedge clk); in_valid = ($random(seed) & 3) != 0; in_data = vin[i];\n"
       "    @(posedge clk); if (in_valid && in_ready) i = i + 1;\n  end\n  @(negedge clk); in_valid = 0;\n";
  t += "  for (run = 0; run < 2; run = run + 1) begin\n    @(negedge clk); start = 1; @(negedge clk); start = 0;\n";
  // The edge that samples done records tdone; read it after that edge.
  t += "    wait (done); @(posedge clk); #1; cycles[run] = tdone - t0;\n    j = 0;\n";
  t += "    while (j < " + std::to_string(nout) + ") begin\n      @(negedge clk); out_ready = ($random(seed) & 3) != 0;\n"
       "      @(posedge clk); if (out_valid && out_ready) begin\n";
  t += "        checked = checked + 1;\n        if ((out_data & vmask[j]) !== (vexp[j] & vmask[j])) begin errors = errors + 1;\n"
       "          if (errors <= 5) $display(\"MISMATCH run %0d beat %0d: got %h expected %h\", run, j, out_data, vexp[j]); end\n"
       "        j = j + 1;\n      end\n    end\n    @(negedge clk); out_ready = 0;\n    repeat (3) @(negedge clk);\n  end\n";
  t += "  if (out_valid || busy || dones != 2) errors = errors + 1000;\n";
  t += "  $display(\"CIRCA_TB checked=%0d mismatches=%0d cycles=%0d cycles2=%0d\", checked, errors, cycles[0], cycles[1]);\n  $finish;\nend\n";
  t += "initial begin #(" + std::to_string(2000000) + "); $display(\"TIMEOUT\"); $finish; end\nendmodule\n";
  return t;
}

void write(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }

/// Input: q*k samples (zero-padded), S per beat. Output: p*k codes, padding rows masked. With
/// load ports: the weight rows and p*k bias codes (zero beyond the layer's rows); streamed: the
/// weight rows the responder returns.
void write_vectors(const std::string& dir, const AcceleratorSpec& s, const LayerGeometry& g, const TopCase& c,
                   const std::vector<int64_t>& x, const std::vector<int64_t>& y, const num::QuantisedLayer& ql,
                   int p_out, int out_features, int* nw, int* nb) {
  const int k = s.block_size, S = std::min(s.fft.samples_per_cycle, k), O = s.formats.output.bits;
  std::string in, ex, mask, wv, bv;
  const gen::Port sample{"x", false, s.formats.input.bits};
  for (int b = 0; b < g.q * k / S; ++b) {
    Lanes v;
    for (int i = 0; i < S; ++i) v.push_back(b * S + i < c.in_features ? x[b * S + i] : 0);
    in += pack_hex({v}, {{"in", false, S * sample.width}}) + "\n";
  }
  for (int b = 0; b < p_out * k / S; ++b) {
    Lanes v, m;
    for (int i = 0; i < S; ++i) {
      const int r = b * S + i;
      v.push_back(r < out_features ? y[r] : 0);
      m.push_back(r < out_features ? -1 : 0);
    }
    ex += pack_hex({v}, {{"o", false, S * O}}) + "\n";
    mask += pack_hex({m}, {{"o", false, S * O}}) + "\n";
  }
  *nw = *nb = 0;
  if (c.load_ports || c.stream)
    for (const auto& r : gen::weight_rows_hex(s, ql.spectra)) wv += r + "\n", ++*nw;
  if (c.load_ports)
    for (int r = 0; r < g.p * k; ++r, ++*nb) bv += hex(r < static_cast<int>(ql.bias.size()) ? ql.bias[r] : 0, O) + "\n";
  write(fs::path(dir) / "in.hex", in);
  write(fs::path(dir) / "exp.hex", ex);
  write(fs::path(dir) / "mask.hex", mask);
  write(fs::path(dir) / "w.hex", wv);
  write(fs::path(dir) / "b.hex", bv);
}

/// The bench in Icarus or Verilator; the summary line into `res`.
void simulate(const std::string& dir, const gen::FileSet& files, Simulator sim, TopResult& res) {
  const bool icarus = sim == Simulator::icarus;
  std::vector<std::string> cmd = icarus ? std::vector<std::string>{"iverilog", "-g2012", "-o", "sim.vvp", "tb.v"}
                                        : std::vector<std::string>{"verilator", "--binary", "--timing", "-j", "2", "-Wno-fatal",
                                                                   "-Wno-lint", "-Wno-style", "--top-module", "tb", "-o", "vsim", "tb.v"};
  for (const auto& f : gen::verilog_files(files)) cmd.push_back(f);
  res.log = icarus ? compile_and_simulate("iverilog", cmd, "vvp", {"vvp", "-n", "sim.vvp"}, dir)
                   : compile_and_simulate("verilator", cmd, "vsim", {"obj_dir/vsim"}, dir);
  static const std::regex re("CIRCA_TB checked=([0-9]+) mismatches=([0-9]+) cycles=(-?[0-9]+) cycles2=(-?[0-9]+)");
  std::smatch m;
  if (std::regex_search(res.log, m, re)) {
    res.checked = std::stoi(m[1]);
    res.mismatches = std::stoi(m[2]);
    res.cycles1 = std::stoll(m[3]);
    res.cycles2 = std::stoll(m[4]);
  }
}

}  // namespace

TopResult run_top_case(const TopCase& c, const std::string& dir, Simulator sim) {
  const AcceleratorSpec s = spec_of(c.config, c.overrides);
  const int k = s.block_size, S = std::min(s.fft.samples_per_cycle, k);
  Layer l;
  l.name = "fc";
  l.in_features = c.in_features;
  l.out_features = c.out_features;
  l.activation = c.relu ? Activation::relu : Activation::none;
  l.bias = c.bias;
  const LayerGeometry g = geometry(l, k);
  const num::LayerWeights w = num::random_layer_weights(l, k, c.seed);
  const num::QuantisedLayer ql = num::quantise_layer(s, l, w);
  const std::vector<int64_t> x = num::random_input_codes(l, k, s.formats.input, 0.5, c.seed + 1);
  std::vector<int64_t> y = num::run_layer_fixed(s, l, w, x).output;
  gen::NetworkImage net;  // the layer alone: weights (or its stream) and bias from 0
  net.layers.push_back(ql);
  net.program.push_back(descriptor(c, g.p, g.q));
  int64_t expected = schedule_cycles(s, g.p, g.q);
  Layer last = l;
  if (!c.more_layers.empty()) {  // a network: layer i's weights from seed + i, as network_image
    std::vector<Layer> layers{l};
    for (int out : c.more_layers) {
      Layer n = l;
      n.name = "fc" + std::to_string(layers.size() + 1);
      n.in_features = layers.back().out_features;
      n.out_features = out;
      layers.push_back(n);
      const num::LayerWeights wn = num::random_layer_weights(n, k, c.seed + layers.size() - 1);
      std::vector<int64_t> xn(y.size());  // the layer before's outputs, re-quantised
      for (size_t i = 0; i < y.size(); ++i) xn[i] = num::requantize(y[i], s.formats.output.frac, s.formats.input, nullptr);
      y = num::run_layer_fixed(s, n, wn, xn).output;
      const LayerGeometry gn = geometry(n, k);
      expected += arch::kLayerSwitchCycles + schedule_cycles(s, gn.p, gn.q);
    }
    net = gen::network_image(s, layers, c.seed);
    for (const arch::LayerDescriptor& ld : net.program) CIRCA_CHECK(!ld.stream, "network cases hold their weights");
    last = layers.back();
  }
  const int p_out = geometry(last, k).p;
  gen::GenOptions o;
  o.faults = c.faults;
  o.network = c.load_ports ? nullptr : &net;
  const gen::Design d = gen::generate_design(s, o);
  const gen::FileSet files = gen::render(d, s, gen::header_for(s, o));
  gen::write_files(dir, files);
  int nw = 0, nb = 0;
  write_vectors(dir, s, g, c, x, y, ql, p_out, last.out_features, &nw, &nb);
  write(fs::path(dir) / "tb.v", tb_text(d.top(), d.module(d.top()).ports, g.q * k / S, p_out * k / S, nw, nb, c,
                                        net.program, arch::mac_timing(s, k).issue_cycles));
  TopResult res;
  res.expected_cycles = expected;
  res.expected_checked = 2 * p_out * k / S;
  simulate(dir, files, sim, res);
  return res;
}

}  // namespace circa::rtltest
