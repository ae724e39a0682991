#include "cosim/cosim.hpp"

#include <chrono>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <systemc>

#include "common/error.hpp"
#include "cosim/layer_runs.hpp"
#include "cosim/lockstep_bench.hpp"
#include "cosim/verilated_top.hpp"
#include "gen/generator.hpp"
#include "arch/layer_program.hpp"
#include "arch/memory_map.hpp"
#include "gen/top.hpp"
#include "spec/config_loader.hpp"

namespace circa::cosim {
namespace fs = std::filesystem;

std::vector<Layer> pick_layers(const Workload& w, const std::string& name) {
  if (name.empty()) return w.layers;
  for (const Layer& l : w.layers)
    if (l.name == name) return {l};
  throw ConfigError("cosim: workload " + w.name + " has no layer '" + name + "'");
}

std::vector<Layer> at_top_block_size(std::vector<Layer> layers, int k, std::ostream& note) {
  for (Layer& l : layers) {
    if (l.block_size == 0 || l.block_size == k) continue;
    note << "cosim: layer '" << l.name << "' runs at the top's k = " << k << " (the workload gives "
         << l.block_size << "): the generated top has one block size\n";
    l.block_size = k;
  }
  return layers;
}

arch::LayerPlan plan_alone(const AcceleratorSpec& s, const Layer& layer) {
  Workload wl;
  wl.name = "cosim";
  wl.layers.push_back(layer);
  return arch::plan_workload(s, wl).at(0);
}

std::string cosim_unsupported(const AcceleratorSpec& s, const Layer& l) {
  if (std::string why = gen::top_unsupported(s); !why.empty()) return "no generated top: " + why;
  const int k = s.block_size;
  const LayerGeometry g = geometry(l, k);
  if (g.k != k)
    return "layer " + l.name +
           " has a block size other than the accelerator's k = " + std::to_string(k);
  const arch::MemoryMap map = arch::memory_map(s);
  if (g.q > map.max_q || g.p > map.max_p)
    return "layer " + l.name + " does not fit the top's activation buffer (q <= " +
           std::to_string(map.max_q) + ", p <= " + std::to_string(map.max_p) +
           "); raise activation_buffer.capacity_kib";
  if (l.kind != LayerKind::lstm && l.activation != Activation::relu &&
      l.activation != Activation::none)
    return "the top's peripheral has relu or none; layer " + l.name + " asks for " +
           to_string(l.activation);
  return "";
}

std::vector<Layer> cosim_layers(const CosimOptions& o, const AcceleratorSpec& s) {
  return at_top_block_size(pick_layers(load_workload(o.workload), o.layer), s.block_size,
                           std::cerr);
}

CosimResult run_cosim(const CosimOptions& o, const AcceleratorSpec& s,
                      const std::vector<Layer>& layers) {
  CIRCA_CHECK(!layers.empty(), "cosim needs a layer");
  if (const std::string why = arch::network_unsupported(s, layers); !why.empty())
    throw ConfigError("cosim: " + why);
  for (const Layer& l : layers)
    if (const std::string why = cosim_unsupported(s, l); !why.empty())
      throw ConfigError("cosim: " + why);
  gen::GenOptions go;    // no images: weights and bias go in through the ports, so one build
  go.faults = o.faults;  // serves every layer and seed of a config
  go.regenerate = "circa cosim";  // fixed, so equal designs hash equally
  const gen::Design d = gen::generate_design(s, go);
  const gen::FileSet files = gen::render(d, s, gen::header_for(s, go));
  const std::vector<gen::Port> ports = d.module(d.top()).ports;
  // $readmemh resolves image names against the working directory, which cosim never changes:
  // the top it builds must read no image.
  for (const auto& [role, m] : d.memories)
    CIRCA_CHECK(m.image.empty(), "the co-simulated top loads " + role + " from an image file");
  std::vector<sysc::Pin> pins;
  for (const gen::Port& p : ports) pins.push_back({p.name, p.output, p.width});

  CIRCA_CHECK(o.reference || o.rtl, "cosim needs the RTL or the SystemC top");
  CosimResult r;
  const std::string vcd = fs::absolute(o.vcd.empty() ? "cosim_mismatch.vcd" : o.vcd).string();
  // SystemC objects live until the process ends (the kernel cannot tear a design down).
  const sc_core::sc_time period(10, sc_core::SC_NS);
  auto* clk = new sc_core::sc_clock("cosim_clk", period);
  sysc::PinModel* dut = nullptr;
  if (o.rtl) {
    const BuildInfo b = build_top(files, d.top(), ports, o.work, o.optimized_build, o.progress);
    r.build_dir = b.dir;
    r.cached = b.cached;
    r.build_seconds = b.seconds;
    dut = load_top(b, "dut", *clk).release();
  }
  sysc::PinTop* ref = nullptr;
  if (o.reference) {
    ref = new sysc::PinTop("ref", s, pins, period, o.reference_faults);
    ref->clk(*clk);
    r.reference = "the SystemC top (sim/sysc/pin_top.hpp)";
  }
  const int64_t products = o.products;
  make_lockstep_bench(ref, dut, pins, o, s, layer_runs(s, layers, o.seed), vcd, &r);
  const auto t0 = std::chrono::steady_clock::now();
  sc_core::sc_start();
  r.sim_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.ok = r.mismatch_cycle < 0 && r.products_done == products && r.golden_ok;
  r.message = r.ok ? "cosim: PASS, " + std::to_string(r.cycles) + " cycles, " +
                         std::to_string(r.compared) + " comparisons, " +
                         std::to_string(r.outputs_checked) + " output beats, " +
                         std::to_string(r.products_done) + " inferences, outputs equal the golden model"
                   : "cosim: FAIL";
  return r;
}

std::string describe(const CosimResult& r) {
  std::ostringstream o;
  if (!r.build_dir.empty())
    o << "model: " << r.build_dir
      << (r.cached ? " (cached)" : " (built in " + std::to_string(r.build_seconds) + " s)")
      << "\n";
  o << "reference: " << (r.reference.empty() ? "none (the RTL alone)" : r.reference) << "\n";
  if (r.mismatch_cycle >= 0) {
    o << "first mismatch: cycle " << r.mismatch_cycle << ", port " << r.mismatch_port
      << ": expected " << r.expected << ", actual " << r.actual << "\n";
    if (!r.vcd.empty()) o << "waveform of both around it: " << r.vcd << "\n";
  }
  o << "start to done per inference (SystemC top / RTL):\n";
  for (const LayerCycles& l : r.layers) {
    o << "  " << l.layer << ":";
    for (size_t i = 0; i < l.reference.size(); ++i)
      o << " " << l.reference[i] << "/" << (i < l.rtl.size() ? std::to_string(l.rtl[i]) : "-");
    o << "\n";
  }
  if (!r.golden_mismatch.empty()) o << "golden model: " << r.golden_mismatch << "\n";
  if (r.sim_seconds > 0)
    o << "simulated " << r.cycles << " cycles in " << r.sim_seconds << " s ("
      << static_cast<int64_t>(r.cycles / r.sim_seconds) << " cycles/s)\n";
  o << r.message << "\n";
  return o.str();
}

}  // namespace circa::cosim
