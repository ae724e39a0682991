// `circa cosim`: the generated top of a design point, Verilated at run time, in lockstep with
// the SystemC reference of its pins on one fc layer (sim/cosim/cosim.hpp). Exit status 1 on a
// mismatch (first cycle, port, expected and actual values, and a VCD of both around it).
#include <iostream>

#include "cli/commands.hpp"
#include "cosim/cosim.hpp"

namespace circa::cli {
namespace {

struct CosimArgs {
  cosim::CosimOptions o;
  bool fault_butterfly = false;
};

}  // namespace

void register_cosim_command(CLI::App& app) {
  static CosimArgs args;
  auto* cmd = app.add_subcommand(
      "cosim",
      "Co-simulate the generated top (Verilator) against the SystemC reference on one fc layer");
  cmd->add_option("--config", args.o.config, "accelerator YAML")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-p,--param", args.o.overrides, "override: key.path=value (repeatable)");
  cmd->add_option("--workload", args.o.workload, "workload YAML with the fc layer")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--layer", args.o.layer, "the workload's layer (default: the first)");
  cmd->add_option("--seed", args.o.seed,
                  "seed of the weights, inputs, input gaps and output back-pressure");
  cmd->add_option("--products", args.o.products, "products to run back to back")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--cycles", args.o.max_cycles, "cycle limit (default: from the schedule)");
  cmd->add_option("--work", args.o.work, "build cache folder (default ~/.cache/circa/cosim)");
  cmd->add_option("--vcd", args.o.vcd, "VCD written on a mismatch (default cosim_mismatch.vcd)");
  cmd->add_flag("--fault-inject-butterfly", args.fault_butterfly,
                "testing only: flip one output bit of every butterfly");
  cmd->callback([] {
    args.o.faults.butterfly = args.fault_butterfly;
    const cosim::CosimResult r = cosim::run_cosim(args.o);
    std::cout << cosim::describe(r);
    if (!r.ok) exit_status() = 1;
  });
}

}  // namespace circa::cli
