#include "xcheck/yosys_area.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "arch/units.hpp"
#include "common/error.hpp"
#include "gen/generator.hpp"
#include "gen/run_program.hpp"
#include "power/price.hpp"
#include "xcheck/cell_table.hpp"

namespace circa::xcheck {
namespace {

double priced(const arch::Ops& ops) {
  return power::price(ops, 45).area_um2;
}

/// With `alone`, every source but `top`'s own file is read as a blackbox (-lib), so `stat`
/// prices the logic of the top module itself, without its submodules and memories.
std::string synthesize_stat(const std::string& dir, const std::vector<std::string>& sources,
                            const std::string& top, bool flatten, bool alone = false) {
  std::string script = "read_verilog -sv", own;
  if (alone) {
    script += " -lib";
    for (const auto& f : sources)
      if (std::filesystem::path(f).stem() == top) own = f;
    CIRCA_CHECK(!own.empty(), "no source file holds module " + top);
  }
  for (const auto& f : sources)
    if (f != own) script += " " + f;
  if (alone) script += "; read_verilog -sv " + own;
  // No ABC in synth (slow on multipliers); full adders are extracted (NanGate has FA_X1), then
  // one fast ABC pass maps the rest to two-input gates.
  // Hierarchical unless asked: each distinct module is mapped once, which keeps a 64-point FFT
  // to seconds, and `stat` totals the hierarchy. An unrolled FFT is flattened so its constant
  // twiddles fold into its multipliers, as any synthesis flow would do.
  script += "; synth -top " + top + (flatten ? " -flatten" : "") +
            " -noabc; extract_fa; abc -fast -g AND,NAND,OR,NOR,XOR,XNOR," +
            "ANDNOT,ORNOT,MUX; opt_clean; tee -o " + top + ".stat stat";
  gen::run_tool("yosys", {"yosys", "-q", "-p", script}, dir, top + ".yosys.log");
  std::ifstream in(dir + "/" + top + ".stat");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

namespace {

/// A gate cell's name as `stat` prints it: `$_NAME_` (capitals, digits, underscores) or `$fa`.
bool is_cell_name(const std::string& t) {
  if (t == "$fa") return true;
  if (t.size() < 4 || t.compare(0, 2, "$_") != 0 || t.back() != '_') return false;
  return std::all_of(t.begin() + 2, t.end(), [](char c) {
    return std::isupper(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

}  // namespace

// A cell line is indented `<cell> <count>`. Scanned by tokens, not std::regex, which recurses
// once per character matched (a long line would overflow the stack; issue 16).
std::map<std::string, int> parse_stat_cells(const std::string& stat) {
  // With submodules, the totals follow the "design hierarchy" heading.
  const std::string marker = "=== design hierarchy ===";
  const size_t at = stat.find(marker);
  std::map<std::string, int> cells;
  std::istringstream in(at == std::string::npos ? stat : stat.substr(at));
  for (std::string l; std::getline(in, l);) {
    if (l.empty() || !std::isspace(static_cast<unsigned char>(l[0]))) continue;
    std::istringstream words(l);
    std::string cell, count, extra;
    if (!(words >> cell >> count) || (words >> extra) || !is_cell_name(cell)) continue;
    if (count.size() > 9 || !std::all_of(count.begin(), count.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c));
        }))
      continue;  // not a count (or beyond any netlist's): not a cell line
    cells[cell] += std::stoi(count);
  }
  return cells;
}

double nangate_area_um2(const std::map<std::string, int>& cells) {
  double area = 0;
  for (const auto& [cell, n] : cells) area += n * cell_area_um2(cell);
  return area;
}

namespace {

/// The top module's own logic: the controller (layer table, FSM, sequencers, the conv gather and
/// pooling walks) and the weight-stream FIFO, against those two units' inventories.
UnitArea top_logic(const AcceleratorSpec& s, const std::string& top, const std::string& workdir,
                   const std::vector<std::string>& sources) {
  UnitArea u;
  u.unit = "top_logic";
  u.module = top;
  u.cells = parse_stat_cells(synthesize_stat(workdir, sources, top, false, true));
  CIRCA_CHECK(!u.cells.empty(), "yosys stat of " + top + " listed no cells");
  u.synthesized_um2 = nangate_area_um2(u.cells);
  for (const arch::UnitId id : {arch::UnitId::controller, arch::UnitId::weight_stream_fifo})
    u.analytical_um2 += priced(arch::unit(id).inventory(s));
  return u;
}

}  // namespace

AreaCheck yosys_area_check(const AcceleratorSpec& s, const std::string& workdir, AreaParts parts) {
  const gen::Design design = gen::generate_design(s, gen::GenOptions{});
  const gen::FileSet files = gen::render(design, s, gen::header_for(s, gen::GenOptions{}));
  gen::write_files(workdir, files);
  const std::vector<std::string> sources = gen::verilog_files(files);
  AreaCheck check;
  // Every generated module the registry gives an inventory for is synthesized and compared.
  for (const auto& unit : arch::units())
    for (const auto& m : unit.modules) {
      const auto it = design.units.find(m.role);
      if (parts == AreaParts::top_logic || m.inventory == nullptr || it == design.units.end())
        continue;
      UnitArea u;
      u.unit = m.role;
      u.module = it->second.module;
      const bool flatten = m.flatten_when_unrolled && s.fft.style == FftStyle::unrolled;
      u.cells = parse_stat_cells(synthesize_stat(workdir, sources, u.module, flatten));
      CIRCA_CHECK(!u.cells.empty(), "yosys stat of " + u.module + " listed no cells");
      u.synthesized_um2 = nangate_area_um2(u.cells);
      u.analytical_um2 = priced(m.inventory(s));
      check.analytical_um2 += u.analytical_um2;
      check.synthesized_um2 += u.synthesized_um2;
      check.units.push_back(u);
    }
  if (parts != AreaParts::units && !design.top().empty()) {
    const UnitArea t = top_logic(s, design.top(), workdir, sources);
    check.analytical_um2 += t.analytical_um2;
    check.synthesized_um2 += t.synthesized_um2;
    check.units.push_back(t);
  }
  return check;
}

}  // namespace circa::xcheck
