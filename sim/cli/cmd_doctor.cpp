// `circa doctor`: which optional tools this machine has, their versions, and what each enables.
// A missing tool is reported with how to install it, never an error: doctor always exits 0.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cost/cacti_adapter.hpp"
#include "cost/subprocess.hpp"

namespace circa::cli {
namespace {

struct Tool {
  const char* name;
  std::vector<const char*> programs;  ///< the first one found on PATH is used
  const char* version_flag;
  const char* enables;
  const char* install;
};

// Verilator, Icarus and Yosys are also required by the build (cmake/CircaDependencies.cmake);
// doctor still lists them, since an installed `circa` may run on another machine.
const std::vector<Tool>& tools() {
  static const std::vector<Tool> t = {
      {"verilator",
       {"verilator"},
       "--version",
       "circa cosim, sweeps at fidelity cosim, circa bench cosim, tests labelled cosim",
       "apt-get install verilator"},
      {"icarus",
       {"iverilog"},
       "-V",
       "the RTL tests of the generated Verilog (tests/rtl)",
       "apt-get install iverilog"},
      {"yosys",
       {"yosys"},
       "-V",
       "circa synth, circa area-check, tests labelled synth",
       "apt-get install yosys"},
      {"slurm",
       {"sbatch"},
       "--version",
       "circa sweep FILE --slurm (a sweep as a Slurm job array); tests labelled slurm",
       "apt-get install slurm-client"},
      {"chromium",
       {"chromium", "chromium-browser", "google-chrome"},
       "--version",
       "the headless-browser test of the sweep report (report.html itself needs no tool)",
       "apt-get install chromium"},
  };
  return t;
}

std::string find_on_path(const char* program) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const std::string file = (std::filesystem::path(dir.empty() ? "." : dir) / program).string();
    if (::access(file.c_str(), X_OK) == 0) return file;
  }
  return "";
}

// The first line holding a digit, stdout before stderr (Debian's chromium wrapper prints shell
// noise on stderr).
std::string version_of(const std::string& exe, const char* flag) {
  const ProcessResult r = run_process({exe, flag}, ".", 20.0);
  for (const std::string* text : {&r.out, &r.err}) {
    std::istringstream lines(*text);
    for (std::string line; std::getline(lines, line);)
      if (line.find_first_of("0123456789") != std::string::npos) return line;
  }
  return "version unknown (" + r.status.str() + ")";
}

void print_tool(const char* name, const std::string& found, const std::string& version,
                const char* enables, const char* install) {
  if (found.empty())
    std::cout << fmt::format("{:<10} missing    install: {}\n", name, install);
  else
    std::cout << fmt::format("{:<10} found      {} ({})\n", name, version, found);
  std::cout << fmt::format("{:<10} enables:   {}\n", "", enables);
}

int run_doctor() {
  for (const Tool& t : tools()) {
    std::string exe;
    for (const char* p : t.programs)
      if (exe.empty()) exe = find_on_path(p);
    print_tool(t.name, exe, exe.empty() ? "" : version_of(exe, t.version_flag), t.enables,
               t.install);
  }
  // CACTI is not on PATH: cmake/install-cacti.sh builds it into a cache folder.
  const std::string cacti_dir = CactiAdapter::default_dir();
  const bool cacti = CactiAdapter::default_build_exists();
  print_tool("cacti", cacti ? cacti_dir : "",
             "CACTI 7 (" + std::filesystem::path(cacti_dir).filename().string() + ")",
             "technology.sram_model: cacti, circa sram --model cacti, the real-CACTI tests",
             "bash cmake/install-cacti.sh (or set CIRCA_CACTI_DIR)");
  return 0;
}

}  // namespace

void register_doctor_command(CLI::App& app, CommandTable& t) {
  auto* c = app.add_subcommand(
      "doctor", "Which optional tools are installed, their versions, and what each enables");
  t.add(c, [] { return run_doctor(); });
}

}  // namespace circa::cli
