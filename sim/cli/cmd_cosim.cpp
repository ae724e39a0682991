// `circa cosim`: the generated top of a design point, Verilated at run time, in lockstep with
// the SystemC model of the same top (sysc/pin_top.hpp) on a workload's layers in order
// (sim/cosim/cosim.hpp), or `--random N` such runs on random valid design points
// (sim/cosim/random_case.hpp). Exit status 1 on a mismatch
// (first cycle, port, expected and actual values, and a VCD of both around it). Progress of the
// Verilator build and of the run goes to stderr; --out writes the RTL's outputs
// (cli/cosim_output.hpp).
#include <unistd.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/cosim_output.hpp"
#include "common/error.hpp"
#include "cosim/cosim.hpp"
#include "cosim/random_case.hpp"
#include "eval/run_spec.hpp"
#include "spec/config_loader.hpp"
#include "sysc/bench.hpp"

namespace circa::cli {
namespace {

struct CosimArgs {
  cosim::CosimOptions o;
  int random = 0;
  bool fault_butterfly = false;
  std::string out;
};

/// A workload's layers in lockstep; with --out, their outputs written after a passing run.
int run_workload(const CosimArgs& a) {
  const AcceleratorSpec s =
      eval::load_run_spec(a.o.config, parse_overrides(a.o.overrides), std::cerr);
  const std::vector<Layer> layers = cosim::cosim_layers(a.o, s);
  const cosim::CosimResult r = cosim::run_cosim(a.o, s, layers);
  std::cout << cosim::describe(r);
  if (a.out.empty()) return r.ok ? 0 : 1;
  if (!r.ok) {
    std::cerr << "circa cosim: the run failed; nothing written to " << a.out << "\n";
    return 1;
  }
  write_cosim_outputs(a.out, s, layers, a.o.seed, r);
  std::cout << "outputs: " << a.out << "/outputs.npy (codes, one row per inference), "
            << "outputs_real.npy, inputs.npy; weights and input.npy for circa sim --weights "
            << a.out << "\n";
  return 0;
}

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
  cmd->add_option("--workload", args.o.workload,
                  "workload YAML (fc, conv and lstm layers; a layer of another block size runs "
                  "at the top's k, said on stderr)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--layer", args.o.layer, "one layer of the workload (default: all, in order)");
  cmd->add_option("--random", args.random,
                  "co-simulate N random valid design points, each with 1-3 chained fc layers, a "
                  "CNN or an lstm layer (seeds S..S+N-1)")
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
  cmd->add_option("--out", args.out,
                  "folder for the RTL's outputs per inference (outputs.npy, outputs_real.npy), "
                  "their inputs and weights");
  cmd->add_flag("--fault-inject-butterfly", args.fault_butterfly,
                "testing only: flip one output bit of every butterfly");
  t.add(cmd, [] {
    args.o.faults.butterfly = args.fault_butterfly;
    args.o.progress = {&std::cerr, isatty(STDERR_FILENO) == 1};
    if (args.random > 0) {
      if (!args.o.workload.empty() || !args.o.overrides.empty())
        throw ConfigError(
            "cosim: --random draws its own design points and layers; drop --workload and -p");
      if (!args.out.empty())
        throw ConfigError("cosim: --out writes a --workload run's outputs; drop it with --random");
      const std::string base = args.o.config.empty() ? sysc::default_config_path() : args.o.config;
      return cosim::run_random_cases(base, args.random, args.o.seed, args.o, std::cout) > 0 ? 1 : 0;
    }
    if (args.o.config.empty() || args.o.workload.empty())
      throw ConfigError("cosim: give --config and --workload (or --random N for random points)");
    return run_workload(args);
  });
}

}  // namespace circa::cli
