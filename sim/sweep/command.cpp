#include "sweep/command.hpp"

#include <unistd.h>

#include <iostream>

#include "sweep/export.hpp"
#include "sweep/interrupt.hpp"
#include "common/progress.hpp"
#include "sweep/report_html.hpp"
#include "sweep/runner.hpp"

namespace circa::sweep {
namespace {

void print_summary(const SweepSpec& s, const RunSummary& sum, const ResultSet& r,
                   const std::string& dir, const Shard& shard) {
  size_t ok = 0;
  for (const auto& row : r.rows) ok += row.point.status == PointStatus::ok;
  std::cerr << s.name << (shard.whole() ? "" : " shard " + shard.text()) << ": " << sum.keys.size()
            << " points (" << sum.evaluated << " run now, " << sum.skipped << " from the store); "
            << ok << " ok, " << r.rows.size() - ok << " failed, " << front(r).size()
            << " on the Pareto front";
  if (r.rows.size() < sum.keys.size())
    std::cerr << ", " << sum.keys.size() - r.rows.size() << " not run yet";
  if (!shard.whole()) {
    std::cerr << "; " << format_duration(sum.seconds) << "\nresults: " << dir
              << "/results.sqlite; merge the shards with: circa sweep merge OUT "
              << "SHARD_FOLDER...\n";
    return;
  }
  if (s.confirm_best > 0)
    std::cerr << ", " << sum.confirmed << " confirmed at " << fidelity_name(s.confirm_fidelity);
  std::cerr << "; " << format_duration(sum.seconds) << "\n"
            << "results: " << dir << "/{results.sqlite, results.csv, results.json, report.html}\n";
  print_partial_json_note(r, std::cerr);
}

}  // namespace

int sweep_command(const SweepCommandOptions& o, const Evaluator& evaluate) {
  SweepSpec spec = load_sweep(o.file);
  if (o.jobs < 0)
    throw ConfigError("--jobs " + std::to_string(o.jobs) + ": use 1 or more (0 = every core)");
  if (!(o.timeout_s >= 0) || o.timeout_s > kMaxTimeoutS)
    throw ConfigError("--timeout-s " + std::to_string(o.timeout_s) + ": use seconds in (0, " +
                      std::to_string(static_cast<long>(kMaxTimeoutS)) + "]");
  if (o.timeout_s > 0) spec.timeout_s = o.timeout_s;
  RunOptions run;
  if (!o.shard.empty()) run.shard = parse_shard(o.shard);
  run.out_dir = !o.out_dir.empty() ? o.out_dir
                : run.shard.whole()
                    ? "runs/" + spec.name
                    : "runs/" + spec.name + "/shards/shard-" + std::to_string(run.shard.index) +
                          "-of-" + std::to_string(run.shard.count);
  run.jobs = o.jobs;
  run.version = o.version;
  run.retry_failed = o.retry_failed;
  run.worker_command = o.worker_command;
  run.evaluator_options = o.evaluator_options;
  run.accuracy = o.accuracy;
  run.progress = &std::cerr;
  run.tty = isatty(STDERR_FILENO) == 1;
  RunSummary sum;
  {
    InterruptGuard guard;
    run.stop = guard.flag();
    sum = run_sweep(spec, evaluate, run);
  }
  // Reports cover what finished, also after Ctrl-C; a shard's come with the merge.
  const ResultSet results = load_results(run.out_dir, o.version, &sum.keys);
  if (run.shard.whole()) write_reports(results, run.out_dir);
  print_summary(spec, sum, results, run.out_dir, run.shard);
  if (spec.accuracy && o.accuracy)
    std::cerr << spec.name << ": accuracy: " << o.accuracy->activity() << "\n";
  return sum.interrupted ? kInterruptedStatus : 0;
}

int export_command(const std::string& dir, const std::string& csv, const std::string& json,
                   const std::string& html, const std::string& version) {
  if (csv.empty() && json.empty() && html.empty())
    throw ConfigError(
        "circa sweep export: say what to write with --csv FILE, --json FILE and/or --html FILE");
  const ResultSet r = load_results(dir, version);
  if (r.rows.empty())
    std::cerr << "circa: " << dir << " holds no results of circa " << version
              << "; the files will be empty\n";
  if (!csv.empty()) write_file_with(csv, [&](std::ostream& out) { write_csv(r, out); });
  if (!json.empty()) write_file_with(json, [&](std::ostream& out) { write_results_json(r, out); });
  if (!html.empty()) write_text_file(html, render_report_html(r));
  return 0;
}

}  // namespace circa::sweep
