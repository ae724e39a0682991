// The results store: one SQLite file per sweep folder, in WAL mode so a killed sweep loses at most
// the points in flight and a reader (a report, a test) never blocks the writer. One row per point,
// keyed by (content key, tool version, fidelity); each row is committed on its own, so a resumed
// sweep finds exactly the points that finished.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <mutex>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "common/enum_names.hpp"

struct sqlite3;

namespace circa::sweep {

/// How a point's evaluation ended.
enum class PointStatus { ok, failed };
/// The names the store keeps in its status column (unchanged, so older stores stay readable).
inline constexpr std::array<EnumName<PointStatus>, 2> kPointStatusNames = {{
    {PointStatus::ok, "ok"},
    {PointStatus::failed, "failed"},
}};
const char* to_string(PointStatus s);
std::ostream& operator<<(std::ostream& os, PointStatus s);

struct StoredPoint {
  std::string key;
  std::string version;
  std::string fidelity;
  nlohmann::json inputs = nlohmann::json::object();  ///< axis parameter -> value text
  std::string config;                                ///< canonical accelerator YAML
  PointStatus status = PointStatus::failed;
  std::string error;                                 ///< one line, for failed points
  nlohmann::json metrics;                            ///< metrics_to_json(), for ok points
  std::string started_at;                            ///< UTC, ISO 8601
  std::string finished_at;
  double seconds = 0;
};

class ResultStore {
 public:
  /// Opens (creating when needed) the store at `path`; throws ConfigError when it cannot.
  explicit ResultStore(const std::string& path);
  ~ResultStore();
  ResultStore(const ResultStore&) = delete;
  ResultStore& operator=(const ResultStore&) = delete;

  /// Keys already recorded for this version and fidelity (failed ones only if `with_failed`).
  std::set<std::string> done_keys(const std::string& version, const std::string& fidelity,
                                  bool with_failed) const;
  /// Records one point in its own transaction, replacing an earlier row with the same key.
  /// Safe to call from several threads.
  void put(const StoredPoint& p);
  /// Copies every row of the store at `path` into this one, replacing rows with the same key,
  /// version and fidelity, in one transaction inside SQLite (no row held in memory); returns
  /// the number of rows copied.
  size_t merge_from(const std::string& path);
  /// Every row, ordered by key and fidelity; `with_config` = false leaves each config empty
  /// (reports do not show it, and it is most of a row's size in a large sweep).
  std::vector<StoredPoint> all(bool with_config = true) const;

  /// An index on each metric's value (metrics.values.<name>, e.g. the sweep's objectives), so
  /// queries that sort or filter by them stay fast on a million rows. Names are metric names
  /// (letters, digits, '_'); InternalError otherwise.
  void index_metrics(const std::vector<std::string>& metrics);

  void set_meta(const std::string& name, const std::string& value);
  std::string meta(const std::string& name) const;  ///< "" when absent

 private:
  void exec(const std::string& sql) const;
  /// The status stored as `text`; ConfigError when the store holds another name.
  PointStatus status_of(const std::string& text) const;
  /// A JSON column of point `key`; ConfigError when the text is not JSON (a damaged store).
  nlohmann::json json_column(const std::string& text, const std::string& key,
                             const char* column) const;
  sqlite3* db_ = nullptr;
  std::string path_;
  mutable std::mutex mutex_;
};

/// Now, as UTC ISO 8601 with milliseconds ("2024-05-01T12:00:00.123Z").
std::string utc_now();

}  // namespace circa::sweep
