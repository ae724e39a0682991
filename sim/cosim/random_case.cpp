#include "cosim/random_case.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "arch/layer_program.hpp"
#include "arch/microarch.hpp"
#include "common/error.hpp"
#include "common/progress.hpp"
#include "cosim/cosim_child.hpp"
#include "cosim/random_design.hpp"
#include "spec/config_loader.hpp"

namespace circa::cosim {
namespace {

int next_pow2(int64_t x) {
  int p = 1;
  while (p < x) p *= 2;
  return p;
}

/// Which layers plan_workload (greedy, in layer order) keeps in the weight SRAM.
std::vector<bool> on_chip(const AcceleratorSpec& s, const std::vector<Layer>& layers) {
  Workload w;
  w.name = "cosim";
  w.layers = layers;
  std::vector<bool> r;
  for (const arch::LayerPlan& p : arch::plan_workload(s, w)) r.push_back(p.weights_on_chip);
  return r;
}

/// True when exactly the first `resident` layers are on chip.
bool holds_prefix(const std::vector<bool>& on, int resident) {
  for (size_t i = 0; i < on.size(); ++i)
    if (on[i] != (static_cast<int>(i) < resident)) return false;
  return true;
}

/// A power-of-two weight_sram.capacity_kib (at least the 32 words a bank needs) whose residency
/// holds exactly the first `resident` layers: the largest when none is resident (so streaming is
/// barely needed), else the smallest (so a later layer finds no room); 0 when there is none.
int weight_capacity(AcceleratorSpec s, const std::vector<Layer>& layers, int resident) {
  int found = 0;
  for (int cap = std::max(1, s.weight_sram.banks * s.weight_sram.word_bits / 256); cap <= 65536;
       cap *= 2) {
    s.weight_sram.capacity_kib = cap;
    if (!holds_prefix(on_chip(s, layers), resident)) continue;
    found = cap;
    if (resident > 0) break;
  }
  return found;
}

/// The chain's feature counts (n + 1 of them; layer i maps f[i] to f[i+1]): a side of a streamed
/// layer takes 3..7 or 3..8 blocks so that the layer outgrows small SRAMs, the other sides 1..3
/// or 1..4 (the fewer for k >= 128).
std::vector<int> draw_features(Draw& d, int k, int n, int resident) {
  std::vector<int> f;
  for (int j = 0; j <= n; ++j) {
    const bool big = j > resident || (j == resident && resident < n);
    const int hi = (k >= 128 ? 3 : 4) + (big ? 4 : 0), blocks = d.in(big ? 3 : 1, hi);
    f.push_back(d.in((blocks - 1) * k + 1, blocks * k));
  }
  return f;
}

/// A conv layer small enough to co-simulate in seconds: 1..2k channels each side, a 1x1 to 3x3
/// kernel, padding below the kernel; a third pool 2x2 (stride 1, an even output of up to 6 x 6),
/// the rest have stride 1 or 2 and an image of up to 6 x 6 that the window fits.
Layer draw_conv(Draw& d, int k) {
  Layer l;
  l.name = "conv1";
  l.kind = LayerKind::conv;
  l.in_channels = d.in(1, 2 * k);
  l.out_channels = d.in(1, 2 * k);
  l.kernel = d.in(1, 3);
  l.padding = d.in(0, l.kernel - 1);
  if (d.in(0, 2) == 0) {  // in = out + kernel - 1 - 2 * padding for an even out
    l.pool = Pooling::max2;
    const auto side = [&](int out) {
      const int in = out + l.kernel - 1 - 2 * l.padding;
      return in >= 1 ? in : in + 2;
    };
    l.in_height = side(2 * d.in(1, 3));
    l.in_width = side(2 * d.in(1, 3));
    return l;
  }
  l.stride = d.in(1, 2);
  const int least = std::max(1, l.kernel - 2 * l.padding);
  l.in_height = d.in(least, 6);
  l.in_width = d.in(least, 6);
  return l;
}

/// A conv layer over the outputs of conv layer `prev`: channels and image from prev, 1..2k output
/// channels, a 1x1 to 3x3 kernel with stride 1 and padding below the kernel (at least enough for
/// one output pixel); pooled half of the time when its output is even.
Layer draw_next_conv(Draw& d, int k, const Layer& prev) {
  const LayerGeometry g = geometry(prev, k);
  Layer l;
  l.name = "conv2";
  l.kind = LayerKind::conv;
  l.in_channels = prev.out_channels;
  l.out_channels = d.in(1, 2 * k);
  l.in_height = prev.pool != Pooling::none ? g.out_height / 2 : g.out_height;
  l.in_width = prev.pool != Pooling::none ? g.out_width / 2 : g.out_width;
  l.kernel = d.in(1, 3);
  l.padding = d.in(0, l.kernel - 1);
  if (std::min(l.in_height, l.in_width) + 2 * l.padding < l.kernel) l.padding = l.kernel - 1;
  const int out_h = l.in_height + 2 * l.padding - l.kernel + 1,
            out_w = l.in_width + 2 * l.padding - l.kernel + 1;
  if (out_h % 2 == 0 && out_w % 2 == 0 && d.coin()) l.pool = Pooling::max2;
  return l;
}

/// An fc layer of 1..k outputs over the last layer's outputs (a conv layer's flattened
/// pixel-major: the top keeps them so when its channels are whole blocks, which the caller sees
/// to).
Layer draw_fc_after(Draw& d, int k, const Layer& prev) {
  Layer l;
  l.name = "fc";
  l.kind = LayerKind::fc;
  l.in_features = static_cast<int>(geometry(prev, k).output_elements);
  l.out_features = d.in(1, k);
  return l;
}

/// An lstm layer small enough to co-simulate in seconds: x_t of 1..2k samples, 1 or 2 blocks of
/// hidden units, 2 or 3 time steps (h and c carried at least once).
Layer draw_lstm(Draw& d, int k) {
  Layer l;
  l.name = "lstm";
  l.kind = LayerKind::lstm;
  l.input_size = d.in(1, 2 * k);
  l.hidden_size = k * d.in(1, 2);
  l.time_steps = d.in(2, 3);
  return l;
}

std::string describe_layer(const Layer& l, bool streamed) {
  const std::string tail = fmt::format("{}{}{}", l.activation == Activation::relu ? " relu" : "",
                                       l.bias ? " bias" : "", streamed ? " streamed" : "");
  if (l.kind == LayerKind::lstm)
    return fmt::format("lstm {} -> {} x{} steps{}", l.input_size, l.hidden_size, l.time_steps,
                       tail);
  if (l.kind == LayerKind::conv)
    return fmt::format("conv {}x{}x{} -> {} k{} s{} p{}{}{}", l.in_channels, l.in_height,
                       l.in_width, l.out_channels, l.kernel, l.stride, l.padding,
                       l.pool != Pooling::none ? " pool" : "", tail);
  return fmt::format("fc {} -> {}{}", l.in_features, l.out_features, tail);
}

}  // namespace

std::string RandomCase::summary() const {
  const AcceleratorSpec& s = spec;
  auto f = [](const char* n, const FixedFormat& x) {
    return fmt::format(" {} s{}.{}{}", n, x.bits, x.frac, x.overflow == Overflow::wrap ? "w" : "");
  };
  const std::vector<bool> on = on_chip(s, layers);
  std::string net;
  for (size_t i = 0; i < layers.size(); ++i)
    net += (i ? " | " : "") + describe_layer(layers[i], !on[i]);
  if (s.controller.conv_dataflow == ConvDataflow::reuse) net = "conv_dataflow reuse: " + net;
  const bool any_streamed = std::find(on.begin(), on.end(), false) != on.end();
  return fmt::format(
             "k={} {} S={} lat{} {} {}ifft, {} lanes, {} acc banks, wsram {}x{}b {} {} KiB "
             "read {}{};",
             s.block_size, to_string(s.fft.style), s.fft.samples_per_cycle, s.fft.stage_latency,
             to_string(s.fft.scaling), s.fft.shared_ifft ? "shared " : "own ", s.mac.lanes,
             s.mac.accumulator_banks, s.weight_sram.banks, s.weight_sram.word_bits,
             to_string(s.weight_sram.layout), s.weight_sram.capacity_kib,
             arch::weight_read_latency(s),
             any_streamed ? fmt::format(" (off-chip: {} ns, {} GB/s)", s.offchip.latency_ns,
                                        s.offchip.bandwidth_gb_per_s)
                          : "") +
         f("in", s.formats.input) + f("fft", s.formats.fft) + f("tw", s.formats.twiddle) +
         f("w", s.formats.weight) + f("prod", s.formats.product) + f("acc", s.formats.accumulator) +
         f("ifft", s.formats.ifft) + f("out", s.formats.output) + "; " + net;
}

RandomCase random_case(const std::string& base_config, uint64_t seed) {
  // A base config that does not load is the user's error (ConfigError, one line), not a reason
  // to redraw: draws are rejected only for what they drew.
  load_accelerator(base_config, {});
  Draw d(seed);
  // The layer count and the residency aimed at are drawn once, before any redraw, so that their
  // proportions (random_case.hpp) hold exactly; `resident` layers lead, the rest stream.
  const int u = d.in(0, 9);
  const bool conv = u >= 3 && u < 5;  // a network that starts with a conv layer
  const bool lstm = u < 3 && d.coin();  // ... with an lstm layer (alone or before an fc layer)
  const int n = conv ? d.in(1, 3) : lstm ? d.in(1, 2) : u < 5 ? 1 : u < 8 ? 2 : 3;
  // conv networks: conv; conv -> conv or conv -> fc (half each); conv -> conv -> fc
  const bool conv_conv = n == 3 || (n == 2 && d.coin());
  const bool reuse = conv && d.coin();  // half the CNNs run controller.conv_dataflow: reuse
  const int r = n == 1 ? d.in(0, 1) : d.in(0, 5);
  const int resident = n == 1 ? r : r == 0 ? 0 : r == 1 ? n : d.in(1, n - 1);
  std::string last;
  for (int attempt = 0; attempt < 10000; ++attempt) {
    const int k = d.of<int>({4, 8, 16, 32, 64, 128, 256});
    RandomCase c;
    c.seed = seed;
    c.overrides = draw_design(d, k);
    if (reuse) c.overrides.push_back("controller.conv_dataflow=reuse");
    const std::vector<int> f = draw_features(d, k, n, resident);
    int64_t max_q = 0, max_p = 0;
    if (conv) {
      c.layers.push_back(draw_conv(d, k));
      if (conv_conv) c.layers.push_back(draw_next_conv(d, k, c.layers.back()));
      if (static_cast<int>(c.layers.size()) < n) {
        // an fc layer reads whole channel blocks: the conv layer before has a multiple of k
        c.layers.back().out_channels = k * d.in(1, 2);
        c.layers.push_back(draw_fc_after(d, k, c.layers.back()));
      }
      // The buffers hold every conv layer's input and the sum of the outputs (the regions of
      // consecutive layers never overlap in the output banks).
      for (Layer& l : c.layers) {
        l.activation = d.coin() ? Activation::relu : Activation::none;
        l.bias = d.coin();
        const LayerGeometry g = geometry(l, k);
        const bool is_conv = l.kind == LayerKind::conv;
        const int64_t cb = (l.in_channels + k - 1) / k;
        max_q =
            std::max<int64_t>({max_q, g.q, is_conv ? int64_t{l.in_height} * l.in_width * cb : 0});
        max_p += (is_conv ? (l.pool != Pooling::none ? g.products / 4 : g.products) : 1) * g.p;
      }
    }
    if (lstm) {
      c.layers.push_back(draw_lstm(d, k));
      if (n == 2) c.layers.push_back(draw_fc_after(d, k, c.layers.back()));
      for (Layer& l : c.layers) {
        l.activation = l.kind == LayerKind::fc && d.coin() ? Activation::relu : Activation::none;
        l.bias = d.coin();
      }
      // The input buffer holds every step's x_t; the output banks h_t of every step, the gates
      // and c (SCHEDULE.md, "LSTM in the whole-network top"), then the fc layer's outputs.
      const Layer& l = c.layers.front();
      const int64_t qx = (l.input_size + k - 1) / k, qh = l.hidden_size / k;
      max_q = std::max<int64_t>(qx + qh, l.time_steps * qx);
      max_p = (l.time_steps + 5) * qh;
      if (n == 2) max_q = std::max<int64_t>(max_q, geometry(c.layers.back(), k).q);
    }
    for (int i = 0; i < n && !conv && !lstm; ++i) {
      Layer l;
      l.name = fmt::format("fc{}", i + 1);
      l.kind = LayerKind::fc;
      l.in_features = f[static_cast<size_t>(i)];
      l.out_features = f[static_cast<size_t>(i) + 1];
      l.activation = d.coin() ? Activation::relu : Activation::none;
      l.bias = d.coin();
      c.layers.push_back(l);
      max_q = std::max<int64_t>(max_q, (l.in_features + k - 1) / k);
      max_p = std::max<int64_t>(max_p, (l.out_features + k - 1) / k);
    }
    try {
      // The activation buffer: the smallest power of two whose halves hold the largest layer.
      const AcceleratorSpec s = load_accelerator(base_config, parse_overrides(c.overrides)).spec;
      const int64_t in_bits = s.formats.input.bits, out_bits = s.formats.output.bits;
      c.overrides.push_back(fmt::format(
          "activation_buffer.capacity_kib={}",
          next_pow2((2 * std::max(max_q * k * in_bits, max_p * k * out_bits) + 8191) / 8192)));
      const int cap = weight_capacity(s, c.layers, resident);
      if (cap == 0) {
        last = fmt::format("no weight SRAM holds exactly the first {} of {} layers", resident, n);
        continue;
      }
      c.overrides.push_back(fmt::format("weight_sram.capacity_kib={}", cap));
      if (resident < n) {  // something streams: a random off-chip latency and bandwidth
        c.overrides.push_back(fmt::format("offchip.latency_ns={}", d.of<int>({5, 20, 100})));
        c.overrides.push_back(
            fmt::format("offchip.bandwidth_gb_per_s={}", d.of<double>({0.4, 1.6, 6.4, 12.8})));
      }
      c.spec = load_accelerator(base_config, parse_overrides(c.overrides)).spec;
      if (!holds_prefix(on_chip(c.spec, c.layers), resident)) {
        last = "the loaded spec's residency differs from the one aimed at";
        continue;
      }
      last = arch::network_unsupported(c.spec, c.layers);
      for (const Layer& l : c.layers)
        if (last.empty()) last = cosim_unsupported(c.spec, l);
      if (!last.empty()) continue;
      // The weight SRAM's read latency, drawn last so that the draws before stay as they were:
      // 1 in half the cases, else 2 or 3 (SCHEDULE.md "Weight read latency").
      const int read_latency = d.coin() ? 1 : d.in(2, 3);
      c.overrides.push_back(fmt::format("weight_sram.read_latency={}", read_latency));
      c.spec.weight_sram.read_latency = read_latency;
      return c;
    } catch (const ConfigError& e) {
      last = e.what();
    }
  }
  throw InternalError("no valid random cosim case in 10000 draws from seed " +
                      std::to_string(seed) + "; the last was rejected as: " + last);
}

int run_random_cases(const std::string& base_config, int n, uint64_t seed, const CosimOptions& o,
                     std::ostream& os) {
  int failed = 0;
  // One bar over the cases; each case's child builds and runs silently.
  Progress progress(o.progress, n, "cosim --random", "cases");
  for (int i = 0; i < n; ++i) {
    const RandomCase c = random_case(base_config, seed + static_cast<uint64_t>(i));
    progress.note(os, fmt::format("[{}/{}] seed {}: {}\n", i + 1, n, c.seed, c.summary()));
    CosimOptions co = o;
    co.progress = {};
    co.seed = c.seed;
    co.vcd = fmt::format("cosim_random_{}.vcd", c.seed);
    std::string report;
    bool ok = false;
    try {
      const CosimResult r = run_cosim_in_child(co, c.spec, c.layers);
      ok = r.ok;
      report = describe(r);
    } catch (const std::exception& e) {
      report = std::string(e.what()) + "\n";
    }
    if (ok) {
      progress.note(os, "  " + report.substr(report.rfind("cosim:")));
    } else {
      ++failed;
      std::string more = report + "  overrides:";
      for (const auto& ov : c.overrides) more += " -p " + ov;
      progress.note(os, more + fmt::format("\n  re-run: circa cosim --random 1 --seed {} --config {}\n",
                                           c.seed, base_config));
    }
    progress.tick(ok);
  }
  progress.finish();
  os << fmt::format("cosim --random: {} of {} cases passed\n", n - failed, n);
  return failed;
}

}  // namespace circa::cosim
