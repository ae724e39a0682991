// `circa bench <what>`: benchmarks that print figures (never tests).
#include <iostream>

#include "cli/commands.hpp"
#include "eval/evaluate.hpp"
#include "numerics/bench_numerics.hpp"
#include "sweep/bench.hpp"
#include "sysc/bench.hpp"

namespace circa::cli {

void register_bench_command(CLI::App& app) {
  auto* bench = app.add_subcommand("bench", "Run a benchmark and print its figures");
  bench->require_subcommand(1);
  bench->add_subcommand("numerics", "FFT-based vs dense block-circulant product, double precision")
      ->callback([] { num::run_numerics_bench(std::cout); });
  bench->add_subcommand("sim", "SystemC simulated cycles/s and analytical evaluations/s")
      ->callback([] { sysc::run_sim_bench(std::cout); });
  bench
      ->add_subcommand("sweep",
                       "Sweep points/s: analytical in threads, cycle-accurate in "
                       "worker processes, 1 and 2 jobs")
      ->callback([] {
        sweep::BenchOptions o;
        o.base = std::string(CIRCA_SOURCE_DIR) + "/configs/default.yaml";
        o.workload = std::string(CIRCA_SOURCE_DIR) + "/workloads/lenet300.yaml";
        sweep::run_sweep_bench(o, eval::evaluate, {"/proc/self/exe", "sweep-worker"}, std::cout);
      });
}

}  // namespace circa::cli
