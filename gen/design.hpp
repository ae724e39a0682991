// A generated design before it is written: modules by name (each once), the units and memories
// the manifest describes, and data files (weight images). Everything is kept in sorted maps so
// the written output is byte-identical for the same inputs.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "gen/verilog.hpp"

namespace circa::gen {

/// One generated Verilog module.
struct Module {
  std::string name;
  std::string text;  ///< `module ... endmodule`, without the file header
  std::vector<Port> ports;
  int latency = 0;  ///< register stages from input to output (0 = combinational)
};

/// A unit as the manifest reports it: which module, how deep, and the arch timing it implements.
struct UnitInfo {
  std::string module;
  int pipeline_depth = 0;  ///< register stages of the module
  int latency = 0;         ///< cycles, first input beat to first output beat (arch timing)
  int ii = 0;              ///< initiation interval, cycles (0 = n/a)
};

/// A memory instance: depth x width x ports, and its initial image (if any).
struct MemoryInfo {
  std::string module;
  int64_t depth = 0;
  int width = 0;
  int ports = 0;
  int banks = 1;
  int read_latency = 1;  ///< cycles from a read's address to its data
  std::string image;     ///< $readmemh file relative to the output folder ("" = none)
};

class Design {
 public:
  /// Adds a module once; adding a different text under the same name is a generator bug.
  void add(const Module& m);
  bool has(const std::string& name) const { return modules_.count(name) != 0; }
  const Module& module(const std::string& name) const;
  const std::map<std::string, Module>& modules() const { return modules_; }

  void set_top(const std::string& name) { top_ = name; }
  const std::string& top() const { return top_; }

  std::map<std::string, UnitInfo> units;       ///< by role: "butterfly", "fft", ...
  std::map<std::string, MemoryInfo> memories;  ///< by role: "weight_sram", ...
  std::map<std::string, std::string> data;     ///< extra files (path -> text), e.g. weight images

 private:
  std::map<std::string, Module> modules_;
  std::string top_;
};

}  // namespace circa::gen
