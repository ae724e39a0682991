// `circa gen`: writes the generated RTL of a design point into a folder.
#include <iostream>

#include "cli/commands.hpp"
#include "gen/generator.hpp"
#include "spec/config_loader.hpp"

namespace circa::cli {
namespace {

struct GenArgs {
  std::string config;
  std::vector<std::string> params;
  std::string out;
  bool fault_butterfly = false;
};

/// The command line that reproduces this output, for the header of every file. Only what the
/// user typed goes in, so the same command always writes the same bytes.
std::string regenerate_command(const GenArgs& a) {
  std::string s = "circa gen --config " + a.config;
  for (const auto& p : a.params) s += " -p " + p;
  if (a.fault_butterfly) s += " --fault-inject-butterfly";
  return s + " --out " + a.out;
}

void run_gen(const GenArgs& a) {
  std::vector<Override> o;
  for (const auto& p : a.params) o.push_back(parse_override(p));
  const AcceleratorSpec spec = load_accelerator(a.config, o).spec;
  gen::GenOptions opt;
  opt.faults.butterfly = a.fault_butterfly;
  opt.regenerate = regenerate_command(a);
  const gen::Design d = gen::generate_design(spec, opt);
  const gen::FileSet files = gen::render(d, spec, gen::header_for(spec, opt));
  gen::write_files(a.out, files);
  std::cout << "circa gen: " << files.size() << " files for " << spec.name << " in " << a.out << "\n";
  for (const auto& [role, u] : d.units)
    std::cout << "  " << role << ": " << u.module << " (latency " << u.latency << ")\n";
  if (d.top().empty())
    std::cout << "  no top module yet: the units are generated and checked one by one\n";
  if (spec.fft.style != FftStyle::unrolled)
    std::cout << "  note: fft.style " << to_string(spec.fft.style)
              << " has no FFT unit generator yet; only its butterfly and twiddle ROM are emitted\n";
}

}  // namespace

void register_gen_command(CLI::App& app) {
  static GenArgs args;
  auto* cmd = app.add_subcommand("gen", "Generate synthesizable Verilog for a design point");
  cmd->add_option("--config", args.config, "accelerator YAML")->required()->check(CLI::ExistingFile);
  cmd->add_option("-p,--param", args.params, "override: key.path=value (repeatable)");
  cmd->add_option("--out", args.out, "output folder (created if missing)")->required();
  cmd->add_flag("--fault-inject-butterfly", args.fault_butterfly,
                "testing only: flip one output bit of every butterfly");
  cmd->callback([] { run_gen(args); });
}

}  // namespace circa::cli
