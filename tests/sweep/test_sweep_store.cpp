// The pieces under the runner: SHA-256 keys, the SQLite store (WAL, replace, done keys, meta),
// Pareto dominance, feasibility and ranks, and the CSV/JSON exports.
#define BOOST_TEST_MODULE sweep_store
#include <sqlite3.h>
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sweep/export.hpp"
#include "sweep/report_html.hpp"
#include "sweep/results.hpp"
#include "sweep/runner.hpp"
#include "sweep/sha256.hpp"
#include "sweep/store.hpp"
#include "sweep_test_util.hpp"

using namespace circa;
using namespace circa::sweep;
using circa::sweep::test::TempDir;
using circa::sweep::test::two_objectives;

namespace {

StoredPoint point(const std::string& key, double energy, double area,
                  const std::string& fidelity = "analytical") {
  StoredPoint p;
  p.key = key;
  p.version = "v1";
  p.fidelity = fidelity;
  p.inputs = {{"mac.lanes", key}};
  p.status = PointStatus::ok;
  p.metrics = {{"values", {{"energy_per_inference_uj", energy}, {"area_mm2", area}}},
               {"breakdowns", {{"area_um2", {{"mac", area * 1e6}}}}}};
  p.started_at = p.finished_at = utc_now();
  return p;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(store)

BOOST_AUTO_TEST_CASE(sha256_matches_the_fips_vectors) {
  BOOST_TEST(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  BOOST_TEST(sha256_hex("abc") ==
             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  BOOST_TEST(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  BOOST_TEST(sha256_hex(std::string(1000000, 'a')) ==
             "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

BOOST_AUTO_TEST_CASE(store_is_wal_and_keeps_one_row_per_key_version_fidelity) {
  TempDir dir;
  const std::string path = dir.path("r.sqlite");
  {
    ResultStore s(path);
    s.put(point("a", 1, 1));
    s.put(point("a", 2, 2));                    // replaces
    s.put(point("a", 3, 3, "cycle_accurate"));  // another fidelity: another row
    StoredPoint bad = point("b", 0, 0);
    bad.status = PointStatus::failed;
    bad.error = "boom";
    bad.metrics = nullptr;
    s.put(bad);
    s.set_meta("x", "y");
  }
  const ResultStore s(path);
  const auto all = s.all();
  BOOST_REQUIRE(all.size() == 3u);
  BOOST_TEST(all[0].metrics["values"]["energy_per_inference_uj"].get<double>() == 2.0);
  BOOST_TEST(all[2].error == "boom");
  BOOST_TEST(s.done_keys("v1", "analytical", true).size() == 2u);
  BOOST_TEST(s.done_keys("v1", "analytical", false).size() == 1u);
  BOOST_TEST(s.done_keys("v2", "analytical", true).empty(),
             "another tool version redoes every point");
  BOOST_TEST(s.meta("x") == "y");
  BOOST_TEST(s.meta("missing") == "");
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr);
  BOOST_REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  BOOST_TEST(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "wal");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

BOOST_AUTO_TEST_CASE(a_store_written_before_the_status_enum_reads_back) {
  // The schema and rows as Circa wrote them when the status was a string: the stored names
  // are still "ok" and "failed".
  TempDir dir;
  const std::string path = dir.path("old.sqlite");
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  const char* old = R"(
CREATE TABLE points (key TEXT NOT NULL, version TEXT NOT NULL, fidelity TEXT NOT NULL,
  inputs TEXT NOT NULL, config TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'failed')), error TEXT NOT NULL,
  metrics TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT NOT NULL,
  seconds REAL NOT NULL, PRIMARY KEY (key, version, fidelity));
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO points VALUES ('a', 'v1', 'analytical', '{}', '', 'ok', '', '{"values":{}}', 't', 't', 1);
INSERT INTO points VALUES ('b', 'v1', 'analytical', '{}', '', 'failed', 'boom', 'null', 't', 't', 1);
)";
  BOOST_REQUIRE(sqlite3_exec(db, old, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  ResultStore s(path);
  const auto all = s.all();
  BOOST_REQUIRE(all.size() == 2u);
  BOOST_TEST(all[0].status == PointStatus::ok);
  BOOST_TEST(all[1].status == PointStatus::failed);
  BOOST_TEST(s.done_keys("v1", "analytical", false).size() == 1u);
  StoredPoint c = all[0];
  c.key = "c";
  s.put(c);  // the new code writes into the old table
  BOOST_TEST(s.all().size() == 3u);
}

BOOST_AUTO_TEST_CASE(unopenable_store_is_a_config_error) {
  BOOST_CHECK_THROW(ResultStore("/nonexistent/dir/r.sqlite"), ConfigError);
}

// Found by fuzz_sweep_store: a store edited or damaged outside Circa ended `circa sweep export`
// in an uncaught JSON exception ("unexpected error", exit 3). Each case is now a ConfigError.
BOOST_AUTO_TEST_CASE(damaged_store_is_a_config_error_naming_the_file) {
  TempDir dir;
  const std::string path = store_path(dir.path());
  {
    ResultStore s(path);
    s.put(point("p1", 1, 2));
    s.set_meta("report_spec", results_json(build_results(two_objectives(), "v1", {}, nullptr)).dump());
  }
  BOOST_TEST(load_results(dir.path(), "v1").rows.size() == 1u);
  auto damage = [&](const char* sql) {
    sqlite3* db = nullptr;
    BOOST_REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    BOOST_REQUIRE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  };
  auto error = [&] {
    try {
      load_results(dir.path(), "v1");
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  auto says = [](const std::string& msg, const std::string& part) {
    BOOST_TEST(msg.find(part) != std::string::npos, msg);
    BOOST_TEST(msg.find("move it away and run the sweep again") != std::string::npos, msg);
  };
  damage("UPDATE points SET metrics = '{\"values\": {' WHERE key = 'p1'");
  says(error(), "results store '" + path + "': point p1: column metrics is not JSON");
  damage("UPDATE points SET metrics = 'null' WHERE key = 'p1'");
  damage("UPDATE meta SET value = '{\"objectives\": [\"minimise\"a' WHERE name = 'report_spec'");
  says(error(), "results store '" + path + "' is damaged ([json.exception.parse_error");
  damage("UPDATE meta SET value = '{\"name\": 5}' WHERE name = 'report_spec'");
  says(error(), "results store '" + path + "' is damaged ([json.exception.");
  std::ofstream(path, std::ios::binary | std::ios::trunc) << std::string(4096, 'x');
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  says(error(), "results store '" + path + "': file is not a database");
}

BOOST_AUTO_TEST_CASE(non_dominated_keeps_the_trade_offs) {
  const auto keep = non_dominated({{1, 5}, {2, 2}, {5, 1}, {3, 3}, {2, 2}, {6, 6}});
  const std::vector<bool> want = {true, true, true, false, true, false};
  BOOST_TEST(keep == want, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(results_rank_the_feasible_front_and_attach_confirmations) {
  ReportSpec spec = two_objectives();
  spec.constraints = {{"area_mm2", Compare::at_most, 4, "max_area_mm2: 4", {}}};
  std::vector<StoredPoint> rows = {point("p1", 1, 5), point("p2", 2, 2), point("p3", 5, 1),
                                   point("p4", 3, 3), point("p2", 9, 9, "cycle_accurate")};
  StoredPoint other = point("p5", 0.1, 0.1);
  other.version = "v0";  // another tool version: not part of these results
  rows.push_back(other);
  const ResultSet r = build_results(spec, "v1", rows, nullptr);
  BOOST_REQUIRE(r.rows.size() == 4u);
  BOOST_TEST(!r.rows[0].feasible);
  BOOST_TEST(r.rows[0].violation == "max_area_mm2: 4");
  BOOST_TEST(r.rows[1].front_rank == 1);  // p2: lowest energy among feasible
  BOOST_TEST(r.rows[2].front_rank == 2);
  BOOST_TEST(r.rows[3].front_rank == 0);  // p4 is dominated by p2
  BOOST_TEST(r.rows[1].confirmation != nullptr);
  BOOST_TEST(r.rows[2].confirmation == nullptr);
  const std::vector<std::string> metrics = {"area_mm2", "energy_per_inference_uj"};
  BOOST_TEST(r.metric_names == metrics, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(maximised_objectives_flip_dominance) {
  ReportSpec spec = two_objectives();
  spec.objectives[1].goal = Goal::maximise;  // now larger area is "better": p1 dominates p2
  const ResultSet r = build_results(spec, "v1", {point("p1", 1, 5), point("p2", 2, 2)}, nullptr);
  BOOST_TEST(r.rows[0].front_rank == 1);
  BOOST_TEST(r.rows[1].front_rank == 0);
}

BOOST_AUTO_TEST_CASE(csv_and_json_carry_every_point) {
  StoredPoint bad = point("p9", 0, 0);
  bad.status = PointStatus::failed;
  bad.error = "x: \"quoted\", with comma";
  bad.metrics = nullptr;
  const StoredPoint good = point("p1", 1, 2);
  bad.finished_at = good.finished_at;  // made first, it may carry an earlier millisecond
  const ResultSet r = build_results(two_objectives(), "v1", {good, bad}, nullptr);
  std::ostringstream csv;
  write_csv(r, csv);
  BOOST_TEST(csv.str() ==
             "key,status,feasible,front_rank,mac.lanes,area_mm2,energy_per_inference_uj,note\n"
             "p1,ok,1,1,p1,2,1,\n"
             "p9,failed,0,0,p9,,,\"x: \"\"quoted\"\", with comma\"\n");
  const auto j = results_json(r);
  BOOST_TEST(j["points"].size() == 2u);
  BOOST_TEST(j["points"][0]["metrics"]["breakdowns"]["area_um2"]["mac"].get<double>() == 2e6);
  BOOST_TEST(j["points"][1]["error"] == bad.error);
  BOOST_TEST(j["objectives"][0]["goal"] == "minimise");
  BOOST_TEST(report_spec_from_json(j).objectives.size() == 2u);
}

BOOST_AUTO_TEST_CASE(objective_indices_serve_queries_by_metric) {
  TempDir dir;
  const std::string path = dir.path("r.sqlite");
  {
    ResultStore s(path);
    s.index_metrics({"energy_per_inference_uj", "area_mm2"});
    s.index_metrics({"area_mm2"});  // again: nothing changes
    s.put(point("a", 1, 2));
  }
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  // The planner uses the index for a query ordered by the metric (no temporary B-tree sort).
  sqlite3_prepare_v2(db,
                     "EXPLAIN QUERY PLAN SELECT key FROM points ORDER BY "
                     "json_extract(metrics, '$.values.area_mm2')",
                     -1, &st, nullptr);
  std::string plan;
  while (sqlite3_step(st) == SQLITE_ROW)
    plan += reinterpret_cast<const char*>(sqlite3_column_text(st, 3)) + std::string("\n");
  sqlite3_finalize(st);
  sqlite3_close(db);
  BOOST_TEST(plan.find("USING INDEX metric_area_mm2") != std::string::npos, plan);
  BOOST_CHECK_THROW(ResultStore(path).index_metrics({"x'); DROP TABLE points; --"}),
                    circa::InternalError);
}

BOOST_AUTO_TEST_CASE(a_large_sweeps_page_carries_the_front_and_a_sample) {
  // 12,000 points on a line of trade-offs every 4th of which is on the front (3,000 rows), the
  // rest dominated: the page keeps the whole front and samples the others up to the limit.
  std::vector<StoredPoint> rows;
  for (int i = 0; i < 12000; ++i)
    rows.push_back(i % 4 == 0 ? point(std::to_string(i), i, 12000 - i)
                              : point(std::to_string(i), i + 5, 12005 - i));
  const ResultSet r = build_results(two_objectives(), "v1", rows, nullptr);
  const auto shown = shown_rows(r);
  size_t front = 0, on_page = 0;
  for (const auto& row : r.rows) front += row.on_front();
  for (const ResultRow* row : shown) on_page += row->on_front();
  BOOST_TEST(front == 3000u);
  BOOST_TEST(on_page == front);
  BOOST_TEST(shown.size() <= kMaxShownRows);
  BOOST_TEST(shown.size() > front + (kMaxShownRows - front) / 2);  // stride sample: over half
  const std::string html = render_report_html(r);
  BOOST_TEST(html.find("The page shows " + std::to_string(shown.size()) + " of the 12000") !=
             std::string::npos);
  BOOST_TEST(html.size() < 8u * 1024 * 1024);
}

BOOST_AUTO_TEST_CASE(streamed_results_json_equals_the_whole_document) {
  StoredPoint failed = point("f", 0, 0);
  failed.status = PointStatus::failed;
  failed.error = "boom";
  std::vector<StoredPoint> rows = {point("p1", 1, 5), point("p2", 2, 2), failed,
                                   point("p2", 9, 9, "cycle_accurate")};
  ReportSpec spec = two_objectives();
  spec.constraints = {{"area_mm2", Compare::at_most, 4, "max_area_mm2: 4", {}}};
  for (size_t n : {size_t{0}, size_t{1}, rows.size()}) {
    const ResultSet r = build_results(
        spec, "v1", std::vector<StoredPoint>(rows.begin(), rows.begin() + n), nullptr);
    std::ostringstream streamed;
    write_results_json(r, streamed);
    BOOST_TEST(streamed.str() == results_json(r).dump(2) + "\n");
  }
}

BOOST_AUTO_TEST_SUITE_END()
