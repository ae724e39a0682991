// The result of running a workload on a design point, in one shape for `circa estimate`
// (analytical) and `circa sim` (SystemC): cycles, per-layer figures and event counts; the
// simulation adds per-unit busy/stall/idle cycles, overflow counts and an output checksum.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "arch/events.hpp"
#include "spec/workload.hpp"

namespace circa::arch {

struct LayerReport {
  std::string name;
  LayerKind kind = LayerKind::fc;
  int k = 0, p = 0, q = 0, groups = 0;
  int64_t products = 0;
  bool weights_on_chip = true;
  /// Of the first product (all are equal without stalls); under conv_dataflow: reuse the first
  /// row fill plus the first product (border products issue fewer blocks).
  int64_t product_cycles = 0;
  std::string dataflow;        ///< conv layers: "recompute" or "reuse"; empty for fc and lstm
  int64_t start_cycle = 0;     ///< its first product's cycle 0, from the run's start
  int64_t cycles = 0;          ///< the whole layer (its products; not the layer switch before it)
  Events events;
};

/// Cycles one unit spent working, blocked by back-pressure, or with nothing to do.
struct UnitActivity {
  std::string name;
  int64_t busy = 0;
  int64_t stall = 0;
  int64_t idle = 0;
};

struct RunReport {
  std::string tool;  ///< "estimate" or "sim"
  std::string config;
  std::string workload;
  double clock_mhz = 0;
  std::string conv_dataflow;  ///< controller.conv_dataflow of the design point
  int64_t cycles = 0;
  std::vector<LayerReport> layers;
  Events events;  ///< all layers, per inference, plus one-off configuration writes
  // Simulation only (empty / unset for the analytical model):
  bool simulated = false;
  uint64_t seed = 0;
  double stall_prob = 0;
  std::vector<UnitActivity> units;
  std::vector<std::pair<std::string, uint64_t>> overflow;  ///< per numerics stage
  std::string output_checksum;  ///< FNV-1a 64 of the last layer's output codes, hex

  double latency_us() const { return clock_mhz > 0 ? cycles / clock_mhz : 0; }
};

nlohmann::json to_json(const Events& e);
nlohmann::json to_json(const RunReport& r);
/// A few lines for a terminal: cycles, latency, per-layer cycles, the main event counts.
void print_summary(std::ostream& os, const RunReport& r);
/// Writes to_json(r), plus the top-level keys of `extra` (e.g. the cost report), to
/// dir/stats.json, creating dir; ConfigError if it cannot.
void write_stats(const std::string& dir, const RunReport& r,
                 const nlohmann::json& extra = nlohmann::json::object());

}  // namespace circa::arch
