// `circa gen`: writes the generated RTL of a design point into a folder.
#include <iostream>

#include "cli/commands.hpp"
#include "eval/run_spec.hpp"
#include "gen/generator.hpp"
#include "gen/top.hpp"
#include "spec/config_loader.hpp"

namespace circa::cli {
namespace {

struct GenArgs {
  std::string config;
  std::vector<std::string> params;
  std::string out;
  std::string workload;
  std::string layer;
  uint64_t seed = 1;
  bool fault_butterfly = false;
};

/// The command line that reproduces this output, for the header of every file. Only what the
/// user typed goes in, so the same command always writes the same bytes.
std::string regenerate_command(const GenArgs& a) {
  std::string s = "circa gen --config " + a.config;
  for (const auto& p : a.params) s += " -p " + p;
  if (!a.workload.empty())
    s += " --workload " + a.workload + (a.layer.empty() ? "" : " --layer " + a.layer) + " --seed " +
         std::to_string(a.seed);
  if (a.fault_butterfly) s += " --fault-inject-butterfly";
  return s + " --out " + a.out;
}

/// The network whose weights, bias and layer program go into the images: the workload's layers
/// (or the one named), with seeded random weights (the weights `circa cosim` draws), quantised and
/// placed as the top runs them.
gen::NetworkImage image_network(const AcceleratorSpec& spec, const GenArgs& a) {
  const Workload w = load_workload(a.workload);
  std::vector<Layer> layers;
  for (const Layer& l : w.layers) {
    if (!a.layer.empty() && l.name != a.layer) continue;
    if (geometry(l, spec.block_size).k != spec.block_size)
      throw ConfigError(l.where, l.name,
                        "layer block size differs from the accelerator's; the top runs k = " +
                            std::to_string(spec.block_size));
    layers.push_back(l);
  }
  if (layers.empty()) throw ConfigError("workload " + a.workload + " has no layer '" + a.layer + "'");
  return gen::network_image(spec, layers, a.seed);
}

void run_gen(const GenArgs& a) {
  const AcceleratorSpec spec = eval::load_run_spec(a.config, parse_overrides(a.params), std::cerr);
  gen::GenOptions opt;
  opt.faults.butterfly = a.fault_butterfly;
  gen::NetworkImage net;
  if (!a.workload.empty()) {
    net = image_network(spec, a);
    opt.network = &net;
  }
  opt.regenerate = regenerate_command(a);
  const gen::Design d = gen::generate_design(spec, opt);
  const gen::FileSet files = gen::render(d, spec, gen::header_for(spec, opt));
  gen::write_files(a.out, files);
  std::cout << "circa gen: " << files.size() << " files for " << spec.name << " in " << a.out
            << "\n";
  for (const auto& [role, u] : d.units)
    std::cout << "  " << role << ": " << u.module << " (latency " << u.latency << ")\n";
  if (d.top().empty())
    std::cout << "  no top module: " << gen::top_unsupported(spec) << "\n";
  else
    std::cout << "  top: " << d.top()
              << (opt.network ? " (weight, bias and layer-program images of " +
                                    std::to_string(net.layers.size()) + " layer(s))"
                              : "")
              << "\n";
}

}  // namespace

void register_gen_command(CLI::App& app, CommandTable& t) {
  static GenArgs args;
  auto* cmd = app.add_subcommand("gen", "Generate synthesizable Verilog for a design point");
  cmd->add_option("--config", args.config, "accelerator YAML")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-p,--param", args.params, "override: key.path=value (repeatable)");
  cmd->add_option("--out", args.out, "output folder (created if missing)")->required();
  cmd->add_option("--workload", args.workload,
                  "workload YAML: write the weight/bias images and layer program of its network")
      ->check(CLI::ExistingFile);
  cmd->add_option("--layer", args.layer,
                  "only this layer of the workload (default: every layer, one network)");
  cmd->add_option("--seed", args.seed,
                  "seed of the random weights (layer i from seed + i, num::random_layer_weights)");
  cmd->add_flag("--fault-inject-butterfly", args.fault_butterfly,
                "testing only: flip one output bit of every butterfly");
  t.add(cmd, [] {
    run_gen(args);
    return 0;
  });
}

}  // namespace circa::cli
