// `circa sim`: one inference on the SystemC cycle-accurate model, checked bit for bit against
// the golden numerics; prints a summary and writes stats.json (and a VCD) to --out.
#include <filesystem>
#include <iostream>

#include "arch/report.hpp"
#include "cli/commands.hpp"
#include "cli/run_output.hpp"
#include "common/error.hpp"
#include "spec/config_loader.hpp"
#include "sysc/outputs_npy.hpp"
#include "sysc/simulate.hpp"

namespace circa::cli {
namespace {

struct SimArgs {
  std::string config;
  std::string workload;
  uint64_t seed = 1;
  std::string weights;
  std::string out;
  bool vcd = false;
  bool dump_activations = false;
  bool json = false;
  std::vector<std::string> params;
  double stall_prob = 0;
};

/// Exit status 1 when the SystemC outputs differ from the golden model.
int run_sim(const SimArgs& a) {
  if (a.dump_activations && a.out.empty())
    throw ConfigError("--dump-activations: give --out DIR for the activations/ folder");
  const RunInputs in = load_run_inputs(a.config, a.workload, a.params);
  const AcceleratorSpec& spec = in.spec;
  const Workload& w = in.workload;
  const sysc::WorkloadData data = a.weights.empty() ? sysc::random_data(spec, w, a.seed)
                                                    : sysc::load_data(a.weights, spec, w, a.seed);
  sysc::SimOptions o;
  o.seed = a.seed;
  o.stall_prob = a.stall_prob;
  if (a.vcd) {
    const std::string dir = a.out.empty() ? "." : a.out;
    std::filesystem::create_directories(dir);
    o.vcd_file = (std::filesystem::path(dir) / "trace").string();
  }
  const sysc::SimOutcome r = sysc::simulate(spec, w, data, o);
  if (r.bit_exact && !a.out.empty()) sysc::write_outputs(a.out, spec, w, r, a.dump_activations);
  report_run(spec, w, r.report, a.out, a.json,
             {{"bit_exact", r.bit_exact}, {"mismatch", r.mismatch}});
  if (!r.bit_exact) {
    std::cerr << "circa sim: the SystemC outputs differ from the golden model: " << r.mismatch
              << "\n";
    return 1;
  }
  if (a.json) return 0;  // stdout holds the JSON document only
  if (a.vcd) std::cout << "  waveform: " << o.vcd_file << ".vcd\n";
  std::cout << "  outputs bit-exact with the golden model\n";
  if (!a.out.empty())
    std::cout << "  outputs: " << a.out << "/outputs.npy (codes), outputs_real.npy"
              << (a.dump_activations ? "; every layer's in activations/" : "") << "\n";
  return 0;
}

}  // namespace

void register_sim_command(CLI::App& app, CommandTable& t) {
  auto args = std::make_shared<SimArgs>();
  auto* c = app.add_subcommand("sim",
                               "Simulate one inference cycle-accurately (SystemC), "
                               "checked bit for bit against the golden model");
  c->add_option("--config", args->config, "accelerator YAML")->required()->check(CLI::ExistingFile);
  c->add_option("--workload", args->workload, "workload YAML")
      ->required()
      ->check(CLI::ExistingFile);
  c->add_option("--seed", args->seed, "seed of the random weights, inputs and stalls")
      ->capture_default_str();
  c->add_option(
      "--weights", args->weights,
      "folder of <layer>.weights.npy / <layer>.bias.npy / input.npy (sim/sysc/README.md)");
  c->add_option("--out", args->out,
                "folder for stats.json, outputs.npy, outputs_real.npy (and trace.vcd)");
  c->add_flag("--dump-activations", args->dump_activations,
              "also write every layer's outputs to --out/activations/<layer>[_real].npy");
  c->add_flag("--json", args->json, "print stats.json's content on stdout instead of the tables");
  c->add_flag("--vcd", args->vcd, "write a VCD of clock, reset, controller state and handshakes");
  c->add_option("-p,--param", args->params, "override an accelerator parameter: key.path=value");
  c->add_option("--stall-prob", args->stall_prob,
                "random back-pressure: probability a consumer is not ready in a cycle, [0, 1)")
      ->capture_default_str();
  t.add(c, [args] { return run_sim(*args); });
}

}  // namespace circa::cli
