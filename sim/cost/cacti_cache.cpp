#include "cost/cacti_cache.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "common/fnv1a.hpp"
#include "common/text_file.hpp"

namespace circa {

namespace {

using Json = nlohmann::json;
constexpr const char* kFormat = "circa-cacti-cache/1";

Json to_json(const CactiOutput& o) {
  return Json{{"version", o.version},
              {"model", o.model},
              {"access_time_ns", o.access_time_ns},
              {"cycle_time_ns", o.cycle_time_ns},
              {"read_energy_nJ", o.read_energy_nJ},
              {"write_energy_nJ", o.write_energy_nJ},
              {"leakage_subthreshold_mW", o.leakage_subthreshold_mW},
              {"leakage_gate_mW", o.leakage_gate_mW},
              {"height_mm", o.height_mm},
              {"width_mm", o.width_mm},
              {"details", o.details},
              {"htree_wire_type", o.htree_wire_type}};
}

CactiOutput from_json(const Json& j) {
  CactiOutput o;
  o.version = j.at("version").get<std::string>();
  o.model = j.at("model").get<std::string>();
  o.access_time_ns = j.at("access_time_ns").get<double>();
  o.cycle_time_ns = j.at("cycle_time_ns").get<double>();
  o.read_energy_nJ = j.at("read_energy_nJ").get<double>();
  o.write_energy_nJ = j.at("write_energy_nJ").get<double>();
  o.leakage_subthreshold_mW = j.at("leakage_subthreshold_mW").get<double>();
  o.leakage_gate_mW = j.at("leakage_gate_mW").get<double>();
  o.height_mm = j.at("height_mm").get<double>();
  o.width_mm = j.at("width_mm").get<double>();
  o.details = j.at("details").get<std::map<std::string, double>>();
  o.htree_wire_type = j.at("htree_wire_type").get<std::string>();
  return o;
}

}  // namespace

CactiCache::CactiCache(std::string dir) : dir_(std::move(dir)) {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec || !std::filesystem::is_directory(dir_))
    throw ConfigError("cannot create the CACTI cache folder '" + dir_ + "' (" + ec.message() +
                      "); pass a writable folder with --cacti-cache or set CIRCA_CACHE_DIR");
}

std::string CactiCache::default_dir() {
  auto env = [](const char* n) -> std::string {
    const char* v = std::getenv(n);
    return v && *v ? v : "";
  };
  if (!env("CIRCA_CACHE_DIR").empty()) return env("CIRCA_CACHE_DIR") + "/cacti";
  if (!env("XDG_CACHE_HOME").empty()) return env("XDG_CACHE_HOME") + "/circa/cacti";
  if (!env("HOME").empty()) return env("HOME") + "/.cache/circa/cacti";
  throw ConfigError("no cache folder for CACTI results: HOME is not set; pass --cacti-cache DIR");
}

std::string CactiCache::hash(const std::string& key_text) {
  return fmt::format("{:016x}", fnv1a64(key_text));
}

std::optional<CactiOutput> CactiCache::load(const std::string& key_text) const {
  const std::string path = dir_ + "/" + hash(key_text) + ".json";
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  try {
    const Json j = Json::parse(in);
    if (j.at("format") != kFormat || j.at("key") != key_text) return std::nullopt;
    return from_json(j.at("output"));
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;  // a damaged entry is a miss; the next store replaces it
  }
}

void CactiCache::store(const std::string& key_text, const CactiOutput& output) const {
  const Json j{{"format", kFormat}, {"key", key_text}, {"output", to_json(output)}};
  write_text_file_atomic(dir_ + "/" + hash(key_text) + ".json", j.dump(1) + "\n");
}

}  // namespace circa
