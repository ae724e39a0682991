// `circa synth`: generates a design point's RTL and runs generic Yosys synthesis on it as a
// check (no latches, no multiple or missing drivers), printing the cell statistics.
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "eval/run_spec.hpp"
#include "gen/generator.hpp"
#include "gen/synth.hpp"
#include "spec/config_loader.hpp"

namespace circa::cli {
namespace {

struct SynthArgs {
  std::string config;
  std::vector<std::string> params;
  std::string out;
};

int run_synth(const SynthArgs& a) {
  const AcceleratorSpec spec = eval::load_run_spec(a.config, parse_overrides(a.params), std::cerr);
  gen::GenOptions opt;
  opt.regenerate = "circa synth --config " + a.config;
  const gen::Design d = gen::generate_design(spec, opt);
  const gen::FileSet files = gen::render(d, spec, gen::header_for(spec, opt));
  const std::string dir =
      a.out.empty()
          ? (std::filesystem::temp_directory_path() / ("circa-synth-" + gen::config_hash(spec)))
                .string()
          : a.out;
  int failed = 0;
  for (const auto& [top, r] : gen::synthesize_design(dir, d, files)) {
    std::cout << "== " << top << ": " << (r.ok ? "ok" : "FAILED") << "\n" << r.stat;
    for (const auto& p : r.problems) std::cerr << "circa synth: " << top << ": " << p << "\n";
    failed += r.ok ? 0 : 1;
  }
  std::cout << "circa synth: " << (failed ? std::to_string(failed) + " module(s) failed" : "all ok")
            << " (logs in " << dir << ")\n";
  return failed ? 1 : 0;
}

}  // namespace

void register_synth_command(CLI::App& app, CommandTable& t) {
  static SynthArgs args;
  auto* cmd =
      app.add_subcommand("synth", "Generate the RTL and check it with Yosys (generic synthesis)");
  cmd->add_option("--config", args.config, "accelerator YAML")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-p,--param", args.params, "override: key.path=value (repeatable)");
  cmd->add_option("--out", args.out, "working folder (default: a folder in the temp directory)");
  t.add(cmd, [] { return run_synth(args); });
}

}  // namespace circa::cli
