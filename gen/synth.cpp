#include "gen/synth.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/error.hpp"
#include "gen/run_program.hpp"

namespace circa::gen {
namespace {

std::string read_text(const std::filesystem::path& p) {
  std::ifstream f(p);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string script(const std::vector<std::string>& sources, const std::string& top,
                   const std::string& stat_file) {
  // SRAM banks are black boxes: a flow replaces them with macros, and flattening a behavioural
  // array into flip-flops would only measure what will not be built.
  std::string s, lib, rest;
  for (const auto& f : sources) (f.rfind("rtl/circa_sram", 0) == 0 ? lib : rest) += " " + f;
  if (!lib.empty()) s += "read_verilog -lib" + lib + "\n";
  s += "read_verilog -defer" + rest;
  s += "\nhierarchy -check -top " + top + "\n";
  // Checked on the RTL first: an undriven output is still visible here (synthesis removes it).
  s += "proc\ncheck -assert\n";
  s += "synth -top " + top + "\n";
  // check -assert turns multiple drivers, undriven nets and logic loops into an error.
  s += "check -assert\n";
  // Latches left after synthesis: any $dlatch / $_DLATCH_* cell fails the run.
  s += "select -assert-none t:$dlatch t:$adlatch t:$dlatchsr t:$_DLATCH_* t:$_DLATCHSR_*\n";
  s += "tee -q -o " + stat_file + " stat\n";
  return s;
}

/// Lines of the log that report problems yosys itself does not treat as errors.
void scan_log(const std::string& log, std::vector<std::string>& problems) {
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    if (line.find("Latch inferred") != std::string::npos ||
        line.find("ERROR") != std::string::npos ||
        line.find("multiple conflicting drivers") != std::string::npos)
      problems.push_back(line);
  }
}

}  // namespace

SynthResult synthesize(const std::string& dir, const std::vector<std::string>& sources,
                       const std::string& top) {
  namespace fs = std::filesystem;
  const fs::path d(dir);
  // Per-top file names, so the runs of several tops in one folder keep their own logs.
  const std::string base = "synth_" + top;
  const std::string ys = base + ".ys", stat_file = base + "_stat.txt", log_file = base + ".log";
  {
    std::ofstream f(d / ys);
    f << script(sources, top, stat_file);
    if (!f) throw ConfigError("cannot write " + (d / ys).string());
  }
  std::error_code ec;
  fs::remove(d / stat_file, ec);
  const std::vector<std::string> argv = {"yosys", "-q", "-l", log_file, "-s", ys};
  const ProgramResult r = run_program(argv, dir);
  const std::string cmd = command_line(argv) + " (in " + dir + ")";
  if (!r.started && r.start_errno == ENOENT) throw ToolError::missing("yosys", cmd);
  if (!r.started) throw ToolError("yosys", cmd, std::strerror(r.start_errno), "");
  SynthResult res;
  res.log = read_text(d / log_file);
  scan_log(res.log + r.output, res.problems);
  // A failed check (latch, undriven net, ...) is a finding about the design, not a broken tool:
  // it is reported as a problem with the command and the log to read.
  if (r.exit_code != 0)
    res.problems.push_back("yosys exited with status " + std::to_string(r.exit_code) +
                           "; command: " + cmd + "; log: " + (d / log_file).string());
  res.stat = read_text(d / stat_file);
  if (res.stat.empty() && res.problems.empty())
    res.problems.push_back("yosys printed no statistics");
  res.ok = res.problems.empty();
  return res;
}

std::vector<std::string> synth_tops(const Design& d) {
  if (!d.top().empty()) return {d.top()};
  std::vector<std::string> tops;
  for (const auto& [role, u] : d.units) tops.push_back(u.module);
  for (const auto& [role, m] : d.memories) tops.push_back(m.module);
  std::sort(tops.begin(), tops.end());
  tops.erase(std::unique(tops.begin(), tops.end()), tops.end());
  return tops;
}

std::vector<std::pair<std::string, SynthResult>> synthesize_design(const std::string& dir,
                                                                   const Design& d,
                                                                   const FileSet& files) {
  write_files(dir, files);
  std::vector<std::pair<std::string, SynthResult>> out;
  for (const auto& top : synth_tops(d))
    out.emplace_back(top, synthesize(dir, verilog_files(files), top));
  return out;
}

}  // namespace circa::gen
