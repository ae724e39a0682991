#include "sweep/bench_stages.hpp"

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <ctime>
#include <fstream>
#include <mutex>

#include "analytical/estimate.hpp"
#include "eval/evaluate_stages.hpp"
#include "eval/sqnr.hpp"
#include "eval/timing.hpp"
#include "sweep/evaluator.hpp"
#include "sweep/parallel.hpp"
#include "sweep/point.hpp"

namespace circa::sweep {
namespace {

using Clock = std::chrono::steady_clock;
enum Stage { kCheck, kEstimate, kCost, kNumerics, kMetrics, kNamed, kStages };
constexpr std::array<const char*, kStages> kStageNames = {
    "check", "estimate", "cost", "numerics (cached)", "metrics", "named"};

struct Tally {
  std::array<double, kStages> seconds{};
  int64_t ok = 0, failed = 0;
};

/// One point through evaluate's stages (analytical), each timed: to its figures (numbers), then
/// when `named` (as evaluate returns them) to PointMetrics, into `out` when given.
void evaluate_timed(const AcceleratorSpec& given, const Workload& w, uint64_t seed, Tally& t,
                    bool named, eval::PointMetrics* out) {
  auto lap = [&](Clock::time_point& from, Stage st) {
    const auto now = Clock::now();
    t.seconds[st] += std::chrono::duration<double>(now - from).count();
    from = now;
  };
  auto at = Clock::now();
  AcceleratorSpec s;
  try {
    s = eval::apply_timing_policy(given).spec;
    eval::check_point(s, w);
  } catch (const ConfigError&) {
    lap(at, kCheck);
    ++t.failed;
    return;
  }
  lap(at, kCheck);
  const arch::RunReport& run = eval::estimate_point(s, w);
  lap(at, kEstimate);
  const eval::CostReport c = eval::cost_figures(s, w, run);
  lap(at, kCost);
  const double sqnr = eval::network_sqnr_db(s, w, seed);
  lap(at, kNumerics);
  eval::PointFigures f;
  eval::assemble_figures(s, w, run, c, sqnr, f);
  lap(at, kMetrics);
  ++t.ok;
  if (!named) return;
  eval::PointMetrics m = eval::named(f);
  lap(at, kNamed);
  if (out) *out = std::move(m);
}

/// The structural points (every axis but the clock), resolved through the loader once each.
std::vector<AcceleratorSpec> structural_specs(const SweepSpec& s, const SweepContext& ctx) {
  std::vector<AcceleratorSpec> specs;
  for (auto& in : expand_points(s)) {
    Point p = resolve_point(s, ctx, std::move(in));
    if (p.spec) specs.push_back(*p.spec);
  }
  return specs;
}

}  // namespace

double run_stage_bench(const StageBenchOptions& o, std::ostream& out) {
  SweepSpec s = load_sweep(o.sweep_file);
  s.accuracy.reset();  // accuracy is measured per numerics outside evaluate; not benchmarked
  const SweepContext ctx = load_context(s);
  const std::vector<AcceleratorSpec> specs = structural_specs(s, ctx);
  const size_t n = specs.size() * static_cast<size_t>(o.clock_values);
  // Point i: structural point i / clocks at clock 100 + i % clocks MHz, set in `p` (the copy of
  // the structural spec a thread varies the clock of: making points is the sweep's business).
  auto point = [&](size_t i, AcceleratorSpec& p) -> const AcceleratorSpec& {
    p.clock_mhz = 100.0 + static_cast<double>(i % o.clock_values);
    return p;
  };
  // Warm the numerics cache as a sweep does on its first point of each numerics; timed, as the
  // cost of a design's first point (its clock-free parts worked out, not remembered).
  Tally warm;
  for (const auto& sp : specs) evaluate_timed(sp, ctx.workload, s.seed, warm, true, nullptr);
  const double first_us = 1e6 *
                          (warm.seconds[kCheck] + warm.seconds[kEstimate] + warm.seconds[kCost] +
                           warm.seconds[kMetrics]) /
                          static_cast<double>(specs.size());
  if (!o.dump.empty()) {
    std::ofstream f(o.dump);
    Tally t;
    for (size_t i = 0; i < n; ++i) {
      AcceleratorSpec p = specs[i / o.clock_values];
      eval::PointMetrics m;
      evaluate_timed(point(i, p), ctx.workload, s.seed, t, true, &m);
      f << (m.values.empty() ? "failed" : metrics_to_json(m).dump()) << "\n";
    }
  }
  out << fmt::format(
      "analytical hot path: {} points ({} structural x {} clocks), {}; figures: evaluate's "
      "stages to the point's numbers; named: also to its PointMetrics (names, maps), as "
      "evaluate returns them\n",
      n, specs.size(), o.clock_values, ctx.workload.name);
  out << fmt::format(
      "first point of each design (nothing remembered; numerics computed, not counted): "
      "{:.2f} us a point to the figures, {:.0f} points/s  (check {:.2f}; estimate {:.2f}; cost "
      "{:.2f}; metrics {:.2f} us)\n",
      first_us, 1e6 / first_us, 1e6 * warm.seconds[kCheck] / specs.size(),
      1e6 * warm.seconds[kEstimate] / specs.size(), 1e6 * warm.seconds[kCost] / specs.size(),
      1e6 * warm.seconds[kMetrics] / specs.size());
  double one = 0;
  for (int jobs : {1, 2}) {
    for (bool named : {false, true}) {
      Tally sum;
      std::mutex sum_mutex;
      const auto start = Clock::now();
      const std::clock_t cpu_start = std::clock();
      // A structural point's clocks at a time, tallied locally then added (one lock per chunk).
      parallel_for(specs.size(), jobs, nullptr, [&](size_t k) {
        Tally t;
        AcceleratorSpec p = specs[k];
        for (int c = 0; c < o.clock_values; ++c)
          evaluate_timed(point(k * o.clock_values + c, p), ctx.workload, s.seed, t, named, nullptr);
        std::lock_guard<std::mutex> lock(sum_mutex);
        for (int st = 0; st < kStages; ++st) sum.seconds[st] += t.seconds[st];
        sum.ok += t.ok;
        sum.failed += t.failed;
      });
      const double wall = std::chrono::duration<double>(Clock::now() - start).count();
      // Process CPU time: on a shared machine the wall-clock speed-up also measures the others'
      // load, the CPU time per point does not.
      const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
      const double rate = static_cast<double>(n) / wall;
      if (jobs == 1 && !named) one = rate;
      out << fmt::format(
          "estimate+cost {:<7} jobs={} {:10.0f} points/s  x{:.2f} of figures jobs=1  CPU {:.2f} "
          "us/point  ({} ok, {} refused by the checks)\n",
          named ? "named" : "figures", jobs, rate, rate / one, 1e6 * cpu / n, sum.ok, sum.failed);
      std::string split = "  per point (thread time):";
      for (int st = 0; st < kStages; ++st)
        if (named || st != kNamed)
          split += fmt::format(" {} {:.2f} us;", kStageNames[st], 1e6 * sum.seconds[st] / n);
      out << split << "\n" << std::flush;
    }
  }
  return one;
}

}  // namespace circa::sweep
