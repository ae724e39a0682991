#include "gen/netlist.hpp"

#include <algorithm>

#include "common/error.hpp"

namespace circa::gen {

/// A connection longer than this (after its `.port (`) is a concatenation wrapped one part per
/// line, so generated instances stay readable.
constexpr size_t kWrapColumn = 90;

Expr part(const Signal& s, int lo, int w) {
  CIRCA_CHECK(lo >= 0 && w >= 1 && lo + w <= s.width,
              "bits [" + std::to_string(lo) + " +: " + std::to_string(w) + "] of " + s.name + " (" +
                  std::to_string(s.width) + " bits)");
  if (lo == 0 && w == s.width) return s;
  return {s.name + "[" + std::to_string(lo) + " +: " + std::to_string(w) + "]", w};
}

Expr cat(const std::vector<Expr>& parts) {
  CIRCA_CHECK(!parts.empty(), "empty concatenation");
  if (parts.size() == 1) return parts[0];
  std::string text;
  int width = 0;
  for (const Expr& x : parts) {
    text += (text.empty() ? "" : ", ") + x.text;
    width += x.width;
  }
  Expr e("{" + text + "}", width);
  for (const Expr& x : parts) e.parts.push_back(x.text);
  return e;
}

ModuleRef ref(const Module& m) {
  return {m.name, "", m.ports};
}

namespace {

std::string sram_params(int64_t depth, int width, int aw) {
  return "#(.DEPTH(" + std::to_string(depth) + "), .WIDTH(" + std::to_string(width) + "), .AW(" +
         std::to_string(aw) + ")";
}

std::string init(const std::string& file) {
  return ", .INIT_FILE(\"" + file + "\")";
}

}  // namespace

ModuleRef sram_1rw(int64_t depth, int width, int aw, const std::string& init_file) {
  return {"circa_sram_1rw",
          sram_params(depth, width, aw) + init(init_file) + ")",
          {{"clk", false, 1},
           {"en", false, 1},
           {"we", false, 1},
           {"addr", false, aw},
           {"wdata", false, width},
           {"rdata", true, width}}};
}

static std::vector<Port> sram_1r1w_ports(int width, int aw) {
  return {{"clk", false, 1}, {"we", false, 1},     {"waddr", false, aw},  {"wdata", false, width},
          {"re", false, 1},  {"raddr", false, aw}, {"rdata", true, width}};
}

ModuleRef sram_1r1w(int64_t depth, int width, int aw) {
  return {"circa_sram_1r1w", sram_params(depth, width, aw) + ")", sram_1r1w_ports(width, aw)};
}

ModuleRef sram_1r1w(int64_t depth, int width, int aw, const std::string& init_file) {
  return {"circa_sram_1r1w", sram_params(depth, width, aw) + init(init_file) + ")",
          sram_1r1w_ports(width, aw)};
}

ModuleRef round_sat_ref(int in_width, int shift, const FixedFormat& to) {
  return {"circa_round_sat",
          "#(.IW(" + std::to_string(in_width) + "), .OW(" + std::to_string(to.bits) + "), .SHIFT(" +
              std::to_string(shift) + "), .ROUND(" + std::to_string(round_code(to.rounding)) +
              "), .SAT(" + std::to_string(sat_code(to.overflow)) + "))",
          {{"in", false, in_width}, {"out", true, to.bits}}};
}

Instance& Instance::connect(const std::string& port, const Expr& e) {
  conns_.emplace_back(port, e);
  return *this;
}

Instance& Instance::open(const std::string& port) {
  open_.push_back(port);
  return *this;
}

Body::Body(Emitter& e, std::string module, const std::vector<Port>& ports)
    : e_(e), module_(std::move(module)) {
  for (const Port& p : ports) declare(p.name, p.width, SignalKind::wire);
}

void Body::fail(const std::string& what) const {
  throw InternalError("generator error in module " + module_ + ": " + what);
}

void Body::declare(const std::string& name, int width, SignalKind kind) {
  if (width < 1) fail("signal " + name + " declared " + std::to_string(width) + " bits wide");
  if (!signals_.emplace(name, Signal{name, width, kind}).second)
    fail("signal " + name + " declared twice");
}

static std::string with_comment(std::string line, const std::string& comment) {
  return comment.empty() ? line : line + "  // " + comment;
}

Signal Body::wire(const std::string& name, int width, const std::string& value,
                  const std::string& comment) {
  declare(name, width, SignalKind::wire);
  e_.line(
      with_comment(gen::wire(name, width) + (value.empty() ? "" : " = " + value) + ";", comment));
  return signals_.at(name);
}

Signal Body::reg(const std::string& name, int width, const std::string& comment) {
  declare(name, width, SignalKind::reg);
  e_.line(with_comment(gen::reg(name, width) + ";", comment));
  return signals_.at(name);
}

std::string Body::delay_chain(const std::string& in, int width, int stages,
                              const std::string& prefix) {
  std::string prev = in;
  for (int i = 1; i <= stages; ++i) {
    const std::string r = prefix + std::to_string(i);
    reg(r, width);
    e_.line("always @(posedge clk) " + r + " <= " + prev + ";");
    prev = r;
  }
  return prev;
}

void Body::wires(const std::vector<std::string>& names, int width) {
  std::string rest;
  for (size_t i = 0; i < names.size(); ++i) {
    declare(names[i], width, SignalKind::wire);
    if (i > 0) rest += ", " + names[i];
  }
  e_.line(gen::wire(names.at(0), width) + rest + ";");
}

void Body::regs(const std::vector<std::string>& names, int width) {
  std::string rest;
  for (size_t i = 0; i < names.size(); ++i) {
    declare(names[i], width, SignalKind::reg);
    if (i > 0) rest += ", " + names[i];
  }
  e_.line(gen::reg(names.at(0), width) + rest + ";");
}

void Body::memory(const std::string& name, int width, int64_t depth) {
  // The array's name is taken (a second declaration is an error) but it is not an expression of
  // `width` bits, so it is kept as a 0-bit marker that no connection can match.
  if (!signals_.emplace(name, Signal{name, 0, SignalKind::reg}).second)
    fail("signal " + name + " declared twice");
  e_.line(gen::reg(name, width) + " [0:" + std::to_string(depth - 1) + "];");
}

const Signal& Body::operator[](const std::string& name) const {
  const auto it = signals_.find(name);
  if (it == signals_.end()) fail("signal " + name + " is used but not declared");
  return it->second;
}

void Body::add(const Instance& inst) {
  const ModuleRef& m = inst.module();
  const std::string where = "instance " + inst.name() + " of " + m.name + ": ";
  const auto has_port = [&](const std::string& name) {
    return std::any_of(m.ports.begin(), m.ports.end(),
                       [&](const Port& p) { return p.name == name; });
  };
  std::map<std::string, const Expr*> by_port;
  for (const auto& [port, expr] : inst.connections()) {
    if (!has_port(port)) fail(where + "no port named " + port);
    if (!by_port.emplace(port, &expr).second) fail(where + "port " + port + " connected twice");
  }
  for (const auto& port : inst.open_ports()) {
    if (!has_port(port)) fail(where + "no port named " + port + " (left open)");
    if (by_port.count(port) != 0) fail(where + "port " + port + " both connected and left open");
  }
  size_t name_w = 0;
  for (const Port& p : m.ports) name_w = std::max(name_w, p.name.size());
  std::vector<std::vector<std::string>> lines;  // per port, its lines (more when wrapped)
  for (const Port& p : m.ports) {
    const auto it = by_port.find(p.name);
    const auto& open = inst.open_ports();
    const std::string head = "." + p.name + std::string(name_w - p.name.size(), ' ') + " (";
    std::string conn;
    if (it != by_port.end()) {
      const Expr& x = *it->second;
      if (x.width != p.width)
        fail(where + "port " + p.name + " is " + std::to_string(p.width) + " bits, connected to " +
             x.text + " of " + std::to_string(x.width) + " bits");
      if (x.parts.size() > 1 && head.size() + x.text.size() > kWrapColumn) {
        // A long concatenation: one part per line, aligned after the opening brace.
        const std::string pad(head.size() + 1, ' ');
        std::vector<std::string> wrapped{head + "{" + x.parts[0] + ","};
        for (size_t i = 1; i + 1 < x.parts.size(); ++i) wrapped.push_back(pad + x.parts[i] + ",");
        wrapped.push_back(pad + x.parts.back() + "})");
        lines.push_back(wrapped);
        continue;
      }
      conn = x.text;
    } else if (std::find(open.begin(), open.end(), p.name) != open.end()) {
      if (!p.output) fail(where + "input port " + p.name + " cannot be left open");
    } else {
      fail(where + (p.output ? "output port " + p.name + " is not connected (mark it open)"
                             : "input port " + p.name + " is not connected"));
    }
    lines.push_back({head + conn + ")"});
  }
  e_.open(m.name + (m.params.empty() ? "" : " " + m.params) + " " + inst.name() + " (");
  for (size_t i = 0; i < lines.size(); ++i) {
    for (size_t j = 0; j + 1 < lines[i].size(); ++j) e_.line(lines[i][j]);
    e_.line(lines[i].back() + (i + 1 < lines.size() ? "," : ""));
  }
  e_.close(");");
}

void Body::round_sat_shift(const std::string& inst, const Expr& in, int shift,
                           const FixedFormat& to, const std::string& out) {
  add(Instance(round_sat_ref(in.width, shift, to), inst)
          .connect("in", in)
          .connect("out", (*this)[out]));
}

void Body::round_sat(const std::string& inst, const Expr& in, int from_frac, const FixedFormat& to,
                     const std::string& out) {
  round_sat_shift(inst, in, from_frac - to.frac, to, out);
}

}  // namespace circa::gen
