// What keeps a million-point sweep usable: configs stored as deltas against the sweep's base
// (and read back whole, also after a merge and from stores written before), results.json
// bounded by kMaxJsonPoints with the front kept and the counts said, every point in the CSV, and
// a page of bounded size. The figures of a real million-point run come from
// `circa sweep configs/sweeps/million.yaml` (README), not from timed tests.
#define BOOST_TEST_MODULE sweep_large
#include <sqlite3.h>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sweep/config_delta.hpp"
#include "sweep/export.hpp"
#include "sweep/report_html.hpp"
#include "sweep/results.hpp"
#include "sweep/runner.hpp"
#include "sweep/store.hpp"
#include "sweep_test_util.hpp"

using namespace circa;
using namespace circa::sweep;
using circa::sweep::test::read_text;
using circa::sweep::test::TempDir;
using circa::sweep::test::two_objectives;

namespace {

/// A base config of a config's length (80-odd lines), and the same with 16 lanes.
std::string config_text(int lanes) {
  std::string s = "kind: accelerator\nblock_size: 64\nmac:\n  lanes: " + std::to_string(lanes) +
                  "\nclock_mhz: 800\nformats:\n";
  for (int i = 0; i < 80; ++i) s += "  f" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  return s;
}
const std::string kBaseText = config_text(8);

StoredPoint point(const std::string& key, double energy, double area, const std::string& config) {
  StoredPoint p;
  p.key = key;
  p.version = "v1";
  p.fidelity = "analytical";
  p.inputs = {{"mac.lanes", key}};
  p.config = config;
  p.status = PointStatus::ok;
  p.metrics = {{"values", {{"energy_per_inference_uj", energy}, {"area_mm2", area}}},
               {"breakdowns", {{"area_um2", {{"mac", area * 1e6}}}}}};
  p.started_at = p.finished_at = "2024-01-01T00:00:00.000Z";
  return p;
}

/// The config column as stored, not decoded.
std::string raw_config(const std::string& path, const std::string& key) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT config FROM points WHERE key = ?1", -1, &st, nullptr);
  sqlite3_bind_text(st, 1, key.c_str(), -1, SQLITE_TRANSIENT);
  std::string text;
  if (sqlite3_step(st) == SQLITE_ROW)
    text = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(large)

BOOST_AUTO_TEST_CASE(a_config_delta_gives_the_text_back) {
  const std::string lanes16 = config_text(16);
  const std::string delta = encode_config(lanes16, kBaseText, "id");
  BOOST_TEST(delta == std::string(kConfigDeltaTag) + "id\n3   lanes: 16\n");
  std::string id;
  BOOST_TEST(is_config_delta(delta, &id));
  BOOST_TEST(id == "id");
  BOOST_TEST(decode_config(delta, kBaseText) == lanes16);
  BOOST_TEST(decode_config(encode_config(kBaseText, kBaseText, "id"), kBaseText) == kBaseText);
  const std::string longer = kBaseText + "extra: 1\n";  // another shape: kept whole
  BOOST_TEST(encode_config(longer, kBaseText, "id") == longer);
  BOOST_TEST(!is_config_delta(longer, nullptr));
  BOOST_CHECK_THROW(decode_config(std::string(kConfigDeltaTag) + "id\n99 x\n", kBaseText),
                    ConfigError);
  BOOST_CHECK_THROW(decode_config(std::string(kConfigDeltaTag) + "id\nx\n", kBaseText),
                    ConfigError);
}

BOOST_AUTO_TEST_CASE(stores_keep_deltas_and_read_and_merge_whole_configs) {
  TempDir dir;
  const std::string lanes16 = config_text(16);
  const std::string a = dir.path("a.sqlite"), b = dir.path("b.sqlite");
  {
    ResultStore s(a);
    s.put(point("old", 1, 1, lanes16));  // before set_config_base: kept whole, as older stores
    s.set_config_base(kBaseText);
    s.put(point("new", 2, 2, lanes16));
  }
  BOOST_TEST(raw_config(a, "old") == lanes16);
  BOOST_TEST(raw_config(a, "new").rfind(kConfigDeltaTag, 0) == 0u);
  BOOST_TEST(raw_config(a, "new").size() < lanes16.size());
  for (const auto& p : ResultStore(a).all()) BOOST_TEST(p.config == lanes16, p.key);
  ResultStore merged(b);
  BOOST_TEST(merged.merge_from(a) == 2u);
  for (const auto& p : merged.all()) BOOST_TEST(p.config == lanes16, p.key);
  BOOST_TEST(merged.all_at("v1", "analytical").size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_large_sweeps_json_is_bounded_and_its_csv_complete) {
  // More points than results.json lists: every 50th on the front (a line of trade-offs), the
  // others dominated.
  const size_t n = kMaxJsonPoints + kMaxJsonPoints / 4;
  TempDir dir;
  {
    ResultStore s(store_path(dir.path()));
    s.set_meta("report_spec", to_json(two_objectives()).dump());
    s.set_config_base(kBaseText);
    for (size_t i = 0; i < n; ++i) {
      const double x = static_cast<double>(i);
      s.put(i % 50 == 0 ? point(std::to_string(i), x, 1e6 - x, kBaseText)
                        : point(std::to_string(i), x + 60, 1e6 - x + 60, kBaseText));
    }
  }
  const ResultSet r = load_results(dir.path(), "v1");
  BOOST_REQUIRE(r.rows.size() == n);
  write_reports(r, dir.path());
  const nlohmann::json j = nlohmann::json::parse(read_text(dir.path("results.json")));
  BOOST_TEST(j["points"].size() <= kMaxJsonPoints);
  BOOST_TEST(j["points_total"].get<size_t>() == n);
  BOOST_TEST(j["points_listed"].get<size_t>() == j["points"].size());
  BOOST_TEST(j["points_note"].get<std::string>() == kPartialJsonNote);
  size_t front_listed = 0;
  for (const auto& p : j["points"]) {
    front_listed += p["front_rank"].get<int>() > 0;
    BOOST_TEST(p["metrics"]["breakdowns"]["area_um2"].contains("mac"));  // read from the store
  }
  BOOST_TEST(front_listed == front(r).size());
  std::ifstream csv(dir.path("results.csv"));
  size_t lines = 0;
  for (std::string line; std::getline(csv, line);) ++lines;
  BOOST_TEST(lines == n + 1);  // the header and every point
  const std::string html = read_text(dir.path("report.html"));
  BOOST_TEST(html.size() < 4u * 1024 * 1024);
  BOOST_TEST(html.find("results.json lists at most") != std::string::npos);
  std::ostringstream partial;
  print_partial_json_note(r, partial);
  BOOST_TEST(partial.str().find("results.json lists " + std::to_string(j["points"].size()) +
                                " of " + std::to_string(n)) != std::string::npos,
             partial.str());
}

BOOST_AUTO_TEST_CASE(a_small_sweeps_json_lists_every_point_and_says_nothing) {
  std::vector<StoredPoint> rows = {point("a", 1, 2, ""), point("b", 2, 1, "")};
  const ResultSet r = build_results(two_objectives(), "v1", rows, nullptr);
  std::ostringstream out, note;
  write_results_json(r, out, kMaxJsonPoints);
  const nlohmann::json j = nlohmann::json::parse(out.str());
  BOOST_TEST(j["points"].size() == 2u);
  BOOST_TEST(!j.contains("points_total"));
  print_partial_json_note(r, note);
  BOOST_TEST(note.str().empty());
}

BOOST_AUTO_TEST_SUITE_END()
