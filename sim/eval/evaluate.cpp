#include "eval/evaluate.hpp"

#include <algorithm>
#include <filesystem>

#include "analytical/estimate.hpp"
#include "arch/layer_program.hpp"
#include "arch/memory_map.hpp"
#include "common/recent_memo.hpp"
#include "cosim/cosim_child.hpp"
#include "eval/cost_report.hpp"
#include "eval/dense_baseline.hpp"
#include "eval/evaluate_stages.hpp"
#include "eval/metrics.hpp"
#include "eval/point_figures.hpp"
#include "eval/sqnr.hpp"
#include "gen/emitter.hpp"
#include "numerics/layer.hpp"
#include "spec/config_loader.hpp"
#include "sysc/simulate.hpp"

namespace circa::eval {
namespace {

/// The cycle count of a SystemC run in a child process (SystemC elaborates once per process).
/// Event counts equal the analytical model's (the agreement test holds them equal), so only
/// the cycles and the bit-exactness verdict come from the simulation.
int64_t simulated_cycles(const AcceleratorSpec& s, const Workload& w, uint64_t seed) {
  sysc::SimOptions o;
  o.seed = seed;
  const nlohmann::json j = sysc::simulate_in_child(s, w, o);
  if (!j.at("bit_exact").get<bool>())
    throw InternalError("SystemC outputs differ from the golden model: " +
                        j.at("mismatch").get<std::string>());
  return j.at("report").at("cycles").get<int64_t>();
}

/// The first difference a failed co-simulation found, in one line.
std::string cosim_failure(const cosim::CosimResult& r) {
  if (r.mismatch_cycle >= 0)
    return "the RTL differs from the SystemC top at cycle " + std::to_string(r.mismatch_cycle) +
           ", port " + r.mismatch_port + ": expected " + r.expected + ", actual " + r.actual +
           (r.vcd.empty() ? "" : " (waveform: " + r.vcd + ")");
  if (!r.golden_ok && !r.golden_mismatch.empty())
    return "the RTL's outputs differ from the golden model: " + r.golden_mismatch;
  return "the co-simulation ended after " + std::to_string(r.products_done) + " inferences in " +
         std::to_string(r.cycles) + " cycles: " + r.message;
}

/// `circa cosim` on the point: the RTL's start-to-done cycles of one inference of the whole
/// network (one start runs every layer, layer switches included), so the figure compares with
/// cycle_accurate's. The Verilated top is built once per design into the shared cache
/// (cosim::cache_root) and reused by later runs.
int64_t cosimulated_cycles(const AcceleratorSpec& s, const Workload& w, uint64_t seed) {
  if (const std::string why = arch::network_unsupported(s, w.layers); !why.empty())
    throw ConfigError("fidelity cosim: " + why);
  for (const Layer& l : w.layers)
    if (const std::string why = cosim::cosim_unsupported(s, l); !why.empty())
      throw ConfigError("fidelity cosim: " + why);
  cosim::CosimOptions o;
  o.seed = seed;
  o.products = 1;
  o.stall = 0;  // host gaps do not move start-to-done, but off-chip stalls would
  // Named by the point's config hash (its name may hold any character); written on a mismatch.
  o.vcd = (std::filesystem::temp_directory_path() /
           ("circa-cosim-" + gen::config_hash(s) + "-seed" + std::to_string(seed) + ".vcd"))
              .string();
  const cosim::CosimResult r = cosim::run_cosim_in_child(o, s, w.layers);
  // A mismatch is the generator's or the model's bug, not the user's: InternalError, which a
  // sweep records as a failed point with this message.
  if (!r.ok) throw InternalError("fidelity cosim: " + cosim_failure(r));
  CIRCA_CHECK(r.layers.size() == 1 && !r.layers[0].rtl.empty(), "cosim reported no inference");
  return r.layers[0].rtl.front();
}

}  // namespace

const char* to_string(Fidelity f) {
  return name_in(kFidelityNames, f);
}

const arch::RunReport& estimate_point(const AcceleratorSpec& s, const Workload& w) {
  // The clock reaches a resident run only through the memory map's weight stream FIFO depth.
  struct Key {
    AcceleratorSpec spec;
    int64_t stream_fifo_depth;
    Workload workload;
  };
  thread_local RecentMemo<Key, arch::RunReport> memo(8);
  thread_local arch::RunReport streamed;  // the last run that streams, not remembered
  const int64_t depth = arch::weight_stream_fifo_depth(s);
  arch::RunReport* known = memo.find([&](const Key& k) {
    return k.stream_fifo_depth == depth && same_design_but_clock(k.spec, s) &&
           same_layers(k.workload, w) && k.workload.name == w.name;
  });
  if (known) {
    known->config = s.name;
    known->clock_mhz = s.clock_mhz;
    return *known;
  }
  arch::RunReport r = ana::estimate(s, w);
  const bool resident = std::all_of(r.layers.begin(), r.layers.end(),
                                    [](const arch::LayerReport& l) { return l.weights_on_chip; });
  if (resident) return memo.put({s, depth, w}, std::move(r));
  return streamed = std::move(r);
}

void check_point(const AcceleratorSpec& spec, const Workload& workload) {
  check_workload_fits(workload, spec);
  for (const Layer& l : workload.layers) num::check_layer_numerics(spec, l);
}

void assemble_figures(const AcceleratorSpec& spec, const Workload& workload,
                      const arch::RunReport& run, const CostReport& c, double sqnr_db,
                      PointFigures& out) {
  MetricInputs in;
  in.cycles = run.cycles;
  in.cost = &c;
  in.sqnr_db = sqnr_db;
  for (const auto& l : run.layers) in.weights_on_chip = in.weights_on_chip && l.weights_on_chip;
  try {  // the other side of the papers' ratios, on every point (analytical: microseconds)
    const BaselineRatios r = ratios(dense_figures(spec, workload, run, c), c);
    in.dense_energy_ratio = r.energy;
    in.dense_throughput_ratio = r.throughput;
    in.dense_weight_memory_ratio = r.weight_memory;
  } catch (const ConfigError&) {
    // The point's area buys no dense PE: no baseline, the ratios stay 0.
  }
  metric_values(in, out);
  // Per unit: datapath, clock and wire energy (leakage is one logic figure plus the memories').
  breakdowns(c, out);
}

PointMetrics assemble_metrics(const AcceleratorSpec& spec, const Workload& workload,
                              const arch::RunReport& run, const CostReport& c, double sqnr_db) {
  PointFigures f;
  assemble_figures(spec, workload, run, c, sqnr_db, f);
  return named(f);
}

PointMetrics evaluate(const AcceleratorSpec& given, const Workload& workload, Fidelity fidelity,
                      uint64_t seed) {
  // technology.timing: derate, and weight_sram.read_latency 0 derived from the timing
  const AcceleratorSpec spec = apply_timing_policy(given).spec;
  check_point(spec, workload);
  const arch::RunReport& estimated = estimate_point(spec, workload);
  arch::RunReport simulated;  // the estimate with the simulation's cycles
  if (fidelity != Fidelity::analytical) {
    simulated = estimated;
    simulated.cycles = fidelity == Fidelity::cycle_accurate
                           ? simulated_cycles(spec, workload, seed)
                           : cosimulated_cycles(spec, workload, seed);
  }
  const arch::RunReport& run = fidelity == Fidelity::analytical ? estimated : simulated;
  const CostReport c = cost_figures(spec, workload, run);  // a sweep stores no notes
  return assemble_metrics(spec, workload, run, c, network_sqnr_db(spec, workload, seed));
}

}  // namespace circa::eval
