// A sweep split into shards (--shard I/N) and merged holds exactly the rows of the same sweep run
// whole; merging twice changes nothing; merge refuses a store of another sweep or another tool
// version; bad --shard text and merging nothing are one-line errors naming the fix.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "../config_error.hpp"
#include "common/error.hpp"
#include "sweep/merge.hpp"
#include "sweep/runner.hpp"
#include "sweep/shard.hpp"
#include "sweep/store.hpp"
#include "sweep/synthetic_evaluator.hpp"
#include "sweep_test_util.hpp"

using namespace circa;
using namespace circa::sweep;
using namespace circa::sweep::test;

namespace {

const std::string& kAxes = kAxes32;

/// Every row, timestamps included: what a merge must copy unchanged.
std::map<std::string, std::string> rows(const std::string& out, bool with_times) {
  std::map<std::string, std::string> m;
  for (const auto& r : ResultStore(store_path(out)).all())
    m[r.key + "/" + r.fidelity] =
        r.version + "|" + r.inputs.dump() + "|" + r.config + "|" + to_string(r.status) + "|" +
        r.error + "|" + r.metrics.dump() +
        (with_times ? "|" + r.started_at + "|" + r.finished_at + std::to_string(r.seconds) : "");
  return m;
}

RunSummary run(const std::string& file, const std::string& out, const std::string& shard,
               const std::string& version = "test") {
  RunOptions o;
  o.out_dir = out;
  o.jobs = 2;
  o.version = version;
  if (!shard.empty()) o.shard = parse_shard(shard);
  return run_sweep(load_sweep(file), synthetic_evaluator({}), o);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(shard)

BOOST_AUTO_TEST_CASE(shards_merged_equal_the_whole_sweep_and_merging_twice_changes_nothing) {
  TempDir dir;
  const std::string file = dir.write("s.yaml", sweep_yaml(kAxes));
  std::vector<std::string> shards;
  size_t evaluated = 0;
  for (int i = 0; i < 3; ++i) {
    shards.push_back(dir.path("shard" + std::to_string(i)));
    const RunSummary s = run(file, shards.back(), std::to_string(i) + "/3");
    evaluated += s.evaluated;
    BOOST_TEST(s.keys.size() == (i < 2 ? 11u : 10u));  // indices i, i + 3, ... of 32
  }
  BOOST_TEST(evaluated == 32u);
  // A shard run again finds all its points in its store.
  BOOST_TEST(run(file, shards[1], "1/3").evaluated == 0u);
  run(file, dir.path("whole"), "");
  merge_command(dir.path("merged"), shards, "test");
  BOOST_TEST((rows(dir.path("merged"), false) == rows(dir.path("whole"), false)));
  const auto once = rows(dir.path("merged"), true);
  const std::string csv = read_text(dir.path("merged") + "/results.csv");
  merge_command(dir.path("merged"), shards, "test");
  BOOST_TEST((rows(dir.path("merged"), true) == once), "a second merge changed the store");
  BOOST_TEST(read_text(dir.path("merged") + "/results.csv") == csv);
  std::ostringstream status;
  status_command({dir.path("merged"), shards[0]}, "test", status);
  BOOST_TEST(status.str().find("shard 0/3") != std::string::npos, status.str());
}

BOOST_AUTO_TEST_CASE(merge_refuses_another_sweep_and_another_version) {
  TempDir dir;
  const std::string a = dir.write("a.yaml", sweep_yaml(kAxes));
  const std::string b =
      dir.write("b.yaml", sweep_yaml("  mac.lanes: [4, 8]\n  block_size: [16, 64]\n"));
  run(a, dir.path("a0"), "0/2");
  run(b, dir.path("b1"), "1/2");
  run(a, dir.path("a1new"), "1/2", "other");
  const std::string other_sweep = circa::test::config_error_of([&] {
    merge_command(dir.path("m"), {dir.path("a0"), dir.path("b1")}, "test");
  });
  BOOST_TEST(other_sweep.find("holds another sweep") != std::string::npos, other_sweep);
  BOOST_TEST(other_sweep.find('\n') == std::string::npos);
  const std::string other_version = circa::test::config_error_of([&] {
    merge_command(dir.path("m"), {dir.path("a0"), dir.path("a1new")}, "test");
  });
  BOOST_TEST(other_version.find("written by circa other, this is circa test") != std::string::npos,
             other_version);
  BOOST_TEST(!std::filesystem::exists(store_path(dir.path("m"))), "nothing written on refusal");
  // Merging into the store of another sweep is refused too.
  merge_command(dir.path("m"), {dir.path("a0")}, "test");
  const std::string into_other =
      circa::test::config_error_of([&] { merge_command(dir.path("m"), {dir.path("b1")}, "test"); });
  BOOST_TEST(into_other.find("holds another sweep") != std::string::npos, into_other);
}

BOOST_AUTO_TEST_CASE(bad_shards_and_empty_merges_name_the_fix) {
  for (const char* bad : {"", "1", "a/b", "1/", "/2", "-1/2", "2/2", "5/3", "0/0"}) {
    const std::string e = circa::test::config_error_of([&] { parse_shard(bad); });
    BOOST_TEST(e.find("--shard '" + std::string(bad) + "': ") != std::string::npos, e);
    BOOST_TEST(e.find("e.g. --shard") != std::string::npos, e);
  }
  const Shard s = parse_shard("2/3");
  BOOST_TEST(s.size(32) == 10u);
  BOOST_TEST(s.point(1) == 5u);
  TempDir dir;
  BOOST_TEST(circa::test::config_error_of([&] {
               merge_command(dir.path("m"), {}, "test");
             }).find("give the shard folders") != std::string::npos);
  BOOST_TEST(circa::test::config_error_of([&] {
               merge_command(dir.path("m"), {dir.path()}, "test");
             }).find("holds no results.sqlite") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
