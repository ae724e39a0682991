// `circa sweep FILE` (also as one shard, or as a Slurm job array), `circa sweep export DIR`,
// `circa sweep merge OUT DIR...`, `circa sweep status DIR...` and the hidden `circa sweep-worker`
// that evaluates one cycle-accurate or co-simulated point per process (see sim/sweep/worker.hpp).
#include <unistd.h>

#include <climits>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/version.hpp"
#include "codesign/trained_accuracy.hpp"
#include "eval/evaluate.hpp"
#include "sweep/command.hpp"
#include "sweep/merge.hpp"
#include "sweep/shard.hpp"
#include "sweep/slurm.hpp"
#include "sweep/sweep_spec.hpp"
#include "sweep/worker.hpp"

namespace circa::cli {
namespace {

struct SweepArgs {
  sweep::SweepCommandOptions run;
  std::string export_dir, csv, json, html;
  bool slurm = false;
  sweep::SlurmOptions slurm_options;
  std::string merge_out;
  std::vector<std::string> merge_dirs, status_dirs;
};

SweepArgs& args() {
  static SweepArgs a;
  return a;
}

/// The `sweep` subcommand, to ask which options were given.
CLI::App*& sweep_app_ptr() {
  static CLI::App* app = nullptr;
  return app;
}
CLI::App& sweep_app() {
  return *sweep_app_ptr();
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

void add_merge_and_status(CLI::App& sweep_app, CommandTable& t) {
  auto* merge = sweep_app.add_subcommand(
      "merge", "Merge shard stores (circa sweep FILE --shard I/N) into OUT and write its reports");
  merge->add_option("out", args().merge_out, "the sweep's folder (created when needed)")
      ->required();
  merge->add_option("dirs", args().merge_dirs, "shard folders (their --out)");
  t.add(merge, [] { return sweep::merge_command(args().merge_out, args().merge_dirs, kVersion); });
  auto* status = sweep_app.add_subcommand(
      "status", "Points done, failed and to run in each store of a sweep or its shards");
  status->add_option("dirs", args().status_dirs, "sweep or shard folders");
  t.add(status, [] { return sweep::status_command(args().status_dirs, kVersion, std::cout); });
}

void add_slurm_options(CLI::App& s) {
  s.add_option("--shard", args().run.shard,
               "I/N: evaluate only shard I of N (points whose index is I mod N), into its own "
               "store (default folder runs/<name>/shards/shard-I-of-N); any scheduler");
  s.add_flag("--slurm", args().slurm,
             "submit the sweep to Slurm as a job array of --tasks shards and a merge job");
  s.add_option("--tasks", args().slurm_options.tasks, "with --slurm: array tasks (default 4)");
  s.add_option("--partition", args().slurm_options.partition, "with --slurm: sbatch --partition");
  s.add_option("--time", args().slurm_options.time,
               "with --slurm: sbatch --time per task (e.g. 2:00:00)");
}

/// This executable's absolute path, for the batch scripts.
std::string self_path() {
  char buf[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : "circa";
}

}  // namespace

void register_sweep_command(CLI::App& app, CommandTable& t) {
  auto* s = sweep_app_ptr() =
      app.add_subcommand("sweep", "Run or resume a design-space sweep (kind: sweep YAML)");
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
  add_slurm_options(*s);
  add_export(*s, t);
  add_merge_and_status(*s, t);
  t.add(s, [] {
    if (args().run.file.empty())
      throw ConfigError(
          "circa sweep: give a sweep file (example: circa sweep configs/sweeps/default.yaml)");
    args().run.version = kVersion;
    if (sweep_app().count("--shard") > 0 && args().run.shard.empty())
      sweep::parse_shard("");  // `--shard ''`: the usage error, not the whole sweep
    if (args().slurm) {
      if (!args().run.shard.empty())
        throw ConfigError(
            "--shard with --slurm: Slurm's array tasks choose their shards; drop "
            "--shard (or --slurm to run one shard here)");
      args().slurm_options.circa = self_path();
      return sweep::slurm_command(args().run, args().slurm_options);
    }
    for (const char* flag : {"--tasks", "--partition", "--time"})
      if (sweep_app().count(flag) > 0)
        throw ConfigError(std::string(flag) +
                          " goes with --slurm: add --slurm to submit the sweep "
                          "to Slurm, or drop " +
                          flag + " to run it here");
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
