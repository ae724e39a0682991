#include "sweep/store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <stdexcept>
#include <thread>

#include "common/error.hpp"
#include "sweep/config_delta.hpp"
#include "sweep/sha256.hpp"

namespace circa::sweep {
namespace {

/// What the user can do about an SQLite error code: a full disk keeps the rows already committed,
/// so the sweep resumes once there is room.
std::string store_hint(int rc) {
  if ((rc & 0xff) == SQLITE_FULL)
    return "the disk is full: free space (or choose another --out) and run the sweep again; the "
           "points stored so far are kept";
  return "if the file is damaged or not a Circa store, move it away and run the sweep again";
}

/// The tables; the status column admits the names of kPointStatusNames ("'ok', 'failed'").
std::string schema() {
  std::string statuses;
  for (const auto& e : kPointStatusNames)
    statuses += (statuses.empty() ? "'" : ", '") + std::string(e.name) + "'";
  return R"(
CREATE TABLE IF NOT EXISTS points (
  key TEXT NOT NULL,
  version TEXT NOT NULL,
  fidelity TEXT NOT NULL,
  inputs TEXT NOT NULL,
  config TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ()" +
         statuses + R"()),
  error TEXT NOT NULL,
  metrics TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  seconds REAL NOT NULL,
  PRIMARY KEY (key, version, fidelity));
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS config_bases (id TEXT PRIMARY KEY, text TEXT NOT NULL);
)";
}

/// A prepared statement that finalizes itself; or, given `*kept` (prepared on first use and
/// kept there by the caller), one that is reset for the next use instead.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) fail();
  }
  Statement(sqlite3* db, const char* sql, sqlite3_stmt** kept) : db_(db), kept_(true) {
    if (!*kept && sqlite3_prepare_v2(db, sql, -1, kept, nullptr) != SQLITE_OK) fail();
    stmt_ = *kept;
  }
  ~Statement() {
    if (!kept_) {
      sqlite3_finalize(stmt_);
      return;
    }
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.c_str(), -1, SQLITE_TRANSIENT);
  }
  void bind(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
  /// Steps once; true while a row is available.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail();
  }
  std::string text(int i) const {
    const auto* t = sqlite3_column_text(stmt_, i);
    return t ? reinterpret_cast<const char*>(t) : "";
  }
  double real(int i) const { return sqlite3_column_double(stmt_, i); }

 private:
  /// SQLite's verdict on the file (damaged, not a database, other tables, disk full, read-only):
  /// the user's file or disk, so a ConfigError naming the store.
  [[noreturn]] void fail() const {
    const char* file = sqlite3_db_filename(db_, "main");
    throw ConfigError("results store '" + std::string(file ? file : "?") +
                      "': " + sqlite3_errmsg(db_) + "; " + store_hint(sqlite3_errcode(db_)));
  }

  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  bool kept_ = false;
};

}  // namespace

const char* to_string(PointStatus s) {
  return name_in(kPointStatusNames, s);
}

std::ostream& operator<<(std::ostream& os, PointStatus s) {
  return os << to_string(s);
}

nlohmann::json ResultStore::json_column(const std::string& text, const std::string& key,
                                        const char* column) const {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) not_json(key, column);
  return j;
}

void ResultStore::not_json(const std::string& key, const char* column) const {
  throw ConfigError("results store '" + path_ + "': point " + key + ": column " + column +
                    " is not JSON; the file is damaged: move it away and run the sweep again");
}

PointStatus ResultStore::status_of(const std::string& text) const {
  PointStatus s{};
  if (!parse_name(kPointStatusNames, text, &s))
    throw ConfigError("results store '" + path_ + "': unknown point status '" + text +
                      "'; was it written by a newer Circa?");
  return s;
}

ResultStore::ResultStore(const std::string& path) : path_(path) {
  if (sqlite3_open_v2(path.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw ConfigError("cannot open results store '" + path + "': " + msg);
  }
  // Another process (a report, a second sweep) may hold the lock briefly: wait instead of failing.
  sqlite3_busy_timeout(db_, 10000);
  try {
    exec("PRAGMA journal_mode=WAL;");
    // NORMAL is durable against a killed process in WAL mode; only a power cut can lose the tail.
    exec("PRAGMA synchronous=NORMAL;");
    // A merge of a million rows is one transaction: its WAL file (as large as the rows) is cut
    // back after the checkpoint instead of staying on disk beside the store.
    exec("PRAGMA journal_size_limit=67108864;");
    exec(schema());
  } catch (...) {
    sqlite3_close(db_);
    throw;
  }
}

ResultStore::~ResultStore() {
  try {  // a failed write has no one to tell: its rows are missing, and a resumed sweep runs them
    std::lock_guard<std::mutex> lock(mutex_);
    write_pending_locked();
  } catch (...) {
  }
  sqlite3_finalize(insert_);
  sqlite3_close(db_);
}

void ResultStore::flush() {
  std::lock_guard<std::mutex> lock(mutex_);
  write_pending_locked();
}

void ResultStore::write_pending_locked() const {
  if (pending_.empty()) return;
  last_write_ = std::chrono::steady_clock::now();
  std::vector<PendingRow> rows;
  rows.swap(pending_);  // written or lost: a failed batch is run again on resume
  exec("BEGIN IMMEDIATE;");
  try {
    for (const PendingRow& r : rows) {
      Statement st(
          db_,
          "INSERT OR REPLACE INTO points VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
          &insert_);  // parsed once: it was half of a row's time
      for (int i = 0; i < 10; ++i) st.bind(i + 1, r.text[static_cast<size_t>(i)]);
      st.bind(11, r.seconds);
      st.step();
    }
    exec("COMMIT;");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK;", nullptr, nullptr, nullptr);
    throw;
  }
}

void ResultStore::exec(const std::string& sql) const {
  char* err = nullptr;
  int rc = SQLITE_BUSY;
  // Switching to WAL and creating the schema can meet SQLITE_BUSY without the busy handler being
  // consulted (another process opening the same store at the same moment): retry for a while.
  for (int attempt = 0; attempt < 1000 && (rc == SQLITE_BUSY || rc == SQLITE_LOCKED); ++attempt) {
    sqlite3_free(err);
    err = nullptr;
    rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (rc != SQLITE_OK) {
    const std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw ConfigError("results store '" + path_ + "': " + msg + "; " + store_hint(rc));
  }
}

std::set<std::string> ResultStore::done_keys(const std::string& version,
                                             const std::string& fidelity, bool with_failed) const {
  std::lock_guard<std::mutex> lock(mutex_);
  write_pending_locked();
  Statement st(db_, "SELECT key, status FROM points WHERE version = ?1 AND fidelity = ?2");
  st.bind(1, version);
  st.bind(2, fidelity);
  std::set<std::string> keys;
  while (st.step())
    if (with_failed || status_of(st.text(1)) == PointStatus::ok) keys.insert(st.text(0));
  return keys;
}

size_t ResultStore::merge_from(const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  write_pending_locked();
  {
    Statement attach(db_, "ATTACH DATABASE ?1 AS shard");
    attach.bind(1, path);
    attach.step();
  }
  size_t rows = 0;
  try {
    exec("BEGIN IMMEDIATE;");
    exec(
        "INSERT OR REPLACE INTO points SELECT key, version, fidelity, inputs, config, status, "
        "error, metrics, started_at, finished_at, seconds FROM shard.points;");
    rows = static_cast<size_t>(sqlite3_changes(db_));
    // The bases its config deltas need (a store of an older Circa has neither).
    bool has_bases = false;
    {
      Statement t(db_,
                  "SELECT 1 FROM shard.sqlite_master WHERE type = 'table' AND name = "
                  "'config_bases'");
      has_bases = t.step();
    }
    if (has_bases)
      exec("INSERT OR IGNORE INTO config_bases SELECT id, text FROM shard.config_bases;");
    exec("COMMIT;");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK;", nullptr, nullptr, nullptr);
    sqlite3_exec(db_, "DETACH DATABASE shard;", nullptr, nullptr, nullptr);
    throw;
  }
  exec("DETACH DATABASE shard;");
  return rows;
}

void ResultStore::set_config_base(const std::string& text) {
  std::lock_guard<std::mutex> lock(mutex_);
  base_ = text;
  base_id_ = sha256_hex(text);
  Statement st(db_, "INSERT OR IGNORE INTO config_bases VALUES (?1, ?2)");
  st.bind(1, base_id_);
  st.bind(2, base_);
  st.step();
  bases_[base_id_] = base_;
}

std::string ResultStore::config_text(const std::string& stored, const std::string& key) const {
  std::string id;
  if (!is_config_delta(stored, &id)) return stored;
  auto it = bases_.find(id);
  if (it == bases_.end()) {
    Statement st(db_, "SELECT text FROM config_bases WHERE id = ?1");
    st.bind(1, id);
    if (!st.step())
      throw ConfigError("results store '" + path_ + "': point " + key +
                        ": its config refers to base " + id.substr(0, 12) +
                        ", which the store does not hold; the file is damaged: move it away and "
                        "run the sweep again");
    it = bases_.emplace(id, st.text(0)).first;
  }
  return decode_config(stored, it->second);
}

void ResultStore::put(const StoredPoint& p) {
  // The texts first, outside the lock: threads putting points at once serialise only on SQLite.
  PendingRow r;
  r.text = {
      p.key,
      p.version,
      p.fidelity,
      p.inputs.dump(),
      base_id_.empty() || p.config.empty() ? p.config : encode_config(p.config, base_, base_id_),
      std::string(to_string(p.status)),
      p.error,
      p.metrics.is_null() ? std::string("null") : p.metrics.dump(),
      p.started_at,
      p.finished_at};
  r.seconds = p.seconds;
  std::lock_guard<std::mutex> lock(mutex_);
  pending_.push_back(std::move(r));
  if (pending_.size() >= kCommitRows ||
      std::chrono::steady_clock::now() - last_write_ >= kCommitEvery)
    write_pending_locked();
}

std::vector<StoredPoint> ResultStore::all(bool with_config) const {
  // Without the config text (a kilobyte or more per point) the same columns, '' in its place.
  return query(with_config ? "SELECT * FROM points ORDER BY key, version, fidelity"
                           : "SELECT key, version, fidelity, inputs, '', status, error, "
                             "metrics, started_at, finished_at, seconds FROM points ORDER "
                             "BY key, version, fidelity",
               {});
}

std::vector<StoredPoint> ResultStore::all_at(const std::string& version,
                                             const std::string& fidelity) const {
  return query("SELECT * FROM points WHERE version = ?1 AND fidelity = ?2 ORDER BY key",
               {version, fidelity});
}

std::vector<StoredPoint> ResultStore::query(const char* sql,
                                            const std::vector<std::string>& params) const {
  std::lock_guard<std::mutex> lock(mutex_);
  write_pending_locked();
  Statement st(db_, sql);
  for (size_t i = 0; i < params.size(); ++i) st.bind(static_cast<int>(i + 1), params[i]);
  std::vector<StoredPoint> rows;
  while (st.step()) {
    StoredPoint p;
    p.key = st.text(0);
    p.version = st.text(1);
    p.fidelity = st.text(2);
    p.inputs = json_column(st.text(3), p.key, "inputs");
    p.config = config_text(st.text(4), p.key);
    p.status = status_of(st.text(5));
    p.error = st.text(6);
    p.metrics = json_column(st.text(7), p.key, "metrics");
    p.started_at = st.text(8);
    p.finished_at = st.text(9);
    p.seconds = st.real(10);
    rows.push_back(std::move(p));
  }
  return rows;
}

void ResultStore::for_each_summary(const std::string& version, const std::string& fidelity,
                                   const std::function<void(StoredSummary&&)>& f) const {
  std::lock_guard<std::mutex> lock(mutex_);
  write_pending_locked();
  // SQLite picks the values out of the metrics text: the breakdowns are never parsed here.
  // Damaged metrics text is named by point, as json_column does.
  Statement st(db_,
               "SELECT key, status, error, seconds, inputs, json_valid(metrics), CASE WHEN "
               "json_valid(metrics) THEN json_extract(metrics, '$.values') END FROM points "
               "WHERE version = ?1 AND fidelity = ?2 ORDER BY finished_at, key");
  st.bind(1, version);
  st.bind(2, fidelity);
  while (st.step()) {
    StoredSummary s;
    s.key = st.text(0);
    s.status = status_of(st.text(1));
    s.error = st.text(2);
    s.seconds = st.real(3);
    s.inputs = json_column(st.text(4), s.key, "inputs");
    if (st.real(5) == 0) not_json(s.key, "metrics");
    const std::string values = st.text(6);
    if (!values.empty()) s.values = json_column(values, s.key, "metrics");
    f(std::move(s));
  }
}

nlohmann::json ResultStore::metrics_of(const std::string& key, const std::string& version,
                                       const std::string& fidelity) const {
  std::lock_guard<std::mutex> lock(mutex_);
  write_pending_locked();
  Statement st(db_, "SELECT metrics FROM points WHERE key = ?1 AND version = ?2 AND fidelity = ?3");
  st.bind(1, key);
  st.bind(2, version);
  st.bind(3, fidelity);
  return st.step() ? json_column(st.text(0), key, "metrics") : nlohmann::json();
}

void ResultStore::index_metrics(const std::vector<std::string>& metrics) {
  for (const auto& m : metrics) {
    const bool plain = !m.empty() && std::all_of(m.begin(), m.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    });
    CIRCA_CHECK(plain, "metric name '" + m + "' cannot name an index");
    std::lock_guard<std::mutex> lock(mutex_);
    exec("CREATE INDEX IF NOT EXISTS metric_" + m + " ON points (json_extract(metrics, '$.values." +
         m + "'));");
  }
}

void ResultStore::set_meta(const std::string& name, const std::string& value) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement st(db_, "INSERT OR REPLACE INTO meta VALUES (?1, ?2)");
  st.bind(1, name);
  st.bind(2, value);
  st.step();
}

std::string ResultStore::meta(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement st(db_, "SELECT value FROM meta WHERE name = ?1");
  st.bind(1, name);
  return st.step() ? st.text(0) : "";
}

std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms));
  return out;
}

}  // namespace circa::sweep
