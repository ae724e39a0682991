#include "sweep/shard.hpp"

#include "sweep/results.hpp"
#include "sweep/sha256.hpp"

namespace circa::sweep {
namespace {

/// A whole decimal number, or false.
bool parse_count(const std::string& text, size_t* out) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
    return false;
  *out = std::stoul(text);
  return true;
}

}  // namespace

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  Shard s;
  if (slash == std::string::npos || !parse_count(text.substr(0, slash), &s.index) ||
      !parse_count(text.substr(slash + 1), &s.count))
    throw ConfigError("--shard '" + text +
                      "': use I/N, shard I of N counted from 0 (e.g. --shard 0/4 ... --shard 3/4)");
  if (s.count == 0)
    throw ConfigError("--shard '" + text + "': N must be 1 or more (e.g. --shard 0/4)");
  if (s.index >= s.count)
    throw ConfigError("--shard '" + text + "': I must be below N (shards are 0 to " +
                      std::to_string(s.count - 1) + "; e.g. --shard " +
                      std::to_string(s.count - 1) + "/" + std::to_string(s.count) + ")");
  s.given = true;
  return s;
}

std::string sweep_hash(const SweepSpec& s, const SweepContext& ctx) {
  nlohmann::json j{{"report", to_json(report_spec_of(s))},
                   {"axes", nlohmann::json::array()},
                   {"seed", s.seed},
                   {"confirm_best", s.confirm_best},
                   {"base", ctx.base_yaml},
                   {"workload", ctx.workload_yaml},
                   {"accuracy", ctx.accuracy}};
  for (const auto& a : s.axes) j["axes"].push_back({{"params", a.params}, {"values", a.values}});
  return sha256_hex(j.dump());
}

}  // namespace circa::sweep
