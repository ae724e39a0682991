// `circa bench <what>`: benchmarks that print figures (never tests).
#include <iostream>

#include "cli/commands.hpp"
#include "cosim/bench.hpp"
#include "data/fashion_mnist.hpp"
#include "eval/evaluate.hpp"
#include "eval/run_spec.hpp"
#include "eval/sim_bench.hpp"
#include "numerics/bench_numerics.hpp"
#include "sweep/bench.hpp"
#include "sweep/bench_stages.hpp"
#include "sysc/bench.hpp"
#include "train/bench_train.hpp"

namespace circa::cli {

void register_bench_command(CLI::App& app, CommandTable& t) {
  auto* bench = app.add_subcommand("bench", "Run a benchmark and print its figures");
  bench->require_subcommand(1);
  t.add(bench->add_subcommand("numerics",
                              "FFT-based vs dense block-circulant product, double precision"),
        [] {
          num::run_numerics_bench(std::cout);
          return 0;
        });
  t.add(bench->add_subcommand("sim", "SystemC simulated cycles/s and analytical evaluations/s"),
        [] {
          eval::run_sim_bench(std::cout);
          return 0;
        });
  static cosim::CosimBenchOptions cosim_bench;
  auto* cb = bench->add_subcommand(
      "cosim", "Verilator simulated cycles/s of the generated top beside the SystemC model's");
  cb->add_option("--work", cosim_bench.work,
                 "Verilator build cache (default ~/.cache/circa/cosim)");
  cb->add_option("--n", cosim_bench.n, "the fc layer is n x n")->check(CLI::Range(64, 16384));
  t.add(cb, [] {
    cosim_bench.config = sysc::default_config_path();
    cosim::run_cosim_bench(cosim_bench, eval::load_run_spec(cosim_bench.config, {}, std::cout),
                           std::cout);
    return 0;
  });
  static sweep::StageBenchOptions sweep_stages;
  auto* sb = bench->add_subcommand("sweep",
                                   "Sweep points/s: analytical in threads, cycle-accurate in "
                                   "worker processes, 1 and 2 jobs; then the analytical hot "
                                   "path over >= 100,000 points, split by stage");
  sb->add_option("--clocks", sweep_stages.clock_values,
                 "clock values per structural point of the hot-path run (default 240)")
      ->check(CLI::Range(1, 100000));
  sb->add_option("--dump", sweep_stages.dump,
                 "write every hot-path point's metrics as JSON lines (bit-for-bit comparisons)");
  t.add(sb, [] {
    sweep::BenchOptions o;
    o.base = std::string(CIRCA_SOURCE_DIR) + "/configs/default.yaml";
    o.workload = std::string(CIRCA_SOURCE_DIR) + "/workloads/lenet300.yaml";
    sweep::run_sweep_bench(o, eval::evaluate, {"/proc/self/exe", "sweep-worker"}, std::cout);
    sweep_stages.sweep_file = std::string(CIRCA_SOURCE_DIR) + "/configs/sweeps/default.yaml";
    sweep::run_stage_bench(sweep_stages, std::cout);
    return 0;
  });
  static train::TrainBenchOptions train_bench;
  auto* tb = bench->add_subcommand(
      "train", "Training images/s (block-circulant and dense) and fixed-point inference images/s");
  tb->add_option("--data-dir", train_bench.data_dir, "Fashion-MNIST IDX files");
  tb->add_option("--train-images", train_bench.train_images,
                 "training images of the one timed epoch (figures scale to 60,000)")
      ->capture_default_str()
      ->check(CLI::Range(1, 60000));
  tb->add_option("--test-images", train_bench.test_images,
                 "test images of the golden-model run (10,000: the whole `circa accuracy` run)")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  t.add(tb, [] {
    train_bench.config = std::string(CIRCA_SOURCE_DIR) + "/configs/default.yaml";
    train_bench.workload = std::string(CIRCA_SOURCE_DIR) + "/workloads/lenet300.yaml";
    if (train_bench.data_dir.empty()) train_bench.data_dir = data::default_fashion_mnist_dir();
    train::run_train_bench(train_bench, std::cout);
    return 0;
  });
}

}  // namespace circa::cli
