#include "cost/cacti_adapter.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "cost/subprocess.hpp"
#include "common/text_file.hpp"

namespace fs = std::filesystem;

namespace circa {

namespace {

/// How to get a CACTI folder, for the messages below.
constexpr const char* kHowToGetCacti =
    "run cmake/install-cacti.sh (it builds CACTI 7 into the default folder), or point "
    "technology.cacti_dir / --cacti-dir / CIRCA_CACTI_DIR at a CACTI 7 build";

std::string check_folder(const std::string& dir) {
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec))
    throw ConfigError("CACTI folder '" + dir + "' does not exist; " + kHowToGetCacti);
  const std::string abs = fs::canonical(dir, ec).string();
  if (::access((abs + "/cacti").c_str(), X_OK) != 0)
    throw ConfigError("no executable 'cacti' in '" + abs + "'; " + kHowToGetCacti);
  if (!fs::is_directory(abs + "/tech_params", ec))
    throw ConfigError(
        "'" + abs +
        "' has no tech_params/ folder; CACTI opens tech_params/*.dat "
        "relative to its folder and crashes without them: use a complete CACTI 7 checkout");
  return abs;
}

std::string env_or_empty(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : "";
}

std::string binary_identity(const std::string& binary) {
  std::error_code ec;
  const auto size = fs::file_size(binary, ec);
  const auto mtime = fs::last_write_time(binary, ec).time_since_epoch().count();
  return fmt::format("{} size={} mtime={}", binary, size, static_cast<long long>(mtime));
}

/// A fix for the common CACTI messages (ADAPTER_NOTES §5).
std::string hint(const CactiVerdict& v, const std::string& dir) {
  const std::string& m = v.message;
  auto has = [&](const char* s) { return m.find(s) != std::string::npos; };
  if (v.status == CactiVerdict::Status::timeout)
    return "CACTI loops forever on a cfg whose first line is blank; otherwise large arrays may "
           "need a longer --cacti-timeout";
  if (v.status == CactiVerdict::Status::crash)
    return "check that '" + dir +
           "' is a complete CACTI 7 build (tech_params/ beside the binary); "
           "CACTI also crashes when DRAM-I/O or MemCAD keys are missing from the cfg";
  if (has("no valid data array organizations"))
    return "CACTI needs size/(banks*block*2) >= 16: increase size_bytes, or use narrower words or "
           "fewer banks";
  if (has("Temperature")) return "use 300..400 K in steps of 10 K";
  if (has("power of 2")) return "use a power-of-two bank count";
  if (has("Feature size") || has("technology")) return "use a node in 22..90 nm";
  if (has("port")) return "give each bank at least one port";
  if (has("Cache size")) return "use at least 64 bytes per bank";
  return "check the query against CACTI's input rules (shared/reference/cacti/ADAPTER_NOTES.md)";
}

}  // namespace

std::string CactiAdapter::default_dir() {
  const std::string folder = std::string("cacti7-") + std::string(kPinnedCactiCommit, 7);
  if (!env_or_empty("CIRCA_CACTI_DIR").empty()) return env_or_empty("CIRCA_CACTI_DIR");
  if (!env_or_empty("XDG_CACHE_HOME").empty())
    return env_or_empty("XDG_CACHE_HOME") + "/circa/" + folder;
  if (!env_or_empty("HOME").empty()) return env_or_empty("HOME") + "/.cache/circa/" + folder;
  throw ConfigError("no default CACTI folder: HOME is not set; " + std::string(kHowToGetCacti));
}

bool CactiAdapter::default_build_exists() {
  try {
    const std::string dir = default_dir();
    return ::access((dir + "/cacti").c_str(), X_OK) == 0;
  } catch (const ConfigError&) {
    return false;
  }
}

CactiAdapter::CactiAdapter(CactiAdapterOptions options)
    : options_(std::move(options)),
      dir_(check_folder(options_.cacti_dir.empty() ? default_dir() : options_.cacti_dir)),
      binary_(dir_ + "/cacti"),
      identity_(binary_identity(binary_)),
      cache_(options_.cache_dir.empty() ? CactiCache::default_dir() : options_.cache_dir) {}

CactiRun CactiAdapter::run(const SramQuery& q) const {
  check_query_basics(q);
  CactiRun r;
  const std::string cfg = cacti_cfg_text(q, options_.cfg);
  const std::string key = cfg + "# binary: " + identity_ + "\n";
  r.cfg_path = fs::absolute(cache_.dir() + "/" + CactiCache::hash(key) + ".cfg").string();
  if (options_.use_cache) {
    if (auto hit = cache_.load(key)) {
      r.output = *hit;
      r.from_cache = true;
      return r;
    }
  }
  write_text_file_atomic(r.cfg_path, cfg);
  std::remove((r.cfg_path + ".out").c_str());  // CACTI appends its side CSV there
  const std::vector<std::string> argv = {binary_, "-infile", r.cfg_path};
  const ProcessResult p = run_process(argv, dir_, options_.timeout_s);
  // The query's origin (a YAML key and its file:line) tells the user which memory CACTI priced.
  const std::string asked_by =
      " (" + (q.origin.empty() ? std::string("cacti") : q.origin) + ", " + q.where.str() + ")";
  const std::string cmd = command_line(argv) + " (in " + dir_ + ")";
  if (p.status.kind == ExitStatus::Kind::not_started)
    throw ToolError("cacti", cmd, "cannot start: " + p.status.str() + asked_by, "");
  const CactiVerdict v = interpret_cacti_run(p.out, p.err, p.status, options_.timeout_s);
  if (v.status != CactiVerdict::Status::ok) {
    const std::string log = r.cfg_path + ".log";
    write_text_file_atomic(log, "== stdout\n" + p.out + "== stderr\n" + p.err);
    throw ToolError(
        "cacti", cmd,
        fmt::format("failed on {}{}: {}{}; {}", r.cfg_path, asked_by, v.message,
                    v.message_stream.empty() ? "" : " [" + v.message_stream + "]", hint(v, dir_)),
        log);
  }
  r.output = v.output;
  r.warnings = v.warnings;
  if (options_.use_cache && v.clean()) cache_.store(key, r.output);
  return r;
}

SramResult CactiAdapter::estimate(const SramQuery& q) const {
  const CactiRun run_result = run(q);
  const CactiOutput& o = run_result.output;
  const std::string source = fmt::format("CACTI {} ({}) in {}{}", o.version, o.model, dir_,
                                         run_result.from_cache ? ", cached result" : "");
  const std::string validity = "this exact configuration (cfg " + run_result.cfg_path + ")";
  auto value = [&](double v, const char* unit) {
    return SramValue{v, unit, source, validity, "CACTI's own output"};
  };
  SramResult r;
  r.access_time_ns = value(o.access_time_ns, "ns");
  r.cycle_time_ns = value(o.cycle_time_ns, "ns");
  r.read_energy_pj = value(o.read_energy_nJ * 1000.0, "pJ");
  r.write_energy_pj = value(o.write_energy_nJ * 1000.0, "pJ");
  r.leakage_subthreshold_per_bank_mw = value(o.leakage_subthreshold_mW, "mW");
  r.leakage_gate_per_bank_mw = value(o.leakage_gate_mW, "mW");
  r.leakage_per_bank_mw = value(o.leakage_total_mW(), "mW");
  r.leakage_total_mw = value(o.leakage_total_mW() * q.banks, "mW");
  r.area_mm2 = value(o.area_mm2(), "mm2");
  r.warnings = run_result.warnings;
  return r;
}

}  // namespace circa
