#include "eval/sim_bench.hpp"

#include <chrono>

#include <fmt/format.h>

#include "analytical/estimate.hpp"
#include "eval/run_spec.hpp"
#include "spec/config_loader.hpp"
#include "sysc/simulate.hpp"

namespace circa::eval {

void run_sim_bench(std::ostream& os, const std::string& config_file, double analytical_seconds) {
  const AcceleratorSpec s = load_run_spec(config_file, {}, os);
  const Workload w = sysc::fc_workload(4096);
  check_workload_fits(w, s);
  os << fmt::format("circa bench sim: {} on {} (k={}, {} MAC lanes, fft {} x{})\n", w.name,
                    s.name, s.block_size, s.mac.lanes, to_string(s.fft.style),
                    s.fft.samples_per_cycle);

  const nlohmann::json r = sysc::simulate_in_child(s, w, sysc::SimOptions{});
  const int64_t cycles = r["report"]["cycles"].get<int64_t>();
  const double sec = r["sim_seconds"].get<double>();
  os << fmt::format("  SystemC model:    {} cycles in {:.3f} s = {:.2f} M simulated cycles/s ({})\n",
                    cycles, sec, cycles / sec / 1e6,
                    r["bit_exact"].get<bool>() ? "bit-exact" : "MISMATCH");

  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  int64_t evals = 0, est_cycles = 0;
  double elapsed = 0;
  do {
    est_cycles = ana::estimate(s, w).cycles;
    ++evals;
    elapsed = std::chrono::duration<double>(clock::now() - t0).count();
  } while (elapsed < analytical_seconds);
  os << fmt::format("  analytical model: {} evaluations in {:.3f} s = {:.0f} evaluations/s "
                    "({} cycles)\n",
                    evals, elapsed, evals / elapsed, est_cycles);
}

}  // namespace circa::eval
