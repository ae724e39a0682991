// `circa cosim`: the generated top of a design point, Verilated at run time, in lockstep with
// the SystemC model of the same top (sysc/pin_top.hpp) on a workload's layers in order
// (sim/cosim/cosim.hpp), or `--random N` such runs on random valid design points
// (sim/cosim/random_case.hpp). Exit status 1 on a mismatch
// (first cycle, port, expected and actual values, and a VCD of both around it).
#include <iostream>

#include "cli/commands.hpp"
#include "common/error.hpp"
#include "cosim/cosim.hpp"
#include "cosim/random_case.hpp"
#include "sysc/bench.hpp"

namespace circa::cli {
namespace {

struct CosimArgs {
  cosim::CosimOptions o;
  int random = 0;
  bool fault_butterfly = false;
};

}  // namespace

void register_cosim_command(CLI::App& app, CommandTable& t) {
  static CosimArgs args;
  auto* cmd = app.add_subcommand(
      "cosim",
      "Co-simulate the generated top (Verilator) against the SystemC top on a workload's layers");
  cmd->add_option("--config", args.o.config,
                  "accelerator YAML (with --random: the base, default configs/default.yaml)")
      ->check(CLI::ExistingFile);
  cmd->add_option("-p,--param", args.o.overrides, "override: key.path=value (repeatable)");
  cmd->add_option("--workload", args.o.workload, "workload YAML (fc and conv layers)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--layer", args.o.layer, "one layer of the workload (default: all, in order)");
  cmd->add_option("--random", args.random,
                  "co-simulate N random valid design points, each with 1-3 chained fc layers or a "
                  "CNN (seeds S..S+N-1)")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--seed", args.o.seed,
                  "seed of the weights, inputs, input gaps and output back-pressure (with "
                  "--random: of the first design point)");
  cmd->add_option("--products", args.o.products, "inferences to run back to back")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--stall", args.o.stall,
                  "probability per cycle of an input gap, of output back-pressure and of an "
                  "off-chip memory stall")
      ->check(CLI::Range(0.0, 0.95));
  cmd->add_option("--cycles", args.o.max_cycles, "cycle limit (default: from the layers' sizes)");
  cmd->add_option("--work", args.o.work, "build cache folder (default ~/.cache/circa/cosim)");
  cmd->add_option("--vcd", args.o.vcd, "VCD written on a mismatch (default cosim_mismatch.vcd)");
  cmd->add_flag("--fault-inject-butterfly", args.fault_butterfly,
                "testing only: flip one output bit of every butterfly");
  t.add(cmd, [] {
    args.o.faults.butterfly = args.fault_butterfly;
    if (args.random > 0) {
      if (!args.o.workload.empty() || !args.o.overrides.empty())
        throw ConfigError(
            "cosim: --random draws its own design points and layers; drop --workload and -p");
      const std::string base = args.o.config.empty() ? sysc::default_config_path() : args.o.config;
      return cosim::run_random_cases(base, args.random, args.o.seed, args.o, std::cout) > 0 ? 1 : 0;
    }
    if (args.o.config.empty() || args.o.workload.empty())
      throw ConfigError("cosim: give --config and --workload (or --random N for random points)");
    const cosim::CosimResult r = cosim::run_cosim(args.o);
    std::cout << cosim::describe(r);
    return r.ok ? 0 : 1;
  });
}

}  // namespace circa::cli
