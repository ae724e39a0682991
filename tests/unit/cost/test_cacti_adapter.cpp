// The CACTI adapter end to end, against a fake `cacti`: a shell script written into a temp
// folder that checks it runs in its own folder with `-infile <existing cfg>` and a non-blank first
// line (else it hangs, as CACTI does), counts its runs, then replays a recorded sample's stdout and
// stderr and ends like the real run did (exit code, or kill -FPE/-SEGV), or sleeps past a timeout.
#define BOOST_TEST_MODULE cost_cacti_adapter
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <chrono>
#include <filesystem>

#include "common/error.hpp"
#include "cost/cacti_adapter.hpp"
#include "cost_test_support.hpp"

using namespace circa;
using test::make_query;

namespace {

/// A fake CACTI folder (binary + tech_params/) plus a cache folder, in one temp dir.
struct FakeCacti {
  test::TempDir tmp;
  std::string dir = tmp / "cacti-7";
  std::string cache = tmp / "cache";

  /// `ending` is the script's last line: "exit 1", "kill -SEGV $$", "sleep 30", ...
  explicit FakeCacti(const std::string& sample, const std::string& ending = "exit 0") {
    std::filesystem::create_directories(dir + "/tech_params");
    const std::string out =
        sample.empty() ? "/dev/null" : test::sample_path(sample + ".stdout.txt");
    const std::string err =
        sample.empty() ? "/dev/null" : test::sample_path(sample + ".stderr.txt");
    test::spit(dir + "/cacti",
               "#!/bin/sh\n"
               "# fake CACTI for Circa's adapter tests\n"
               "ulimit -c 0\n"
               "[ \"$(pwd -P)\" = '" +
                   dir +
                   "' ] || { echo \"fake cacti: cwd is $(pwd -P)\" >&2; exit 97; }\n"
                   "[ $# -eq 2 ] && [ \"$1\" = -infile ] || { echo 'usage: cacti -infile FILE' "
                   ">&2; exit 98; }\n"
                   "[ -f \"$2\" ] || { echo \"$2 is missing!\"; exit 255; }\n"
                   "[ -n \"$(head -n 1 \"$2\")\" ] || exec sleep 1000\n"
                   "cp \"$2\" last.cfg\n"
                   "echo run >> invocations\n"
                   "cat '" +
                   out +
                   "'\n"
                   "cat '" +
                   err + "' >&2\n" + ending + "\n");
    ::chmod((dir + "/cacti").c_str(), 0755);
  }
  CactiAdapter adapter(double timeout_s = 20.0, bool use_cache = true) const {
    CactiAdapterOptions o;
    o.cacti_dir = dir;
    o.cache_dir = cache;
    o.timeout_s = timeout_s;
    o.use_cache = use_cache;
    return CactiAdapter(o);
  }
  int runs() const {
    std::ifstream in(dir + "/invocations");
    int n = 0;
    for (std::string l; std::getline(in, l);) ++n;
    return n;
  }
};

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// Runs `q` and returns the ToolError text ("" if none); a failing CACTI is a tool failure
/// that names the tool, its command line and its log.
std::string error_of(const CactiAdapter& a, const SramQuery& q) {
  try {
    a.run(q);
  } catch (const ToolError& e) {
    BOOST_TEST(e.tool() == "cacti");
    BOOST_TEST(has(e.command_line(), "-infile"), e.command_line());
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(success_runs_in_cacti_folder_with_infile_and_full_cfg) {
  FakeCacti fake("s1_ram_64KB_64B_45nm_1bank_1rw");
  const SramQuery q = make_query(65536, 64);
  const CactiRun r = fake.adapter().run(q);
  BOOST_TEST(fake.runs() == 1);
  BOOST_TEST(!r.from_cache);
  BOOST_TEST(r.warnings.empty());
  BOOST_TEST(test::slurp(fake.dir + "/last.cfg") == cacti_cfg_text(q));
  BOOST_TEST(test::slurp(r.cfg_path) == cacti_cfg_text(q));
  BOOST_TEST(r.output.access_time_ns == 0.605044);
  BOOST_TEST(r.output.details.at("Ndcm") == 2.0);
}

BOOST_AUTO_TEST_CASE(result_becomes_sram_result_with_units_and_source) {
  FakeCacti fake("s2_ram_1MB_16B_90nm_4banks_1rw");
  const SramResult r = fake.adapter().estimate(make_query(1 << 20, 16, 90, 4));
  BOOST_TEST(r.read_energy_pj.value == 350.043, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(r.leakage_per_bank_mw.value == 107.40385, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(r.leakage_total_mw.value == 4 * 107.40385, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(r.area_mm2.value == 5.78604 * 2.30689, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(has(r.area_mm2.source, "CACTI 7.0.3DD"));
  BOOST_TEST(has(r.area_mm2.source, fake.dir));
  BOOST_TEST(r.area_mm2.unit == "mm2");
}

BOOST_AUTO_TEST_CASE(second_identical_query_is_served_from_the_cache) {
  FakeCacti fake("s1_ram_64KB_64B_45nm_1bank_1rw");
  const SramQuery q = make_query(65536, 64);
  const CactiRun first = fake.adapter().run(q);
  const CactiRun second = fake.adapter().run(q);  // a new adapter: the cache is on disk
  BOOST_TEST(fake.runs() == 1);
  BOOST_TEST(second.from_cache);
  BOOST_TEST(second.output.access_time_ns == first.output.access_time_ns);
  BOOST_TEST((second.output.details == first.output.details));
  fake.adapter().run(make_query(65536, 32));  // another cfg: another run
  BOOST_TEST(fake.runs() == 2);
  fake.adapter(20.0, false).run(q);  // cache disabled
  BOOST_TEST(fake.runs() == 3);
}

BOOST_AUTO_TEST_CASE(damaged_cache_entry_is_a_miss) {
  FakeCacti fake("s1_ram_64KB_64B_45nm_1bank_1rw");
  const SramQuery q = make_query(65536, 64);
  const CactiRun r = fake.adapter().run(q);
  const std::string entry = r.cfg_path.substr(0, r.cfg_path.size() - 4) + ".json";
  test::spit(entry, "{ truncated");
  BOOST_TEST(!fake.adapter().run(q).from_cache);
  BOOST_TEST(fake.runs() == 2);
  BOOST_TEST(fake.adapter().run(q).from_cache);
}

BOOST_AUTO_TEST_CASE(organisation_failure_on_stdout_names_cfg_message_and_fix) {
  FakeCacti fake("f1_error_no_valid_org_1KB_128B", "exit 1");
  const SramQuery q = make_query(1024, 128);
  const std::string e = error_of(fake.adapter(), q);
  BOOST_TEST(has(e, "ERROR: no valid data array organizations found [stdout]"), e);
  BOOST_TEST(has(e, fake.cache + "/"), e);
  BOOST_TEST(has(e, ".cfg"), e);
  BOOST_TEST(has(e, "size/(banks*block*2) >= 16"), e);
  BOOST_TEST(has(e, ".cfg.log"), e);
  BOOST_TEST(has(e, "cacti: failed on "), e);  // the tool, the command, the log
  BOOST_TEST(has(e, "; command: " + fake.dir + "/cacti -infile "), e);
  error_of(fake.adapter(), q);
  BOOST_TEST(fake.runs() == 2);  // failures are not cached
}

BOOST_AUTO_TEST_CASE(input_error_on_stderr_with_exit_code_zero_is_an_error) {
  FakeCacti fake("f2_error_input_check_temp355", "exit 0");
  SramQuery q = make_query(4096, 8);
  q.temperature_k = 355;  // the adapter leaves CACTI's own checks to CACTI
  const std::string e = error_of(fake.adapter(), q);
  BOOST_TEST(
      has(e, "355 Temperature must be between 300 and 400 Kelvin and multiple of 10. [stderr]"), e);
  BOOST_TEST(has(e, "300..400 K"), e);
}

BOOST_AUTO_TEST_CASE(crash_before_any_result_reports_the_signal) {
  FakeCacti fake("f3_crash_missing_io_keys", "kill -FPE $$");
  const std::string e = error_of(fake.adapter(), make_query(65536, 64));
  BOOST_TEST(has(e, "crashed (signal 8)"), e);
  BOOST_TEST(has(e, "tech_params"), e);
}

// The notes: without the MemCAD keys CACTI prints a complete SRAM result, then dies with SIGSEGV.
// The SRAM result is complete, so it is used, with a warning; it is not cached, so a repaired
// installation gets a clean run next time.
BOOST_AUTO_TEST_CASE(crash_after_a_complete_result_keeps_it_warns_and_does_not_cache) {
  FakeCacti fake("s1_ram_64KB_64B_45nm_1bank_1rw", "kill -SEGV $$");
  const SramQuery q = make_query(65536, 64);
  const SramResult r = fake.adapter().estimate(q);
  BOOST_TEST(r.access_time_ns.value == 0.605044);
  BOOST_REQUIRE(r.warnings.size() == 1u);
  BOOST_TEST(has(r.warnings[0], "signal 11"), r.warnings[0]);
  fake.adapter().run(q);
  BOOST_TEST(fake.runs() == 2);
}

BOOST_AUTO_TEST_CASE(hung_cacti_is_killed_after_the_timeout) {
  FakeCacti fake("", "sleep 30");
  const auto start = std::chrono::steady_clock::now();
  const std::string e = error_of(fake.adapter(0.5), make_query(65536, 64));
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(has(e, "timed out after 0.5 s"), e);
  BOOST_TEST(s < 5.0);  // the sleeping grandchild held the pipes: the whole group was killed
}

BOOST_AUTO_TEST_CASE(missing_binary_or_tech_params_is_a_config_error) {
  test::TempDir tmp;
  CactiAdapterOptions o;
  o.cache_dir = tmp / "cache";
  o.cacti_dir = tmp / "nope";
  BOOST_CHECK_EXCEPTION(CactiAdapter{o}, ConfigError,
                        [](const ConfigError& e) { return has(e.what(), "does not exist"); });
  o.cacti_dir = tmp.path();
  BOOST_CHECK_EXCEPTION(CactiAdapter{o}, ConfigError, [](const ConfigError& e) {
    return has(e.what(), "no executable 'cacti'");
  });
  test::spit(tmp / "cacti", "#!/bin/sh\n");
  ::chmod((tmp / "cacti").c_str(), 0755);
  BOOST_CHECK_EXCEPTION(CactiAdapter{o}, ConfigError,
                        [](const ConfigError& e) { return has(e.what(), "tech_params"); });
}
