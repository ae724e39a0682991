#include "arch/report.hpp"

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "common/error.hpp"

namespace circa::arch {

nlohmann::json to_json(const Events& e) {
  nlohmann::json j;
  const auto put = [&j](const char* group, const char* key, const auto& value) {
    (*group != '\0' ? j[group][key] : j[key]) = value;
  };
#define CIRCA_EVENT_JSON(member, group, key, doc) put(group, key, e.member);
  CIRCA_EVENT_COUNTS(CIRCA_EVENT_JSON)
  CIRCA_EVENT_BANK_COUNTS(CIRCA_EVENT_JSON)
#undef CIRCA_EVENT_JSON
  // Derived counts, for readers of stats.json.
  j["real_multiplies"] = e.real_multiplies();
  j["real_adds"] = e.real_adds();
  j["weight_sram"]["reads"] = e.sram_reads();
  return j;
}

namespace {

nlohmann::json layer_json(const LayerReport& l) {
  nlohmann::json j = {{"name", l.name},
                      {"kind", to_string(l.kind)},
                      {"k", l.k},
                      {"p", l.p},
                      {"q", l.q},
                      {"groups", l.groups},
                      {"products", l.products},
                      {"weights_on_chip", l.weights_on_chip},
                      {"product_cycles", l.product_cycles},
                      {"start_cycle", l.start_cycle},
                      {"cycles", l.cycles},
                      {"events", to_json(l.events)}};
  if (!l.dataflow.empty()) j["dataflow"] = l.dataflow;
  return j;
}

}  // namespace

nlohmann::json to_json(const RunReport& r) {
  nlohmann::json j = {{"tool", r.tool},
                      {"config", r.config},
                      {"workload", r.workload},
                      {"clock_mhz", r.clock_mhz},
                      {"conv_dataflow", r.conv_dataflow},
                      {"cycles", r.cycles},
                      {"latency_us", r.latency_us()},
                      {"events", to_json(r.events)}};
  for (const LayerReport& l : r.layers) j["layers"].push_back(layer_json(l));
  if (!r.simulated) return j;
  j["seed"] = r.seed;
  j["stall_prob"] = r.stall_prob;
  for (const UnitActivity& u : r.units)
    j["units"][u.name] = {{"busy", u.busy}, {"stall", u.stall}, {"idle", u.idle}};
  for (const auto& [stage, n] : r.overflow) j["overflow"][stage] = n;
  j["output_checksum"] = r.output_checksum;
  return j;
}

void print_summary(std::ostream& os, const RunReport& r) {
  os << fmt::format("{} of '{}' on '{}': {} cycles, {:.3f} us at {} MHz\n", r.tool, r.workload,
                    r.config, r.cycles, r.latency_us(), r.clock_mhz);
  for (const LayerReport& l : r.layers)
    os << fmt::format("  {:<12} {:<4} k={:<4} p={:<5} q={:<5} x{:<6} {:>12} cycles{}{}\n", l.name,
                      to_string(l.kind), l.k, l.p, l.q, l.products, l.cycles,
                      l.dataflow.empty() ? "" : "  (" + l.dataflow + ")",
                      l.weights_on_chip ? "" : "  (weights off-chip)");
  const Events& e = r.events;
  os << fmt::format(
      "  events: {} FFT + {} IFFT ({} butterflies), {} complex MACs ({} dense-equivalent MACs)\n",
      e.fft_forward, e.fft_inverse, e.butterflies, e.complex_macs, e.dense_macs);
  os << fmt::format("          {} weight-SRAM word reads, {} off-chip bytes\n", e.sram_reads(),
                    e.offchip_bytes);
  if (!r.simulated) return;
  uint64_t ovf = 0;
  for (const auto& s : r.overflow) ovf += s.second;
  os << fmt::format("  overflow events: {}; output checksum {}\n", ovf, r.output_checksum);
}

void write_stats(const std::string& dir, const RunReport& r, const nlohmann::json& extra) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw ConfigError("--out " + dir + ": cannot create the directory: " + ec.message());
  const std::string file = (std::filesystem::path(dir) / "stats.json").string();
  std::ofstream out(file);
  nlohmann::json j = to_json(r);
  for (const auto& [key, value] : extra.items()) j[key] = value;
  out << j.dump(2) << "\n";
  if (!out) throw ConfigError("--out " + dir + ": cannot write " + file);
}

}  // namespace circa::arch
