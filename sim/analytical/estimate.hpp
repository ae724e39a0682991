// The analytical model's entry point: a workload on a design point in closed form.
#pragma once

#include "arch/report.hpp"
#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::ana {

/// Cycles and events of one inference of `w` on `s` (the workload must fit: see
/// check_workload_fits). Exact where weights are on chip; with off-chip streaming it follows
/// the same per-issue arrival rule as the SystemC model.
arch::RunReport estimate(const AcceleratorSpec& s, const Workload& w);

}  // namespace circa::ana
