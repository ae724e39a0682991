// `circa sweep FILE`, `circa sweep export DIR` and the hidden `circa sweep-worker` that evaluates
// one cycle-accurate or co-simulated point per process (see sim/sweep/worker.hpp).
#include <iostream>

#include "cli/commands.hpp"
#include "cli/version.hpp"
#include "codesign/trained_accuracy.hpp"
#include "eval/evaluate.hpp"
#include "sweep/command.hpp"
#include "sweep/sweep_spec.hpp"
#include "sweep/worker.hpp"

namespace circa::cli {
namespace {

struct SweepArgs {
  sweep::SweepCommandOptions run;
  std::string export_dir, csv, json, html;
};

SweepArgs& args() {
  static SweepArgs a;
  return a;
}

void add_export(CLI::App& sweep_app, CommandTable& t) {
  auto* exp =
      sweep_app.add_subcommand("export", "Write a sweep folder's results as CSV, JSON or HTML");
  exp->add_option("dir", args().export_dir, "sweep output folder (holds results.sqlite)")
      ->required()
      ->check(CLI::ExistingDirectory);
  exp->add_option("--csv", args().csv, "CSV file to write");
  exp->add_option("--json", args().json, "JSON file to write");
  exp->add_option("--html", args().html, "HTML report to write");
  t.add(exp, [] {
    return sweep::export_command(args().export_dir, args().csv, args().json, args().html, kVersion);
  });
}

}  // namespace

void register_sweep_command(CLI::App& app, CommandTable& t) {
  auto* s = app.add_subcommand("sweep", "Run or resume a design-space sweep (kind: sweep YAML)");
  s->add_option("file", args().run.file, "sweep YAML file")->check(CLI::ExistingFile);
  s->add_option("-j,--jobs", args().run.jobs, "parallel jobs (default: every core)")
      ->check(CLI::NonNegativeNumber);
  s->add_option("-o,--out", args().run.out_dir, "output folder (default: runs/<sweep name>)");
  s->add_option("--timeout-s", args().run.timeout_s,
                "per-point limit in seconds: a point still running is killed and recorded as "
                "failed with reason timeout (overrides timeout_s in the sweep file)")
      ->check(CLI::Validator(
          [](const std::string& text) -> std::string {
            char* end = nullptr;
            const double v = std::strtod(text.c_str(), &end);
            return *end == '\0' && v > 0 && v <= sweep::kMaxTimeoutS
                       ? ""
                       : "use seconds in (0, 1000000], e.g. --timeout-s 600";
          },
          "SECONDS"));
  s->add_flag("--retry-failed", args().run.retry_failed,
              "evaluate points recorded as failed again");
  add_export(*s, t);
  t.add(s, [] {
    if (args().run.file.empty())
      throw ConfigError(
          "circa sweep: give a sweep file (example: circa sweep configs/sweeps/default.yaml)");
    args().run.version = kVersion;
    // Worker processes are this very binary, whatever path it was started by.
    args().run.worker_command = {"/proc/self/exe", "sweep-worker"};
    // Used only by sweeps with an accuracy section; it loads nothing until then.
    static codesign::TrainedAccuracy accuracy(codesign::default_cache_root(), kVersion, "", 2,
                                              &std::cerr);
    args().run.accuracy = &accuracy;
    return sweep::sweep_command(args().run, eval::evaluate);
  });
  // Internal: one point per process, request on stdin, metrics JSON on stdout. Hidden from --help.
  auto* worker = app.add_subcommand("sweep-worker", "");
  worker->group("");
  t.add(worker, [] { return sweep::run_worker(sweep::without_options(eval::evaluate)); });
}

}  // namespace circa::cli
