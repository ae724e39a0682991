// Self-checking testbenches for generated units: vectors from the golden C++ model go into a
// $readmemh file, a generated Verilog bench drives the unit one vector per cycle and compares
// every output `latency` cycles later with the expected file, and the simulator's summary line
// is parsed back. A bench that checks nothing counts as a failure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gen/design.hpp"

namespace circa::rtltest {

/// One port's value in one cycle: its lanes, lane 0 in the low bits (a scalar port has one).
using Lanes = std::vector<int64_t>;

struct Bench {
  std::string dut;                          ///< module name
  std::vector<gen::Port> inputs;            ///< driven ports, without clk/rst
  std::vector<gen::Port> outputs;           ///< compared ports
  int latency = 0;                          ///< cycles from a vector to its outputs
  bool clocked = true;                      ///< has a clk port
  bool has_reset = false;                   ///< has a rst port (held high for 2 cycles first)
  std::vector<std::vector<Lanes>> in;       ///< per cycle, one value per input
  std::vector<std::vector<Lanes>> expect;   ///< per cycle, one value per output
  /// Per cycle, one value per output: the bits compared (-1 = all). Empty = all bits, every
  /// cycle. Streaming units leave data undefined while out_valid is low: those cycles mask it.
  std::vector<std::vector<Lanes>> mask;
};

struct BenchResult {
  int checked = -1;     ///< vectors compared (-1: no summary line: the simulation broke)
  int mismatches = -1;
  std::string log;
};

enum class Simulator { icarus, verilator };

/// Compiles in `dir` (a failing or missing compiler is a ToolError naming the command and, for a
/// failure, the log `dir`/<compiler>.log), then simulates: a missing simulator is a ToolError, a
/// failing one leaves its output in the returned log (the summary line decides).
std::string compile_and_simulate(const std::string& compiler,
                                 const std::vector<std::string>& compile,
                                 const std::string& simulator, const std::vector<std::string>& run,
                                 const std::string& dir);

/// Writes the design (gen::render) plus the bench into `dir` and simulates it.
BenchResult run_bench(const gen::Design& design, const Bench& b, const std::string& dir,
                      Simulator sim = Simulator::icarus);

/// Input and output ports of a generated module, taken from its port list (clk/rst dropped).
void ports_from(const gen::Design& d, const std::string& module, Bench& b);

/// A fresh folder for one test's files under the test's working directory.
std::string work_dir(const std::string& name);

/// The hex word of port values packed MSB-first (the first port in the top bits).
std::string pack_hex(const std::vector<Lanes>& values, const std::vector<gen::Port>& ports);

}  // namespace circa::rtltest
