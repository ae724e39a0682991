// The stages of eval::evaluate, exposed so `circa bench sweep` can time each one on the very
// calls evaluate makes: apply_timing_policy, check_point, estimate_point, cost_figures,
// network_sqnr_db, then assemble_metrics (assemble_figures, then named). evaluate(spec, w,
// analytical, seed) is exactly these in this order.
#pragma once

#include "arch/report.hpp"
#include "eval/cost_report.hpp"
#include "eval/evaluate.hpp"
#include "eval/point_figures.hpp"

namespace circa::eval {

/// Throws ConfigError when the workload does not fit the accelerator or its numerics.
void check_point(const AcceleratorSpec& spec, const Workload& workload);

/// ana::estimate(s, w), remembered for the last few designs a thread evaluated: a point that
/// differs from one of them in clock_mhz (and name) alone, with weight_sram.read_latency resolved
/// and every layer's weights resident, takes its run (cycles and events count no time, and the
/// clock enters the schedule only through the off-chip stream). A streamed layer's run is worked
/// out at every clock. The run stays valid until the thread's next call.
const arch::RunReport& estimate_point(const AcceleratorSpec& s, const Workload& w);

/// The metrics and breakdowns of a point from its run, cost report and SQNR, with the dense
/// baseline's ratios, as numbers (no allocation of its own).
void assemble_figures(const AcceleratorSpec& spec, const Workload& workload,
                      const arch::RunReport& run, const CostReport& c, double sqnr_db,
                      PointFigures& out);
/// The same, named: named(assemble_figures(...)).
PointMetrics assemble_metrics(const AcceleratorSpec& spec, const Workload& workload,
                              const arch::RunReport& run, const CostReport& c, double sqnr_db);

}  // namespace circa::eval
