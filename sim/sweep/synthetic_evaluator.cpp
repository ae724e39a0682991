#include "sweep/synthetic_evaluator.hpp"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <string>
#include <thread>

namespace circa::sweep {
namespace {

long env_long(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::strtol(v, nullptr, 10) : 0;
}

/// Work the optimiser cannot remove, proportional to `n`.
double busy(long n) {
  volatile double x = 1.0;
  for (long i = 0; i < n; ++i) x = x * 1.0000001 + 1e-9;
  return x;
}

eval::PointMetrics compute(const AcceleratorSpec& s, const Workload& w, eval::Fidelity f,
                           uint64_t seed) {
  const double lanes = s.mac.lanes, k = s.block_size, kib = s.weight_sram.capacity_kib;
  double cycles = 0, weight_bits = 0, dense_macs = 0;
  for (const Layer& l : w.layers) {
    const LayerGeometry g = geometry(l, s.block_size);
    cycles += std::ceil(double(g.p) * g.q * (g.k / 2 + 1) / lanes) * double(g.products) + 2 * g.k;
    weight_bits += double(g.weight_params) * s.formats.weight.bits;
    dense_macs += double(g.dense_macs);
  }
  // The cycle-accurate model sees a few stall cycles the closed form does not.
  if (f != eval::Fidelity::analytical) cycles = std::ceil(cycles * 1.02);
  const bool on_chip = weight_bits / 8 / 1024 <= kib;
  eval::PointMetrics m;
  m.breakdowns["area_um2"] = {
      {"fft", 900.0 * k}, {"mac", 5200.0 * lanes}, {"weight_sram", 2100.0 * kib}};
  m.breakdowns["energy_pj"] = {
      {"fft", 40.0 * k * w.layers.size()},
      {"mac", 1.5 * cycles * lanes},
      {"weight_sram", 0.02 * weight_bits + (on_chip ? 0 : 20.0 * weight_bits)}};
  double area = 0, energy = 0;
  for (const auto& [u, v] : m.breakdowns["area_um2"]) area += v;
  for (const auto& [u, v] : m.breakdowns["energy_pj"]) energy += v;
  const double latency_s = cycles / (s.clock_mhz * 1e6);
  m.values = {{"cycles", cycles},
              {"latency_us", latency_s * 1e6},
              {"area_mm2", area * 1e-6},
              {"energy_per_inference_uj", energy * 1e-6},
              {"power_mw", energy * 1e-9 / latency_s},
              {"throughput_inferences_per_s", 1 / latency_s},
              {"effective_tops_per_w", 2 * dense_macs / (energy * 1e-12) * 1e-12},
              {"sqnr_db", 60 - 3 * std::log2(k) + double(seed % 3)},
              {"weights_on_chip", on_chip ? 1.0 : 0.0}};
  return m;
}

}  // namespace

Evaluator synthetic_evaluator(const SyntheticOptions& o) {
  return [o](const AcceleratorSpec& s, const Workload& w, eval::Fidelity f, uint64_t seed) {
    if (o.fail_above_lanes > 0 && s.mac.lanes > o.fail_above_lanes)
      throw ConfigError("mac.lanes: " + std::to_string(s.mac.lanes) +
                        " lanes exceed the synthetic limit of " +
                        std::to_string(o.fail_above_lanes));
    if (o.sleep_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(o.sleep_ms));
    if (o.busy_iterations > 0) busy(o.busy_iterations);
    return compute(s, w, f, seed);
  };
}

SyntheticOptions synthetic_options_from_env() {
  SyntheticOptions o;
  o.sleep_ms = static_cast<int>(env_long("CIRCA_SYNTHETIC_SLEEP_MS"));
  o.busy_iterations = env_long("CIRCA_SYNTHETIC_BUSY");
  o.fail_above_lanes = static_cast<int>(env_long("CIRCA_SYNTHETIC_FAIL_ABOVE_LANES"));
  return o;
}

void export_synthetic_options(const SyntheticOptions& o) {
  setenv("CIRCA_SYNTHETIC_SLEEP_MS", std::to_string(o.sleep_ms).c_str(), 1);
  setenv("CIRCA_SYNTHETIC_BUSY", std::to_string(o.busy_iterations).c_str(), 1);
  setenv("CIRCA_SYNTHETIC_FAIL_ABOVE_LANES", std::to_string(o.fail_above_lanes).c_str(), 1);
}

}  // namespace circa::sweep
