#include "sweep/synthetic_evaluator.hpp"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <string>
#include <thread>

#include "eval/metrics.hpp"

namespace circa::sweep {
namespace {

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
  // The same energy split as the cost table splits it: the datapath's, clock and wires.
  const auto& e = m.breakdowns["energy_pj"];
  m.breakdowns["energy_dynamic_pj"] = {{"fft", 0.75 * e.at("fft")},
                                       {"mac", 0.75 * e.at("mac")},
                                       {"weight_sram", 0.5 * e.at("weight_sram")}};
  m.breakdowns["energy_clock_pj"] = {{"fft", 0.25 * e.at("fft")}, {"mac", 0.25 * e.at("mac")}};
  m.breakdowns["energy_wires_pj"] = {{"weight_sram", 0.5 * e.at("weight_sram")}};
  double area_um2 = 0, energy_pj = 0;
  for (const auto& [u, v] : m.breakdowns["area_um2"]) area_um2 += v;
  for (const auto& [u, v] : m.breakdowns["energy_pj"]) energy_pj += v;
  const double latency_s = cycles / (s.clock_mhz * 1e6), energy_j = energy_pj * 1e-12;
  eval::CostReport c;
  c.total_area_mm2 = area_um2 * 1e-6;
  c.energy_per_inference_uj = energy_pj * 1e-6;
  c.latency_us = latency_s * 1e6;
  c.power_mw = energy_j / latency_s * 1e3;
  c.inferences_per_s = 1 / latency_s;
  c.effective_ops = 2 * dense_macs;
  c.actual_ops = cycles * lanes * eval::kOpsPerComplexMac;
  c.effective_gops = c.effective_ops / latency_s * 1e-9;
  c.actual_gops = c.actual_ops / latency_s * 1e-9;
  c.effective_tops_per_w = c.effective_ops / energy_j * 1e-12;
  c.actual_tops_per_w = c.actual_ops / energy_j * 1e-12;
  c.effective_gops_per_mm2 = c.effective_gops / c.total_area_mm2;
  c.actual_gops_per_mm2 = c.actual_gops / c.total_area_mm2;
  eval::MetricInputs in;
  in.cycles = static_cast<int64_t>(cycles);
  in.cost = &c;
  in.sqnr_db = 60 - 3 * std::log2(k) + double(seed % 3);
  in.weights_on_chip = on_chip;
  m.values = eval::metric_values(in);
  return m;
}

}  // namespace

Evaluator synthetic_evaluator(const SyntheticOptions& o) {
  return [o](const AcceleratorSpec& s, const Workload& w, eval::Fidelity f, uint64_t seed) {
    if (o.fail_above_lanes > 0 && s.mac.lanes > o.fail_above_lanes)
      throw ConfigError("mac.lanes: " + std::to_string(s.mac.lanes) +
                        " lanes exceed the synthetic limit of " +
                        std::to_string(o.fail_above_lanes));
    if (o.crash_at_lanes > 0 && s.mac.lanes == o.crash_at_lanes) std::abort();
    while (o.hang_at_lanes > 0 && s.mac.lanes == o.hang_at_lanes)
      std::this_thread::sleep_for(std::chrono::seconds(1));
    if (o.sleep_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(o.sleep_ms));
    if (o.busy_iterations > 0) busy(o.busy_iterations);
    return compute(s, w, f, seed);
  };
}

nlohmann::json to_json(const SyntheticOptions& o) {
  return {{"sleep_ms", o.sleep_ms},
          {"busy_iterations", o.busy_iterations},
          {"fail_above_lanes", o.fail_above_lanes},
          {"hang_at_lanes", o.hang_at_lanes},
          {"crash_at_lanes", o.crash_at_lanes}};
}

SyntheticOptions synthetic_options_from_json(const nlohmann::json& j) {
  SyntheticOptions o;
  o.sleep_ms = j.value("sleep_ms", o.sleep_ms);
  o.busy_iterations = j.value("busy_iterations", o.busy_iterations);
  o.fail_above_lanes = j.value("fail_above_lanes", o.fail_above_lanes);
  o.hang_at_lanes = j.value("hang_at_lanes", o.hang_at_lanes);
  o.crash_at_lanes = j.value("crash_at_lanes", o.crash_at_lanes);
  return o;
}

EvaluatorFactory synthetic_evaluator_factory() {
  return
      [](const nlohmann::json& j) { return synthetic_evaluator(synthetic_options_from_json(j)); };
}

}  // namespace circa::sweep
