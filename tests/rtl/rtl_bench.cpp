#include "rtl_bench.hpp"

#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>

#include "common/error.hpp"
#include "gen/emitter.hpp"
#include "gen/output.hpp"
#include "gen/run_program.hpp"
#include "spec/config_loader.hpp"

namespace circa::rtltest {
namespace fs = std::filesystem;

namespace {

int total_width(const std::vector<gen::Port>& ports) {
  int w = 0;
  for (const auto& p : ports) w += p.width;
  return w;
}

/// `.name(bus[hi:lo])` connections, the first port in the top bits of the bus.
std::string connect(const std::vector<gen::Port>& ports, const std::string& bus) {
  std::string s;
  int hi = total_width(ports) - 1;
  for (const auto& p : ports) {
    s += ", ." + p.name + "(" + bus + "[" + std::to_string(hi) + ":" + std::to_string(hi - p.width + 1) + "])";
    hi -= p.width;
  }
  return s;
}

std::string testbench(const Bench& b) {
  const int iw = std::max(1, total_width(b.inputs)), ow = total_width(b.outputs);
  const int n = static_cast<int>(b.in.size());
  gen::Emitter e;
  e.line("`timescale 1ns/1ps").open("module tb;");
  e.line("reg clk = 1'b0;").line("always #5 clk = ~clk;").line("reg rst = 1'b1;");
  e.line("reg [" + std::to_string(iw - 1) + ":0] vin [0:" + std::to_string(n - 1) + "];");
  e.line("reg [" + std::to_string(ow - 1) + ":0] vexp [0:" + std::to_string(n - 1) + "];");
  e.line("reg [" + std::to_string(ow - 1) + ":0] vmask [0:" + std::to_string(n - 1) + "];");
  e.line("reg [" + std::to_string(iw - 1) + ":0] cur;");
  e.line("wire [" + std::to_string(ow - 1) + ":0] got;");
  std::string ports = b.clocked ? ".clk(clk)" : "";
  if (b.has_reset) ports += ", .rst(rst)";
  ports += connect(b.inputs, "cur") + connect(b.outputs, "got");
  if (ports.rfind(", ", 0) == 0) ports = ports.substr(2);
  e.line(b.dut + " dut (" + ports + ");");
  e.line("integer t, checked, errors;");
  e.open("initial begin");
  e.line("$readmemh(\"vectors.hex\", vin);").line("$readmemh(\"expected.hex\", vexp);");
  e.line("$readmemh(\"mask.hex\", vmask);");
  e.line("cur = 0; checked = 0; errors = 0;");
  e.line("repeat (2) @(negedge clk);").line("rst = 1'b0;");
  // Vector t is applied after a falling edge; its outputs are compared `latency` edges later.
  e.open("for (t = 0; t < " + std::to_string(n + b.latency) + "; t = t + 1) begin");
  e.line("@(negedge clk);");
  e.line("cur = (t < " + std::to_string(n) + ") ? vin[t] : 0;");
  e.line("#1;");
  e.open("if (t >= " + std::to_string(b.latency) + ") begin");
  e.line("checked = checked + 1;");
  const std::string at = "[t - " + std::to_string(b.latency) + "]";
  e.open("if ((got & vmask" + at + ") !== (vexp" + at + " & vmask" + at + ")) begin");
  e.line("errors = errors + 1;");
  e.line("if (errors <= 5) $display(\"MISMATCH vector %0d: got %h expected %h\", t - " +
         std::to_string(b.latency) + ", got, vexp[t - " + std::to_string(b.latency) + "]);");
  e.close("end").close("end").close("end");
  e.line("$display(\"CIRCA_TB checked=%0d mismatches=%0d\", checked, errors);").line("$finish;");
  e.close("end").close("endmodule");
  return e.str();
}

void write_text(const fs::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary);
  f << text;
}

void parse_summary(BenchResult& r) {
  static const std::regex re("CIRCA_TB checked=([0-9]+) mismatches=([0-9]+)");
  std::smatch m;
  if (std::regex_search(r.log, m, re)) {
    r.checked = std::stoi(m[1]);
    r.mismatches = std::stoi(m[2]);
  }
}

}  // namespace

std::string pack_hex(const std::vector<Lanes>& values, const std::vector<gen::Port>& ports) {
  std::vector<int> bits;  // LSB first: the last port, lane 0 first
  for (size_t i = ports.size(); i-- > 0;) {
    const int n = static_cast<int>(values[i].size()), w = ports[i].width / n;
    if (w * n != ports[i].width) throw std::invalid_argument("lanes do not divide " + ports[i].name);
    for (const int64_t v : values[i])
      for (int j = 0; j < w; ++j)
        bits.push_back(j < 64 ? static_cast<int>((static_cast<uint64_t>(v) >> j) & 1) : (v < 0));
  }
  while (bits.size() % 4 != 0 || bits.empty()) bits.push_back(0);
  std::string hex;
  for (size_t i = bits.size(); i >= 4; i -= 4)
    hex += "0123456789abcdef"[bits[i - 1] * 8 + bits[i - 2] * 4 + bits[i - 3] * 2 + bits[i - 4]];
  return hex;
}

void ports_from(const gen::Design& d, const std::string& module, Bench& b) {
  b.dut = module;
  b.clocked = b.has_reset = false;
  for (const auto& p : d.module(module).ports) {
    if (p.name == "clk") b.clocked = true;
    else if (p.name == "rst") b.has_reset = true;
    else (p.output ? b.outputs : b.inputs).push_back(p);
  }
  b.latency = d.module(module).latency;
}

std::string work_dir(const std::string& name) {
  const fs::path p = fs::current_path() / "rtl_work" / name;
  fs::remove_all(p);
  fs::create_directories(p);
  return p.string();
}

std::string compile_and_simulate(const std::string& compiler,
                                 const std::vector<std::string>& compile,
                                 const std::string& simulator, const std::vector<std::string>& run,
                                 const std::string& dir) {
  std::string log = gen::run_tool(compiler, compile, dir, compiler + ".log").output;
  const gen::ProgramResult r = gen::run_program(run, dir);
  if (!r.started) throw ToolError::missing(simulator, command_line(run) + " (in " + dir + ")");
  return log + r.output;
}

BenchResult run_bench(const gen::Design& design, const Bench& b, const std::string& dir, Simulator sim) {
  const gen::FileSet files = gen::render(design, default_accelerator(), {"test", "test", "0", "test"});
  gen::write_files(dir, files);
  std::string vin, vexp, vmask;
  const std::vector<Lanes> all_ones(b.outputs.size(), Lanes{-1});  // every bit compared
  for (size_t t = 0; t < b.in.size(); ++t) {
    vin += pack_hex(b.in[t], b.inputs) + "\n";
    vexp += pack_hex(b.expect[t], b.outputs) + "\n";
    vmask += pack_hex(b.mask.empty() ? all_ones : b.mask[t], b.outputs) + "\n";
  }
  write_text(fs::path(dir) / "vectors.hex", vin);
  write_text(fs::path(dir) / "expected.hex", vexp);
  write_text(fs::path(dir) / "mask.hex", vmask);
  write_text(fs::path(dir) / "tb.v", testbench(b));
  std::vector<std::string> srcs = gen::verilog_files(files);
  BenchResult r;
  if (sim == Simulator::icarus) {
    std::vector<std::string> cmd{"iverilog", "-g2012", "-o", "sim.vvp", "tb.v"};
    cmd.insert(cmd.end(), srcs.begin(), srcs.end());
    r.log = compile_and_simulate("iverilog", cmd, "vvp", {"vvp", "-n", "sim.vvp"}, dir);
  } else {
    std::vector<std::string> cmd{"verilator", "--binary", "-j", "2", "-Wno-fatal", "-Wno-lint",
                                 "-Wno-style", "--top-module", "tb", "-o", "vsim", "tb.v"};
    cmd.insert(cmd.end(), srcs.begin(), srcs.end());
    r.log = compile_and_simulate("verilator", cmd, "vsim", {"obj_dir/vsim"}, dir);
  }
  parse_summary(r);
  return r;
}

}  // namespace circa::rtltest
