// The results store: one SQLite file per sweep folder, in WAL mode so a reader (a report, a test)
// never blocks the writer. One row per point, keyed by (content key, tool version, fidelity).
// Rows are written together, at most kCommitEvery apart, in one short transaction (a transaction
// a point was 40% of an analytical point's CPU; holding one open between writes would starve
// readers of the lock); a killed sweep loses the points in flight and those finished in the last
// kCommitEvery, and a resumed sweep runs exactly the points the store does not hold.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "common/enum_names.hpp"

struct sqlite3;
struct sqlite3_stmt;

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

/// A row without its config and breakdowns: what results are built from, a row at a time.
struct StoredSummary {
  std::string key;
  PointStatus status = PointStatus::failed;
  std::string error;
  double seconds = 0;
  nlohmann::json inputs = nlohmann::json::object();
  nlohmann::json values;  ///< metrics.values; null for failed points
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
  /// The canonical config most points differ from in a few lines (the sweep's base): later
  /// put()s store their config as the lines that differ (config_delta.hpp), and the text is
  /// kept once, in table config_bases. all() gives the whole text back. Call it before any put
  /// (put reads the base without the lock).
  void set_config_base(const std::string& text);
  /// Records one point, replacing an earlier row with the same key: held, and written with the
  /// rows put since the last write once that is kCommitEvery ago (or kCommitRows rows), else by
  /// the next put, flush(), read or the destructor. Safe to call from several threads.
  void put(const StoredPoint& p);
  /// Writes the rows put since the last write.
  void flush();
  static constexpr std::chrono::milliseconds kCommitEvery{200};
  static constexpr size_t kCommitRows = 2048;
  /// Copies every row of the store at `path` into this one, replacing rows with the same key,
  /// version and fidelity, in one transaction inside SQLite (no row held in memory); returns
  /// the number of rows copied.
  size_t merge_from(const std::string& path);
  /// Every row, ordered by key and fidelity; `with_config` = false leaves each config empty
  /// (reports do not show it, and it is most of a row's size in a large sweep).
  std::vector<StoredPoint> all(bool with_config = true) const;
  /// The rows of `version` at `fidelity` (with their configs), ordered by key.
  std::vector<StoredPoint> all_at(const std::string& version, const std::string& fidelity) const;
  /// Calls `f` on every row of `version` at `fidelity`, ordered by finish time then key, one at
  /// a time (a million rows are never all in memory); `f` must not use this store.
  void for_each_summary(const std::string& version, const std::string& fidelity,
                        const std::function<void(StoredSummary&&)>& f) const;
  /// The metrics of one row (null when absent or failed), by its primary key.
  nlohmann::json metrics_of(const std::string& key, const std::string& version,
                            const std::string& fidelity) const;

  /// An index on each metric's value (metrics.values.<name>, e.g. the sweep's objectives), so
  /// queries that sort or filter by them stay fast on a million rows. Names are metric names
  /// (letters, digits, '_'); InternalError otherwise.
  void index_metrics(const std::vector<std::string>& metrics);

  void set_meta(const std::string& name, const std::string& value);
  std::string meta(const std::string& name) const;  ///< "" when absent

 private:
  void exec(const std::string& sql) const;
  /// flush() with mutex_ held: one transaction; the rows are dropped if it fails.
  void write_pending_locked() const;
  /// The status stored as `text`; ConfigError when the store holds another name.
  PointStatus status_of(const std::string& text) const;
  /// A JSON column of point `key`; ConfigError when the text is not JSON (a damaged store).
  nlohmann::json json_column(const std::string& text, const std::string& key,
                             const char* column) const;
  /// The rows `sql` selects (every column of points, in order), its ?N bound to `params`.
  std::vector<StoredPoint> query(const char* sql, const std::vector<std::string>& params) const;
  /// ConfigError: column `column` of point `key` is not JSON (a damaged store).
  [[noreturn]] void not_json(const std::string& key, const char* column) const;
  /// The stored config column as the whole text (a delta decoded against its base).
  std::string config_text(const std::string& stored, const std::string& key) const;
  sqlite3* db_ = nullptr;
  std::string path_;
  std::string base_, base_id_;                        ///< set_config_base's, for put()
  mutable std::map<std::string, std::string> bases_;  ///< config_bases read so far, by id
  mutable std::mutex mutex_;
  /// A put's columns as text (key .. finished_at) and its seconds, until written.
  struct PendingRow {
    std::array<std::string, 10> text;
    double seconds = 0;
  };
  mutable std::vector<PendingRow> pending_;
  mutable sqlite3_stmt* insert_ = nullptr;  ///< the rows' statement, prepared once
  /// The last write; long ago at first, so the first row is written at once.
  mutable std::chrono::steady_clock::time_point last_write_{};
};

/// Now, as UTC ISO 8601 with milliseconds ("2024-05-01T12:00:00.123Z").
std::string utc_now();

}  // namespace circa::sweep
