// A small typed netlist for the generators: a module body whose signals are declared once with
// their widths, and instances whose connections are checked against the instantiated module's
// ports (name, width, every input driven) as the Verilog is written. A wrong connection is then a
// generator error (circa::InternalError naming the module, the instance, the port and both
// widths), not a Verilator warning on the emitted text.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "gen/design.hpp"
#include "gen/emitter.hpp"

namespace circa::gen {

enum class SignalKind { wire, reg };

/// A signal declared in a module body (or a port of the module itself).
struct Signal {
  std::string name;
  int width = 1;
  SignalKind kind = SignalKind::wire;
};

/// A Verilog expression with its width: a signal, a part select, a concatenation, a literal, or
/// any text whose width the generator states.
struct Expr {
  std::string text;
  int width = 1;
  std::vector<std::string> parts;  ///< a concatenation's parts (cat()), to wrap it one per line
  Expr(const Signal& s) : text(s.name), width(s.width) {}  // NOLINT: a signal is an expression
  Expr(std::string t, int w) : text(std::move(t)), width(w) {}
};

/// Bits [lo +: w] of `s` (`s` itself when that is all of it).
Expr part(const Signal& s, int lo, int w);
/// {parts[0], parts[1], ...}: the first part is the most significant; one part is itself.
Expr cat(const std::vector<Expr>& parts);

/// What an instance needs of the module it instantiates: its name, its parameter overrides
/// (`#(...)`, empty for generated modules, which have none) and its ports.
struct ModuleRef {
  std::string name;
  std::string params;
  std::vector<Port> ports;
};

/// A generated module of the design.
ModuleRef ref(const Module& m);
/// The hand-written primitives of rtl/ with concrete parameters (their ports follow from them).
ModuleRef sram_1rw(int64_t depth, int width, int aw, const std::string& init_file);
/// `init_file` absent: the INIT_FILE parameter is left at its default.
ModuleRef sram_1r1w(int64_t depth, int width, int aw);
ModuleRef sram_1r1w(int64_t depth, int width, int aw, const std::string& init_file);
/// circa_round_sat from `in_width` bits, dropping `shift` fraction bits, to `to`.
ModuleRef round_sat_ref(int in_width, int shift, const FixedFormat& to);

/// One instance: the module, the instance name and its connections by port name.
class Instance {
 public:
  Instance(ModuleRef module, std::string name)
      : module_(std::move(module)), name_(std::move(name)) {}
  /// Connects `port` to `e`; connecting a port twice is a generator error.
  Instance& connect(const std::string& port, const Expr& e);
  /// Leaves output `port` unconnected on purpose (`.port()`).
  Instance& open(const std::string& port);

  const ModuleRef& module() const { return module_; }
  const std::string& name() const { return name_; }
  /// The connections in the order they were made, and the outputs left open.
  const std::vector<std::pair<std::string, Expr>>& connections() const { return conns_; }
  const std::vector<std::string>& open_ports() const { return open_; }

 private:
  ModuleRef module_;
  std::string name_;
  std::vector<std::pair<std::string, Expr>> conns_;
  std::vector<std::string> open_;
};

/// The body of one module being emitted: declarations and instances go through it so that each
/// signal is declared once and each instance is checked. Other lines go to `out()` directly.
class Body {
 public:
  /// `module` names the module being written (for messages); its own ports are signals of it.
  Body(Emitter& e, std::string module, const std::vector<Port>& ports);

  Emitter& out() { return e_; }

  /// `wire [W-1:0] name;` or with a value `wire [W-1:0] name = value;`, then `  // comment`.
  Signal wire(const std::string& name, int width, const std::string& value = "",
              const std::string& comment = "");
  /// `reg  [W-1:0] name;` (and a comment).
  Signal reg(const std::string& name, int width, const std::string& comment = "");
  /// `stages` registers in series after `in` (prefix1 .. prefixN, no reset); the last one's name,
  /// `in` itself when stages is 0.
  std::string delay_chain(const std::string& in, int width, int stages, const std::string& prefix);
  /// Several signals of one width in one declaration: `wire [W-1:0] a, b, c;`.
  void wires(const std::vector<std::string>& names, int width);
  void regs(const std::vector<std::string>& names, int width);
  /// `reg  [W-1:0] name [0:depth-1];`: an array (its words are not signals of their own).
  void memory(const std::string& name, int width, int64_t depth);

  /// A declared signal (or port) by name; an undeclared name is a generator error.
  const Signal& operator[](const std::string& name) const;
  bool has(const std::string& name) const { return signals_.count(name) != 0; }

  /// Checks the instance against its module's ports and writes it, one connection per line, in
  /// the module's port order.
  void add(const Instance& inst);
  /// A circa_round_sat instance: `in` (its width is IW) requantized by `shift` bits to `to` into
  /// the declared signal `out`, which must be to.bits wide.
  void round_sat_shift(const std::string& inst, const Expr& in, int shift, const FixedFormat& to,
                       const std::string& out);
  /// The same from `from_frac` fraction bits.
  void round_sat(const std::string& inst, const Expr& in, int from_frac, const FixedFormat& to,
                 const std::string& out);

 private:
  void declare(const std::string& name, int width, SignalKind kind);
  [[noreturn]] void fail(const std::string& what) const;

  Emitter& e_;
  std::string module_;
  std::map<std::string, Signal> signals_;
};

}  // namespace circa::gen
