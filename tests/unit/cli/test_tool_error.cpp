// External tools that fail or are missing are ToolError, never ConfigError: a missing tool (not
// on PATH) says how to install it, a failing tool names its command line and the log holding its
// output; a ToolError thrown in a forked child comes back as a ToolError.
#define BOOST_TEST_MODULE tool_error
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "common/error.hpp"
#include "eval/run_spec.hpp"
#include "gen/generator.hpp"
#include "gen/run_program.hpp"
#include "gen/synth.hpp"
#include "spec/config_loader.hpp"
#include "sysc/child_process.hpp"
#include "xcheck/yosys_area.hpp"

using namespace circa;
namespace fs = std::filesystem;

namespace {

const std::string kSrc = CIRCA_SOURCE_DIR;

/// A fresh folder, removed afterwards.
struct TempDir {
  fs::path path = fs::temp_directory_path() / ("circa-tool-test-" + std::to_string(getpid()));
  TempDir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

/// PATH pointing at an empty folder while in scope: no tool can be found.
struct EmptyPath {
  TempDir dir;
  std::string saved = std::getenv("PATH") ? std::getenv("PATH") : "";
  EmptyPath() { setenv("PATH", dir.path.c_str(), 1); }
  ~EmptyPath() { setenv("PATH", saved.c_str(), 1); }
};

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

bool says_install_yosys(const ToolError& e) {
  BOOST_TEST(e.tool() == "yosys");
  BOOST_TEST(has(e.what(), "bash cmake/install-deps.sh"), e.what());
  BOOST_TEST(has(e.command_line(), "yosys"), e.command_line());
  return true;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_missing_tool_says_how_to_install_it) {
  EmptyPath none;
  BOOST_CHECK_EXCEPTION(gen::run_tool("yosys", {"yosys", "-V"}, "", "yosys.log"), ToolError,
                        says_install_yosys);
}

BOOST_AUTO_TEST_CASE(a_failing_tool_names_its_command_line_and_log) {
  TempDir dir;
  const std::vector<std::string> argv = {
      "sh", "-c", "echo step one; echo 'error: the design broke' >&2; exit 3"};
  try {
    gen::run_tool("sh", argv, dir.path.string(), "logs/sh.log");
    BOOST_FAIL("the tool's failure was not reported");
  } catch (const ToolError& e) {
    BOOST_TEST(e.tool() == "sh");
    BOOST_TEST(has(e.what(), "exited with status 3"), e.what());
    BOOST_TEST(has(e.what(), "error: the design broke"), e.what());
    BOOST_TEST(has(e.command_line(), "sh -c 'echo step one;"), e.command_line());
    BOOST_TEST(e.log() == (dir.path / "logs" / "sh.log").string());
    std::ifstream in(e.log());
    std::stringstream log;
    log << in.rdbuf();
    BOOST_TEST(has(log.str(), "step one"), log.str());
    BOOST_TEST(has(log.str(), "error: the design broke"), log.str());
  }
  BOOST_TEST(gen::run_tool("sh", {"sh", "-c", "exit 0"}, "", "unused.log").exit_code == 0);
}

BOOST_AUTO_TEST_CASE(a_missing_tool_names_its_debian_package) {
  BOOST_TEST(debian_package_of("verilator") == "verilator");
  BOOST_TEST(debian_package_of("vvp") == "iverilog");
  BOOST_TEST(debian_package_of("/usr/bin/c++") == "g++");
  BOOST_TEST(debian_package_of("my-tool") == "");
  const ToolError v = ToolError::missing("verilator", "verilator --version");
  BOOST_TEST(has(v.what(),
                 "'verilator' is not installed (not found on PATH); install it with "
                 "'apt-get install verilator'"),
             v.what());
  const ToolError c = ToolError::missing("/opt/x/c++", "/opt/x/c++ -c a.cpp");
  BOOST_TEST(has(c.what(),
                 "'/opt/x/c++' is not installed (no such file); install it with "
                 "'apt-get install g++'"),
             c.what());
  BOOST_TEST(has(ToolError::missing("my-tool", "my-tool").what(), kInstallToolsHint));
}

BOOST_AUTO_TEST_CASE(command_lines_quote_what_a_shell_would_split) {
  BOOST_TEST(command_line({"yosys", "-p", "read_verilog a.v; synth", "it's"}) ==
             "yosys -p 'read_verilog a.v; synth' 'it'\\''s'");
}

BOOST_AUTO_TEST_CASE(yosys_area_check_and_synth_without_yosys_are_tool_errors) {
  const AcceleratorSpec s = eval::load_run_spec(kSrc + "/configs/small.yaml", {}, std::cerr);
  TempDir dir;
  const gen::Design d = gen::generate_design(s, gen::GenOptions{});
  const gen::FileSet files = gen::render(d, s, gen::header_for(s, gen::GenOptions{}));
  gen::write_files(dir.path.string(), files);
  EmptyPath none;
  BOOST_CHECK_EXCEPTION(xcheck::yosys_area_check(s, (dir.path / "area").string()), ToolError,
                        says_install_yosys);
  BOOST_CHECK_EXCEPTION(
      gen::synthesize(dir.path.string(), gen::verilog_files(files), gen::synth_tops(d).at(0)),
      ToolError, says_install_yosys);
}

BOOST_AUTO_TEST_CASE(a_tool_error_in_a_child_process_comes_back_whole) {
  try {
    sysc::run_in_child([]() -> std::string {
      throw ToolError("verilator", "verilator --sc top.v", "exited with status 1", "/tmp/v.log");
    });
    BOOST_FAIL("no error came back");
  } catch (const ToolError& e) {
    BOOST_TEST(e.tool() == "verilator");
    BOOST_TEST(e.command_line() == "verilator --sc top.v");
    BOOST_TEST(e.problem() == "exited with status 1");
    BOOST_TEST(e.log() == "/tmp/v.log");
  }
}
