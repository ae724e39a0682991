// `circa area-check`: the analytical logic area against Yosys synthesis of the generated RTL.
#include <filesystem>
#include <iostream>
#include <map>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "eval/run_spec.hpp"
#include "spec/config_loader.hpp"
#include "xcheck/yosys_area.hpp"

namespace circa::cli {

void register_area_check_command(CLI::App& app, CommandTable& t) {
  struct Args {
    std::string config, out;
    xcheck::AreaParts parts = xcheck::AreaParts::all;
    std::vector<std::string> params;
  };
  auto a = std::make_shared<Args>();
  auto* c = app.add_subcommand("area-check",
                               "Analytical logic area vs Yosys synthesis of the "
                               "generated units (NanGate 45 nm cell areas)");
  c->add_option("--config", a->config, "accelerator YAML")->required()->check(CLI::ExistingFile);
  c->add_option("--out", a->out, "folder for the generated RTL and yosys reports")
      ->default_str("out/area-check");
  c->add_option("--parts", a->parts,
                "what to synthesize: units (the generated datapath units), top (the top's own "
                "logic: controller, sequencers, stream FIFO; the slowest) or all")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, xcheck::AreaParts>{{"units", xcheck::AreaParts::units},
                                                   {"top", xcheck::AreaParts::top_logic},
                                                   {"all", xcheck::AreaParts::all}}))
      ->default_str("all");
  c->add_option("-p,--param", a->params, "override an accelerator parameter: key.path=value");
  t.add(c, [a] {
    const AcceleratorSpec s = eval::load_run_spec(a->config, parse_overrides(a->params), std::cerr);
    const std::string dir = a->out.empty() ? "out/area-check" : a->out;
    const xcheck::AreaCheck r = xcheck::yosys_area_check(s, dir, a->parts);
    std::cout << fmt::format("{:<11} {:>14} {:>14} {:>7}  module\n", "unit", "model um2",
                             "yosys um2", "ratio");
    for (const auto& u : r.units)
      std::cout << fmt::format("{:<11} {:>14.1f} {:>14.1f} {:>7.3f}  {}\n", u.unit,
                               u.analytical_um2, u.synthesized_um2, u.ratio(), u.module);
    std::cout << fmt::format("{:<11} {:>14.1f} {:>14.1f} {:>7.3f}\n", "total", r.analytical_um2,
                             r.synthesized_um2, r.ratio());
    return 0;
  });
}

}  // namespace circa::cli
