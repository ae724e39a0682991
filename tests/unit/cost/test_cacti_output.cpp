// The CACTI output parser and the adapter rule, on every recorded sample of the reference folder.
#define BOOST_TEST_MODULE cost_cacti_output
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "cost/cacti_output.hpp"
#include "cost_test_support.hpp"

using namespace circa;
using Json = nlohmann::json;

namespace {

std::vector<std::string> sample_names() {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(test::reference_dir() + "/samples")) {
    const std::string f = e.path().filename().string();
    const std::string suffix = ".expected.json";
    if (f.size() > suffix.size() && f.compare(f.size() - suffix.size(), suffix.size(), suffix) == 0)
      names.push_back(f.substr(0, f.size() - suffix.size()));
  }
  std::sort(names.begin(), names.end());
  return names;
}

/// The exit status a recorded exit_code stands for (negative: killed by that signal, as Python).
ExitStatus status_of(int exit_code) {
  return exit_code < 0 ? ExitStatus{ExitStatus::Kind::signaled, -exit_code}
                       : ExitStatus{ExitStatus::Kind::exited, exit_code};
}

const char* status_name(CactiVerdict::Status s) {
  switch (s) {
    case CactiVerdict::Status::ok:
      return "ok";
    case CactiVerdict::Status::error:
      return "error";
    case CactiVerdict::Status::crash:
      return "crash";
    case CactiVerdict::Status::timeout:
      return "timeout";
  }
  return "?";
}

void check_ok_fields(const std::string& name, const Json& want, const CactiOutput& got) {
  const auto side = parse_cacti_side_csv(test::slurp(test::sample_path(name + ".cfg.out")));
  for (const auto& [key, value] : want.items()) {
    BOOST_TEST_CONTEXT(name << ": " << key) {
      if (key == "exit_code" || key == "status") continue;  // checked by the caller
      if (key == "cacti_version")
        BOOST_TEST(got.version == value.get<std::string>());
      else if (key == "cacti_model")
        BOOST_TEST(got.model == value.get<std::string>());
      else if (key == "htree_wire_type")
        BOOST_TEST(got.htree_wire_type == value.get<std::string>());
      else if (key == "side_csv_area_mm2")
        BOOST_TEST(std::stod(side.at("Area (mm2)")) == value.get<double>());
      else if (key == "side_csv_standby_leakage_mW")
        BOOST_TEST(std::stod(side.at("Standby leakage per bank(mW)")) == value.get<double>());
      else if (value.is_null())
        BOOST_TEST(!got.field(key).has_value(), "should be absent at this print level");
      else {
        const auto v = got.field(key);
        BOOST_REQUIRE_MESSAGE(v.has_value(), "parser has no field " << key);
        BOOST_TEST(*v == value.get<double>(), boost::test_tools::tolerance(1e-12));
      }
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_sample_is_classified_and_parsed_as_expected) {
  const auto names = sample_names();
  BOOST_TEST(names.size() == 7u);
  for (const auto& name : names) {
    BOOST_TEST_CONTEXT(name) {
      const Json want = Json::parse(test::slurp(test::sample_path(name + ".expected.json")));
      const CactiVerdict v =
          interpret_cacti_run(test::slurp(test::sample_path(name + ".stdout.txt")),
                              test::slurp(test::sample_path(name + ".stderr.txt")),
                              status_of(want.at("exit_code").get<int>()), 10.0);
      BOOST_TEST(status_name(v.status) == want.at("status").get<std::string>());
      if (v.status == CactiVerdict::Status::ok) {
        BOOST_TEST(v.warnings.empty());
        check_ok_fields(name, want, v.output);
      }
      if (want.contains("error_stdout") && !want["error_stdout"].is_null()) {
        BOOST_TEST(v.message == want["error_stdout"].get<std::string>());
        BOOST_TEST(v.message_stream == "stdout");
      }
      if (want.contains("error_stderr") && !want["error_stderr"].is_null()) {
        BOOST_TEST(v.message == want["error_stderr"].get<std::string>());
        BOOST_TEST(v.message_stream == "stderr");
      }
      if (v.status == CactiVerdict::Status::crash) BOOST_TEST(v.message == "crashed (signal 8)");
    }
  }
}

BOOST_AUTO_TEST_CASE(crash_after_a_complete_result_keeps_it_with_a_warning) {
  const std::string out =
      test::slurp(test::sample_path("s1_ram_64KB_64B_45nm_1bank_1rw.stdout.txt"));
  const CactiVerdict v = interpret_cacti_run(out, "", {ExitStatus::Kind::signaled, 11}, 10.0);
  BOOST_TEST(status_name(v.status) == std::string("ok"));
  BOOST_REQUIRE(v.warnings.size() == 1u);
  BOOST_TEST(v.warnings[0].find("signal 11") != std::string::npos);
  BOOST_TEST(!v.clean());
  BOOST_TEST(v.output.access_time_ns == 0.605044);
}

BOOST_AUTO_TEST_CASE(first_leakage_line_after_the_banner_wins) {
  // The per-array line under "Power Components" repeats the label with another value.
  const std::string out =
      "Total leakage power of a bank (mW): 999\n"  // before the banner: ignored
      "---------- CACTI (version 7.0.3DD Prerelease of Aug, 2012), Uniform Cache Access SRAM Model "
      "----------\n"
      "    Access time (ns): 1.5e-01\n    Cycle time (ns):  2\n"
      "    Total dynamic read energy per access (nJ): 1.08002e-05\n"
      "    Total dynamic write energy per access (nJ): .5\n"
      "    Total leakage power of a bank (mW): 3\n    Total gate leakage power of a bank (mW): 4\n"
      "    Cache height x width (mm): 1 x 2.5\n"
      "\tTotal leakage power of a bank (mW): 7\n";
  const CactiVerdict v = interpret_cacti_run(out, "", {}, 10.0);
  BOOST_REQUIRE(status_name(v.status) == std::string("ok"));
  BOOST_TEST(v.output.leakage_subthreshold_mW == 3.0);
  BOOST_TEST(v.output.access_time_ns == 0.15);
  BOOST_TEST(v.output.read_energy_nJ == 1.08002e-05);
  BOOST_TEST(v.output.write_energy_nJ == 0.5);
  BOOST_TEST(v.output.area_mm2() == 2.5);
  BOOST_TEST(v.output.model == "Uniform Cache Access SRAM Model");
}

BOOST_AUTO_TEST_CASE(incomplete_or_non_finite_results_are_errors) {
  const std::string banner =
      "---------- CACTI (version 7.0.3DD Prerelease of Aug, 2012), Uniform Cache Access SRAM Model "
      "----------\n";
  CactiVerdict v = interpret_cacti_run(banner + "    Access time (ns): 0.5\n", "", {}, 10.0);
  BOOST_TEST(status_name(v.status) == std::string("error"));
  BOOST_TEST(v.message.find("Cycle time") != std::string::npos);
  const std::string s1 =
      test::slurp(test::sample_path("s1_ram_64KB_64B_45nm_1bank_1rw.stdout.txt"));
  std::string bad = s1;
  bad.replace(bad.find("Access time (ns): 0.605044"), 26, "Access time (ns): inf");
  v = interpret_cacti_run(bad, "", {}, 10.0);
  BOOST_TEST(status_name(v.status) == std::string("error"));
  BOOST_TEST(v.message.find("non-finite access_time_ns") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(rule_order_stderr_then_stdout_then_signal_then_exit_code) {
  auto run = [](const std::string& out, const std::string& err, ExitStatus st) {
    return interpret_cacti_run(out, err, st, 2.5);
  };
  BOOST_TEST(run("ERROR: x\n", "\nFeature size must be <= 90 nm\n", {}).message ==
             "Feature size must be <= 90 nm");
  BOOST_TEST(run("echo\nInvalid technology nodes\n", "", {}).message == "Invalid technology nodes");
  BOOST_TEST(run("/tmp/a.cfg is missing!\n", "", {ExitStatus::Kind::exited, 255}).message ==
             "/tmp/a.cfg is missing!");
  BOOST_TEST(run("Cache size : 1\n", "", {ExitStatus::Kind::signaled, 11}).message ==
             "crashed (signal 11)");
  BOOST_TEST(run("", "", {ExitStatus::Kind::exited, 3}).message ==
             "exit code 3 without printing a result");
  BOOST_TEST(run("", "", {ExitStatus::Kind::timed_out, 0}).message == "timed out after 2.5 s");
}

// libstdc++'s std::regex recurses once per character it matches, so a line of a few hundred KiB
// (a value, a banner or a number) overflowed the stack (found by feeding fuzz_cacti_output long
// lines). Lines longer than any CACTI prints now match no pattern: the rest is parsed as before.
BOOST_AUTO_TEST_CASE(lines_of_hundreds_of_kib_match_nothing_and_do_not_overflow_the_stack) {
  const std::string s1 =
      test::slurp(test::sample_path("s1_ram_64KB_64B_45nm_1bank_1rw.stdout.txt"));
  const std::string wire = "Global wires with 30% delay penalty";
  std::string long_wire = s1;
  long_wire.replace(long_wire.find(wire), wire.size(), std::string(300000, 'x') + " y");
  CactiVerdict v = interpret_cacti_run(long_wire, "", {}, 10.0);
  BOOST_TEST(status_name(v.status) == std::string("ok"));
  BOOST_TEST(v.output.access_time_ns == 0.605044);
  BOOST_TEST(v.output.htree_wire_type.empty());

  std::string long_number = s1;
  long_number.replace(long_number.find("Access time (ns): 0.605044"), 26,
                      "Access time (ns): " + std::string(300000, '1'));
  v = interpret_cacti_run(long_number, "", {}, 10.0);
  BOOST_TEST(status_name(v.status) == std::string("error"));
  BOOST_TEST(v.message == "exit code 0 without printing a result");

  const std::string banner = std::string(300000, '-') + " CACTI (version 7), SRAM ---\n";
  v = interpret_cacti_run(banner + "    Access time (ns): 0.5\n", "", {}, 10.0);
  BOOST_TEST(status_name(v.status) == std::string("error"));
  BOOST_TEST(v.message == "exit code 0 without printing a result");
}
