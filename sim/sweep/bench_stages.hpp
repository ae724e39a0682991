// The analytical hot path of a sweep, stage by stage: the default sweep's axes (without its
// accuracy section) extended with a clock axis to >= 100,000 points, each evaluated through
// eval::evaluate's own stages (check, estimate, cost, numerics, metrics, named) with a timer
// around each. Points/s on 1 and 2 threads, to the point's figures and on to its named
// PointMetrics, and the time per point of every stage.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

namespace circa::sweep {

struct StageBenchOptions {
  std::string sweep_file;  ///< whose axes, base and workload are used (configs/sweeps/default)
  int clock_values = 240;  ///< clock_mhz from 100 MHz in 1 MHz steps, multiplies the points
  std::string dump;        ///< when set, every point's metrics as JSON lines (bit-for-bit check)
};

/// Prints, per thread count, points/s to the figures and to named PointMetrics, each with the
/// per-stage split; returns 1-thread points/s to the figures.
double run_stage_bench(const StageBenchOptions& o, std::ostream& out);

}  // namespace circa::sweep
