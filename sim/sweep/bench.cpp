#include "sweep/bench.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <filesystem>

#include "sweep/export.hpp"
#include "sweep/runner.hpp"

namespace circa::sweep {
namespace {

namespace fs = std::filesystem;

/// A sweep of `points` points over clock_mhz (cheap to vary, always valid).
SweepSpec bench_sweep(const BenchOptions& o, const fs::path& dir, int points, eval::Fidelity f) {
  const std::string file = (dir / "bench.yaml").string();
  write_text_file(
      file,
      fmt::format("kind: sweep\nname: bench\nbase: {}\nworkload: {}\n"
                  "axes:\n  clock_mhz: {{from: 100, to: {}, step: 1}}\n"
                  "objectives: {{minimise: [energy_per_inference_uj, area_mm2]}}\n",
                  fs::absolute(o.base).string(), fs::absolute(o.workload).string(), 99 + points));
  SweepSpec s = load_sweep(file);
  s.fidelity = f;
  return s;
}

BenchFigure run_once(const BenchOptions& o, const Evaluator& evaluate,
                     const std::vector<std::string>& worker, eval::Fidelity f, int points,
                     int jobs) {
  const fs::path dir =
      fs::temp_directory_path() / fmt::format("circa-sweep-bench-{}-{}-{}", getpid(), points, jobs);
  fs::remove_all(dir);
  fs::create_directories(dir);
  const SweepSpec s = bench_sweep(o, dir, points, f);
  RunOptions run;
  run.out_dir = (dir / "out").string();
  run.jobs = jobs;
  run.version = "bench";
  run.worker_command = f == eval::Fidelity::analytical ? std::vector<std::string>{} : worker;
  run.evaluator_options = o.evaluator_options;
  const RunSummary sum = run_sweep(s, evaluate, run);
  fs::remove_all(dir);
  const bool threads = f == eval::Fidelity::analytical;
  return BenchFigure{threads ? "threads" : "processes", jobs, points,
                     static_cast<double>(sum.evaluated) / sum.seconds};
}

}  // namespace

std::vector<BenchFigure> run_sweep_bench(const BenchOptions& o, const Evaluator& evaluate,
                                         const std::vector<std::string>& worker_command,
                                         std::ostream& out) {
  std::vector<BenchFigure> figures;
  for (const auto f : {eval::Fidelity::analytical, eval::Fidelity::cycle_accurate}) {
    const bool threads = f == eval::Fidelity::analytical;
    if (!threads && worker_command.empty()) continue;
    double first = 0;
    for (int jobs : o.jobs) {
      const BenchFigure b = run_once(o, evaluate, worker_command, f,
                                     threads ? o.thread_points : o.process_points, jobs);
      if (first == 0) first = b.points_per_s;
      out << fmt::format("{:<10} jobs={} points={:<5} {:9.1f} points/s  speed-up x{:.2f}\n", b.mode,
                         b.jobs, b.points, b.points_per_s, b.points_per_s / first)
          << std::flush;
      figures.push_back(b);
    }
  }
  return figures;
}

}  // namespace circa::sweep
