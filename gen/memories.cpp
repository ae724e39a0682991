// Memory wrappers: the banked weight SRAM as banks of the behavioural circa_sram_1rw primitive
// (rtl/), behind a generated wrapper whose ports stay the same when a flow swaps the banks for
// macros. Bank i loads `weights_bank<i>.hex` when images are generated. A read latency L > 1
// (arch::weight_read_latency) adds L - 1 register stages after the banks' read data: a macro that
// takes L cycles to read replaces banks and stages together.
#include "gen/emitter.hpp"
#include "gen/netlist.hpp"
#include "gen/units.hpp"

namespace circa::gen {

std::string gen_weight_sram(Design& d, const arch::MemoryShape& m, int read_latency, bool images) {
  // One read/write port per bank: circa_sram_1rw. Any other mix the spec allows (>= 1 read/write
  // port, or read and write ports) gives each bank a separate read and write port:
  // circa_sram_1r1w; the datapath never needs more (weights are written only while idle).
  const bool one_rw = m.single_port();
  const int64_t depth = m.depth;
  const int B = m.banks, W = m.word_bits, aw = ceil_log2(depth);
  const std::string mix = one_rw ? "1rw"
                                 : std::to_string(m.read_write_ports) + "rw" +
                                       std::to_string(m.read_ports) + "r" +
                                       std::to_string(m.write_ports) + "w";
  const std::string name = "circa_wsram_b" + std::to_string(B) + "_d" + std::to_string(depth) +
                           "_w" + std::to_string(W) + "_" + mix +
                           (read_latency > 1 ? "_l" + std::to_string(read_latency) : "") +
                           (images ? "_img" : "");
  if (d.has(name)) return name;
  const std::vector<Port> ports{{"clk", false, 1},       {"en", false, B},
                                {"we", false, B},        {"addr", false, B * aw},
                                {"wdata", false, B * W}, {"rdata", true, B * W}};
  Emitter e;
  e.line("// Weight-spectrum SRAM: " + std::to_string(B) + " banks x " + std::to_string(depth) +
         " words x " + std::to_string(W) + " bits, " +
         (one_rw ? std::string("one read/write port per bank")
                 : "ports per bank " + mix + ", used as one read and one write port") +
         ", read latency " + std::to_string(read_latency) + ".");
  e.line(
      "// Bank b owns bits [b*W +: W] of every bus. Swap the primitive for a macro to harden it.");
  e.open("module " + name + " (");
  for (const auto& l : port_lines(ports)) e.line(l);
  e.close(");");
  e.open("");
  Body body(e, name, ports);
  // A one-bank wrapper's en/we are scalars, which take no bit select.
  auto bit = [B](const std::string& sig, int b) {
    return B == 1 ? sig : sig + "[" + std::to_string(b) + "]";
  };
  const int stages = read_latency - 1;
  const std::string bank_rdata = stages > 0 ? "bank_rdata" : "rdata";
  if (stages > 0) body.wire(bank_rdata, B * W);
  for (int b = 0; b < B; ++b) {
    const std::string s = std::to_string(b), en = bit("en", b), we = bit("we", b);
    const std::string image = images ? "weights_bank" + s + ".hex" : "";
    const Expr a = part(body["addr"], b * aw, aw), wd = part(body["wdata"], b * W, W);
    const Expr rd = part(body[bank_rdata], b * W, W);
    if (one_rw) {
      body.add(Instance(sram_1rw(depth, W, aw, image), "u_bank" + s)
                   .connect("clk", body["clk"])
                   .connect("en", Expr(en, 1))
                   .connect("we", Expr(we, 1))
                   .connect("addr", a)
                   .connect("wdata", wd)
                   .connect("rdata", rd));
    } else {
      body.add(Instance(sram_1r1w(depth, W, aw, image), "u_bank" + s)
                   .connect("clk", body["clk"])
                   .connect("we", Expr(en + " && " + we, 1))
                   .connect("waddr", a)
                   .connect("wdata", wd)
                   .connect("re", Expr(en + " && !" + we, 1))
                   .connect("raddr", a)
                   .connect("rdata", rd));
    }
  }
  if (stages > 0) {
    e.line("// read latency " + std::to_string(read_latency) + ": the banks' read data, then " +
           std::to_string(stages) + " register stage(s)");
    e.line("assign rdata = " + body.delay_chain(bank_rdata, B * W, stages, "rdata_stage") + ";");
  }
  e.close("endmodule");
  d.add({name, e.str(), ports, read_latency});
  return name;
}

}  // namespace circa::gen
