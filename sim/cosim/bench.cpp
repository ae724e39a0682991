#include "cosim/bench.hpp"

#include <fmt/format.h>

#include "cosim/cosim.hpp"
#include "cosim/cosim_child.hpp"
#include "spec/config_loader.hpp"
#include "sysc/bench.hpp"
#include "sysc/simulate.hpp"

namespace circa::cosim {
namespace {

void print_rate(std::ostream& os, const std::string& what, int64_t cycles, double seconds,
                const std::string& note) {
  os << fmt::format("  {:<34} {:>9} cycles in {:7.3f} s = {:6.3f} M simulated cycles/s ({})\n",
                    what, cycles, seconds, cycles / seconds / 1e6, note);
}

/// The Verilated top on `l` in a child: cycles and simulation seconds (build excluded).
CosimResult rtl_run(const CosimOptions& co, const AcceleratorSpec& s, const Layer& l) {
  return run_cosim_in_child(co, s, {l});
}

}  // namespace

void run_cosim_bench(const CosimBenchOptions& o, const AcceleratorSpec& s, std::ostream& os) {
  const Workload w = sysc::fc_workload(o.n);
  const Layer& l = w.layers.at(0);
  if (const std::string why = cosim_unsupported(s, l); !why.empty())
    throw ConfigError("bench cosim: " + o.config + ": " + why);
  os << fmt::format("circa bench cosim: {} on {} (k={}, {} MAC lanes, fft {} x{}); weights {}\n",
                    w.name, s.name, s.block_size, s.mac.lanes, to_string(s.fft.style),
                    s.fft.samples_per_cycle,
                    plan_alone(s, l).weights_on_chip ? "resident" : "streamed from off-chip");

  const nlohmann::json sc = sysc::simulate_in_child(s, w, sysc::SimOptions{});
  print_rate(os, "SystemC unit model (1 inference):", sc["report"]["cycles"].get<int64_t>(),
             sc["sim_seconds"].get<double>(),
             sc["bit_exact"].get<bool>() ? "bit-exact vs golden" : "MISMATCH vs golden");

  CosimOptions co;
  co.products = o.products;
  co.stall = 0;
  co.work = o.work;
  co.reference = false;
  co.optimized_build = true;
  const CosimResult alone = rtl_run(co, s, l);
  if (!alone.cached)
    os << fmt::format("  (Verilator build of the top: {:.1f} s, cached afterwards)\n",
                      alone.build_seconds);
  print_rate(os, fmt::format("Verilated top ({} products):", o.products), alone.cycles,
             alone.sim_seconds, alone.ok ? "ran to done, golden outputs" : "FAILED: " + describe(alone));
  co.reference = true;
  co.rtl = false;
  const CosimResult pins = rtl_run(co, s, l);
  print_rate(os, fmt::format("SystemC top at its pins ({} products):", o.products), pins.cycles,
             pins.sim_seconds, pins.ok ? "ran to done, golden outputs" : "FAILED: " + describe(pins));
  co.rtl = true;
  const CosimResult both = rtl_run(co, s, l);
  print_rate(os, "Verilated top + SystemC top, lockstep:", both.cycles, both.sim_seconds,
             both.ok ? "zero mismatches" : "MISMATCH: " + describe(both));
  os << fmt::format("  SystemC model / Verilated top: {:.1f}x; SystemC top / Verilated top: {:.1f}x\n",
                    (sc["report"]["cycles"].get<int64_t>() / sc["sim_seconds"].get<double>()) /
                        (alone.cycles / alone.sim_seconds),
                    (pins.cycles / pins.sim_seconds) / (alone.cycles / alone.sim_seconds));
}

}  // namespace circa::cosim
