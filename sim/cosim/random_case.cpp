#include "cosim/random_case.hpp"

#include <random>
#include <sstream>

#include <fmt/format.h>

#include "common/error.hpp"
#include "cosim/cosim_child.hpp"
#include "spec/config_loader.hpp"

namespace circa::cosim {
namespace {

class Draw {
 public:
  explicit Draw(uint64_t seed) : rng_(seed * 0x9e3779b97f4a7c15ULL + 0x5eed) {}
  int in(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  template <class T>
  T of(const std::vector<T>& v) {
    return v[static_cast<size_t>(in(0, static_cast<int>(v.size()) - 1))];
  }
  bool coin(double p = 0.5) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }

 private:
  std::mt19937_64 rng_;
};

int next_pow2(int64_t x) {
  int p = 1;
  while (p < x) p *= 2;
  return p;
}

/// One format: bits, frac = bits - integer bits, a rounding and an overflow mode.
void format(Draw& d, std::vector<std::string>& ov, const std::string& name, int bits, int ibits) {
  ov.push_back(fmt::format("formats.{}.bits={}", name, bits));
  ov.push_back(fmt::format("formats.{}.frac={}", name, bits - ibits));
  ov.push_back("formats." + name +
               ".rounding=" + d.of<std::string>({"truncate", "nearest_up", "nearest_even"}));
  ov.push_back("formats." + name + ".overflow=" + (d.coin(0.8) ? "saturate" : "wrap"));
}

/// The design point's overrides except the two capacities (sized to the layer afterwards).
std::vector<std::string> draw_design(Draw& d, int k) {
  std::vector<std::string> ov{fmt::format("block_size={}", k)};
  std::vector<int> ss{1};
  for (int s = 2; s <= std::min(k, 32); s *= 2) ss.push_back(s);  // S = k > 32 verilates slowly
  std::string style = d.of<std::string>({"pipelined", "iterative", "unrolled"});
  if (style == "unrolled" && k > 32) style = "pipelined";  // a k > 32 unrolled FFT verilates slowly
  const int S = style == "unrolled" ? k : d.of(ss);
  ov.push_back("fft.style=" + style);
  ov.push_back(fmt::format("fft.samples_per_cycle={}", S));
  ov.push_back(fmt::format("fft.stage_latency={}", d.in(1, 3)));
  ov.push_back(std::string("fft.scaling=") + (d.coin() ? "forward" : "inverse"));
  ov.push_back(std::string("fft.shared_ifft=") + (d.coin() ? "true" : "false"));
  std::vector<int> lanes;
  for (int l = 1; l <= std::min(k, 16); l *= 2) lanes.push_back(l);
  ov.push_back(fmt::format("mac.lanes={}", d.of(lanes)));
  ov.push_back(fmt::format("mac.accumulator_banks={}", d.in(1, 3)));
  ov.push_back(fmt::format("weight_sram.banks={}", d.of<int>({1, 2, 4, 8})));
  ov.push_back(fmt::format("weight_sram.word_bits={}", d.of<int>({64, 128, 256})));
  ov.push_back(std::string("weight_sram.layout=") + (d.coin() ? "packed_real" : "half_complex"));
  const int ports = d.in(0, 3);  // 1 rw (most points), 1r + 1w, 2 rw, 1 rw + 1r
  ov.push_back(fmt::format("weight_sram.read_write_ports={}", ports == 1 ? 0 : ports == 2 ? 2 : 1));
  ov.push_back(fmt::format("weight_sram.read_ports={}", ports == 1 || ports == 3 ? 1 : 0));
  ov.push_back(fmt::format("weight_sram.write_ports={}", ports == 1 ? 1 : 0));
  const int in_bits = d.of<int>({8, 10, 12, 16}), in_int = d.in(2, 4);
  format(d, ov, "input", in_bits, in_int);
  format(d, ov, "fft", in_bits + d.in(2, 4), in_int + 2);
  format(d, ov, "twiddle", d.of<int>({10, 12, 14, 16}), 2);
  format(d, ov, "weight", d.of<int>({8, 12, 16}), 2);
  const int prod_bits = d.of<int>({20, 24, 28});
  format(d, ov, "product", prod_bits, 6);
  format(d, ov, "accumulator", prod_bits + d.of<int>({0, 4, 8}), 6 + d.of<int>({0, 4, 8}));
  format(d, ov, "ifft", d.of<int>({18, 24}), 8);
  format(d, ov, "output", d.of<int>({8, 12, 16}), 4);
  return ov;
}

}  // namespace

std::string RandomCase::summary() const {
  const AcceleratorSpec& s = spec;
  auto f = [](const char* n, const FixedFormat& x) {
    return fmt::format(" {} s{}.{}{}", n, x.bits, x.frac, x.overflow == Overflow::wrap ? "w" : "");
  };
  return fmt::format(
             "k={} {} S={} lat{} {} {}ifft, {} lanes, {} acc banks, wsram {}x{}b {} {} KiB{};",
             s.block_size, to_string(s.fft.style), s.fft.samples_per_cycle, s.fft.stage_latency,
             to_string(s.fft.scaling), s.fft.shared_ifft ? "shared " : "own ", s.mac.lanes,
             s.mac.accumulator_banks, s.weight_sram.banks, s.weight_sram.word_bits,
             to_string(s.weight_sram.layout), s.weight_sram.capacity_kib,
             plan_alone(s, layer).weights_on_chip
                 ? ""
                 : fmt::format(" (streamed: {} ns, {} GB/s)", s.offchip.latency_ns,
                               s.offchip.bandwidth_gb_per_s)) +
         f("in", s.formats.input) + f("fft", s.formats.fft) + f("tw", s.formats.twiddle) +
         f("w", s.formats.weight) + f("prod", s.formats.product) + f("acc", s.formats.accumulator) +
         f("ifft", s.formats.ifft) + f("out", s.formats.output) +
         fmt::format("; fc {} -> {}{}{}", layer.in_features, layer.out_features,
                     layer.activation == Activation::relu ? " relu" : "",
                     layer.bias ? " bias" : "");
}

RandomCase random_case(const std::string& base_config, uint64_t seed) {
  Draw d(seed);
  std::string last;
  for (int attempt = 0; attempt < 10000; ++attempt) {
    const int k = d.of<int>({4, 8, 16, 32, 64, 128, 256});
    RandomCase c;
    c.seed = seed;
    c.overrides = draw_design(d, k);
    // A third of the draws aim to stream their weights, with larger layers (more likely to exceed
    // the smallest SRAM); the others hold them in an SRAM sized to the layer.
    const bool stream = d.coin(0.35);
    const int lo = stream ? 3 : 1, hi = (k >= 128 ? 3 : 4) + (stream ? 4 : 0);
    const int q = d.in(lo, hi), p = d.in(lo, hi);
    c.layer.name = "fc";
    c.layer.kind = LayerKind::fc;
    c.layer.in_features = d.in((q - 1) * k + 1, q * k);
    c.layer.out_features = d.in((p - 1) * k + 1, p * k);
    c.layer.activation = d.coin() ? Activation::relu : Activation::none;
    c.layer.bias = d.coin();
    try {
      // Size both memories to the layer: the smallest power of two that holds it.
      const AcceleratorSpec s = load_accelerator(base_config, parse_overrides(c.overrides)).spec;
      const int64_t in_bits = s.formats.input.bits, out_bits = s.formats.output.bits;
      c.overrides.push_back(
          fmt::format("activation_buffer.capacity_kib={}",
                      next_pow2((2 * std::max(q * k * in_bits, p * k * out_bits) + 8191) / 8192)));
      // Streamed: the largest SRAM (a power of two, at least the 32 words a bank needs) below
      // the layer's bytes, and a random off-chip latency and bandwidth; a layer smaller than
      // the smallest SRAM stays resident.
      const int64_t bytes = plan_alone(s, c.layer).weight_bytes;
      int cap = std::max(1, s.weight_sram.banks * s.weight_sram.word_bits / 256);
      while (int64_t{cap} * 2 * 1024 < bytes) cap *= 2;
      const bool streamed = stream && int64_t{cap} * 1024 < bytes;
      c.overrides.push_back(fmt::format("weight_sram.capacity_kib={}",
                                        streamed ? cap : weight_capacity_for(s, c.layer)));
      if (streamed) {
        c.overrides.push_back(fmt::format("offchip.latency_ns={}", d.of<int>({5, 20, 100})));
        c.overrides.push_back(
            fmt::format("offchip.bandwidth_gb_per_s={}", d.of<double>({0.4, 1.6, 6.4, 12.8})));
      }
      c.spec = load_accelerator(base_config, parse_overrides(c.overrides)).spec;
      last = cosim_unsupported(c.spec, c.layer);
      if (last.empty()) return c;
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
  for (int i = 0; i < n; ++i) {
    const RandomCase c = random_case(base_config, seed + static_cast<uint64_t>(i));
    os << fmt::format("[{}/{}] seed {}: {}\n", i + 1, n, c.seed, c.summary()) << std::flush;
    CosimOptions co = o;
    co.seed = c.seed;
    co.vcd = fmt::format("cosim_random_{}.vcd", c.seed);
    std::string report;
    bool ok = false;
    try {
      const CosimResult r = run_cosim_in_child(co, c.spec, {c.layer});
      ok = r.ok;
      report = describe(r);
    } catch (const std::exception& e) {
      report = std::string(e.what()) + "\n";
    }
    if (ok) {
      os << "  " << report.substr(report.rfind("cosim:"));
    } else {
      ++failed;
      os << report << "  overrides:";
      for (const auto& ov : c.overrides) os << " -p " << ov;
      os << fmt::format("\n  re-run: circa cosim --random 1 --seed {} --config {}\n", c.seed,
                        base_config);
    }
  }
  os << fmt::format("cosim --random: {} of {} cases passed\n", n - failed, n);
  return failed;
}

}  // namespace circa::cosim
