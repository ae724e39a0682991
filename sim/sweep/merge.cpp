#include "sweep/merge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

#include "common/error.hpp"
#include "sweep/export.hpp"
#include "sweep/folder_lock.hpp"
#include "sweep/runner.hpp"
#include "sweep/shard.hpp"
#include "sweep/store.hpp"

namespace circa::sweep {
namespace {

namespace fs = std::filesystem;

/// What identifies a store: its sweep, the tool that wrote it and its shard.
struct StoreInfo {
  std::string dir, hash, version, shard, report_spec, sweep_file, points;
};

StoreInfo inspect(const std::string& dir, const char* command) {
  if (!fs::is_regular_file(store_path(dir)))
    throw ConfigError(std::string(command) + ": '" + dir +
                      "' holds no results.sqlite; give the --out folders of 'circa sweep FILE "
                      "--shard I/N'");
  const ResultStore st(store_path(dir));
  return {dir,
          st.meta(kMetaSweepHash),
          st.meta(kMetaToolVersion),
          st.meta(kMetaShard),
          st.meta("report_spec"),
          st.meta("sweep_file"),
          st.meta(kMetaShardPoints)};
}

std::string short_hash(const std::string& h) {
  return h.substr(0, 12);
}

/// Refuses a shard that another sweep or another circa wrote, in one line.
void check_shard(const StoreInfo& s, const StoreInfo& first, const std::string& version) {
  if (s.hash.empty() || s.report_spec.empty())
    throw ConfigError("circa sweep merge: '" + s.dir +
                      "' has no sweep hash (written by an older circa or not by 'circa sweep'); "
                      "run its shard again with this circa");
  if (s.version != version)
    throw ConfigError("circa sweep merge: '" + s.dir + "' was written by circa " + s.version +
                      ", this is circa " + version +
                      "; run that shard again with this circa, or merge with circa " + s.version);
  if (s.hash != first.hash)
    throw ConfigError("circa sweep merge: '" + s.dir + "' holds another sweep than '" + first.dir +
                      "' (sweep hash " + short_hash(s.hash) + " vs " + short_hash(first.hash) +
                      "); merge only the shards of one sweep");
}

/// Names the shards of I/N that were not given, on stderr.
void warn_missing_shards(const std::vector<StoreInfo>& shards) {
  std::set<size_t> seen;
  size_t count = 0;
  for (const auto& s : shards) {
    if (s.shard.empty()) continue;
    const Shard sh = parse_shard(s.shard);
    seen.insert(sh.index);
    count = std::max(count, sh.count);
  }
  std::string missing;
  for (size_t i = 0; i < count; ++i)
    if (!seen.count(i)) missing += (missing.empty() ? "" : ", ") + std::to_string(i);
  if (!missing.empty())
    std::cerr << "circa sweep merge: shards " << missing << " of " << count
              << " were not given; the reports cover the shards merged\n";
}

}  // namespace

int merge_command(const std::string& out, const std::vector<std::string>& dirs,
                  const std::string& version) {
  if (dirs.empty())
    throw ConfigError(
        "circa sweep merge: give the shard folders after OUT (e.g. circa sweep merge OUT "
        "OUT/shards/*)");
  std::vector<StoreInfo> shards;
  for (const auto& d : dirs) {
    std::error_code ec;
    if (fs::exists(out) && fs::equivalent(d, out, ec))
      throw ConfigError("circa sweep merge: '" + d +
                        "' is the output folder itself; give the shard folders after OUT");
    shards.push_back(inspect(d, "circa sweep merge"));
    check_shard(shards.back(), shards.front(), version);
  }
  const FolderLock lock(out);
  ResultStore dst(store_path(out));
  const std::string out_hash = dst.meta(kMetaSweepHash);
  if (!out_hash.empty() && out_hash != shards.front().hash)
    throw ConfigError("circa sweep merge: '" + out + "' holds another sweep (sweep hash " +
                      short_hash(out_hash) + " vs " + short_hash(shards.front().hash) +
                      "); merge into an empty folder or into that sweep's own");
  warn_missing_shards(shards);
  size_t rows = 0, points = 0;
  for (const auto& s : shards) {
    rows += dst.merge_from(store_path(s.dir));
    points += s.points.empty() ? 0 : std::stoul(s.points);
  }
  const StoreInfo& first = shards.front();
  dst.set_meta("report_spec", first.report_spec);
  dst.set_meta("sweep_file", first.sweep_file);
  dst.set_meta(kMetaSweepHash, first.hash);
  dst.set_meta(kMetaToolVersion, version);
  dst.set_meta(kMetaShardPoints, std::to_string(points));
  std::vector<std::string> objectives;
  for (const auto& o : report_spec_from_json(nlohmann::json::parse(first.report_spec)).objectives)
    objectives.push_back(o.metric);
  dst.index_metrics(objectives);
  const ResultSet results = load_results(out, version);
  write_reports(results, out);
  size_t ok = 0;
  for (const auto& row : results.rows) ok += row.point.status == PointStatus::ok;
  std::cerr << results.spec.name << ": merged " << rows << " rows of " << shards.size()
            << " shard(s); " << results.rows.size() << " points (" << ok << " ok, "
            << results.rows.size() - ok << " failed), " << front(results).size()
            << " on the Pareto front\nresults: " << out
            << "/{results.sqlite, results.csv, results.json, report.html}\n";
  print_partial_json_note(results, std::cerr);
  return 0;
}

namespace {

/// The stores named by `dir`: its own, then those of its shards/ folder.
std::vector<std::string> stores_of(const std::string& dir) {
  std::vector<std::string> found;
  if (fs::is_regular_file(store_path(dir))) found.push_back(dir);
  std::vector<std::string> shards;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::path(dir) / "shards", ec))
    if (fs::is_regular_file(store_path(e.path().string()))) shards.push_back(e.path().string());
  std::sort(shards.begin(), shards.end());
  found.insert(found.end(), shards.begin(), shards.end());
  if (found.empty())
    throw ConfigError("circa sweep status: '" + dir +
                      "' holds no results.sqlite (nor shards/ with stores); give a folder "
                      "written by 'circa sweep ... --out'");
  return found;
}

}  // namespace

int status_command(const std::vector<std::string>& dirs, const std::string& version,
                   std::ostream& out) {
  if (dirs.empty())
    throw ConfigError(
        "circa sweep status: give sweep or shard folders (e.g. circa sweep status "
        "runs/default)");
  std::vector<std::string> stores;
  for (const auto& d : dirs)
    for (const auto& dir : stores_of(d)) stores.push_back(dir);
  size_t ok_sum = 0, failed_sum = 0, total_sum = 0, shard_stores = 0;
  out << fmt::format("{:<10} {:>9} {:>9} {:>9} {:>9}  {}\n", "store", "ok", "failed", "to run",
                     "total", "folder");
  for (const auto& dir : stores) {
    const StoreInfo info = inspect(dir, "circa sweep status");
    const ResultStore st(store_path(dir));
    const std::string fidelity =
        info.report_spec.empty()
            ? ""
            : nlohmann::json::parse(info.report_spec).value("fidelity", std::string());
    // ok first: a running sweep adds rows between the two reads, so done >= ok.
    const size_t ok = st.done_keys(version, fidelity, false).size();
    const size_t done = std::max(ok, st.done_keys(version, fidelity, true).size());
    const size_t total = info.points.empty() ? done : std::stoul(info.points);
    const std::string label = info.shard.empty() ? "sweep" : "shard " + info.shard;
    out << fmt::format("{:<10} {:>9} {:>9} {:>9} {:>9}  {}\n", label, ok, done - ok,
                       total > done ? total - done : 0, total, dir);
    if (info.shard.empty()) continue;
    ++shard_stores;
    ok_sum += ok, failed_sum += done - ok, total_sum += total;
  }
  if (shard_stores > 1)
    out << fmt::format("{:<10} {:>9} {:>9} {:>9} {:>9}\n", "shards", ok_sum, failed_sum,
                       total_sum > ok_sum + failed_sum ? total_sum - ok_sum - failed_sum : 0,
                       total_sum);
  return 0;
}

}  // namespace circa::sweep
