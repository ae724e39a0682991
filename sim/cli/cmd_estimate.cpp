// `circa estimate`: the analytical model (SCHEDULE.md in closed form): cycles and event counts in
// the same JSON shape as `circa sim`, without per-cycle stall information. With --baseline dense,
// also the dense baseline of the design (eval/dense_baseline.hpp) and its ratios.
#include <iostream>

#include "analytical/estimate.hpp"
#include "cli/commands.hpp"
#include "cli/run_output.hpp"
#include "eval/dense_baseline.hpp"
#include "spec/config_loader.hpp"

namespace circa::cli {
namespace {

struct EstimateArgs {
  std::string config;
  std::string workload;
  std::string out;
  std::string baseline;
  bool json = false;
  std::vector<std::string> params;
};

void run_estimate(const EstimateArgs& a) {
  const RunInputs in = load_run_inputs(a.config, a.workload, a.params);
  const AcceleratorSpec& spec = in.spec;
  const Workload& w = in.workload;
  const arch::RunReport r = ana::estimate(spec, w);
  if (a.baseline.empty()) return report_run(spec, w, r, a.out, a.json);
  const eval::CostReport circnn = eval::cost_report(spec, w, r);
  const eval::DenseBaseline dense = eval::dense_baseline(spec, w, r, circnn);
  report_run(spec, w, r, a.out, a.json, {{"baseline", eval::to_json(dense, circnn)}});
  if (a.json) return;
  std::cout << "\n";
  eval::print_dense_baseline(std::cout, dense, circnn);
}

}  // namespace

void register_estimate_command(CLI::App& app, CommandTable& t) {
  auto args = std::make_shared<EstimateArgs>();
  auto* c = app.add_subcommand("estimate",
                               "Cycles, events, area, power and TOPS/W from the analytical model");
  c->add_option("--config", args->config, "accelerator YAML")->required()->check(CLI::ExistingFile);
  c->add_option("--workload", args->workload, "workload YAML")
      ->required()
      ->check(CLI::ExistingFile);
  c->add_option("--out", args->out, "folder for stats.json");
  c->add_option("--baseline", args->baseline,
                "also price a dense weight-stationary baseline of the same area and print the "
                "ratios (README: The dense baseline)")
      ->check(CLI::IsMember({"dense"}));
  c->add_flag("--json", args->json, "print stats.json's content on stdout instead of the tables");
  c->add_option("-p,--param", args->params, "override an accelerator parameter: key.path=value");
  t.add(c, [args] {
    run_estimate(*args);
    return 0;
  });
}

}  // namespace circa::cli
