#include "sweep/runner.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>

#include "sweep/folder_lock.hpp"
#include "sweep/parallel.hpp"
#include "sweep/point.hpp"
#include "common/progress.hpp"
#include "sweep/results.hpp"
#include "sweep/store.hpp"
#include "sweep/worker.hpp"

namespace circa::sweep {
namespace {

namespace fs = std::filesystem;

class Runner {
 public:
  Runner(const SweepSpec& s, const Evaluator& e, const RunOptions& o)
      : s_(s),
        evaluate_(e),
        o_(o),
        jobs_(o.jobs > 0 ? o.jobs : default_jobs()),
        store_(store_path(o.out_dir)),
        ctx_(load_context(s)) {}

  RunSummary run();

 private:
  void prepare_accuracy();
  void run_main();
  void run_batch(const std::vector<const Point*>& batch, eval::Fidelity f,
                 const std::string& label);
  bool run_point(const Point& p, eval::Fidelity f, Progress& progress);
  eval::PointMetrics metrics_of(const Point& p, eval::Fidelity f);
  void confirm_best();
  bool stopping() const { return o_.stop && o_.stop->load(); }

  const SweepSpec& s_;
  const Evaluator& evaluate_;
  const RunOptions& o_;
  int jobs_;
  ResultStore store_;
  SweepContext ctx_;
  RunSummary summary_;
  std::unordered_map<std::string, size_t> first_input_;  ///< key -> its first point index
  std::mutex summary_mutex_;
};

RunSummary Runner::run() {
  const auto start = std::chrono::steady_clock::now();
  store_.set_meta("report_spec", to_json(report_spec_of(s_)).dump());
  store_.set_meta("sweep_file", s_.file);
  store_.set_meta(kMetaSweepHash, sweep_hash(s_, ctx_));
  store_.set_meta(kMetaToolVersion, o_.version);
  if (!o_.shard.whole()) store_.set_meta(kMetaShard, o_.shard.text());
  std::vector<std::string> objectives;
  for (const auto& o : s_.objectives) objectives.push_back(o.metric);
  store_.index_metrics(objectives);
  store_.set_config_base(ctx_.base_yaml);
  prepare_accuracy();
  run_main();
  if (!stopping() && s_.confirm_best > 0 && o_.shard.whole()) confirm_best();
  summary_.interrupted = stopping();
  summary_.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary_;
}

/// Fails before any point when the accuracy source cannot give a metric the goals use.
void Runner::prepare_accuracy() {
  if (!s_.accuracy) return;
  if (!o_.accuracy) throw InternalError("the sweep has an accuracy section, RunOptions no source");
  const std::vector<std::string> given =
      o_.accuracy->prepare(load_accelerator(s_.base).spec, ctx_.workload, *s_.accuracy);
  if (o_.progress) *o_.progress << s_.name << ": accuracy: " << o_.accuracy->describe() << "\n";
  auto check = [&](const std::string& metric, const SourceLocation& at) {
    if (is_accuracy_metric(metric) && std::count(given.begin(), given.end(), metric) == 0)
      throw ConfigError(at, "accuracy",
                        "metric '" + metric + "' needs the dense baseline, which is trained for " +
                            "workloads of fc layers only; " + ctx_.workload.name +
                            " has others (use accuracy or float_accuracy)");
  };
  for (const auto& o : s_.objectives) check(o.metric, s_.accuracy->where);
  for (const auto& c : s_.constraints) check(c.metric, c.where);
}

/// The sweep's points a chunk at a time: each chunk loaded in parallel (a load parses the base
/// chain), duplicates and points already stored dropped, the rest evaluated, then released; so
/// memory grows with a point's key, not with its spec and text (a million-point sweep).
void Runner::run_main() {
  constexpr size_t kChunk = 4096;
  const size_t n = o_.shard.size(s_.point_count());
  store_.set_meta(kMetaShardPoints, std::to_string(n));  // an upper bound until the keys are known
  const auto done = store_.done_keys(o_.version, fidelity_name(s_.fidelity), !o_.retry_failed);
  Progress progress({o_.progress, o_.tty}, static_cast<int64_t>(n),
                    o_.shard.whole() ? s_.name : s_.name + " shard " + o_.shard.text());
  int64_t total = static_cast<int64_t>(n);
  for (size_t from = 0; from < n && !stopping(); from += kChunk) {
    std::vector<Point> chunk(std::min(kChunk, n - from));
    parallel_for(chunk.size(), jobs_, nullptr, [&](size_t i) {
      chunk[i] = resolve_point(s_, ctx_, expand_point(s_, o_.shard.point(from + i)));
    });
    std::vector<const Point*> pending;
    for (size_t i = 0; i < chunk.size(); ++i) {
      const Point& p = chunk[i];
      if (!first_input_.emplace(p.key, o_.shard.point(from + i))
               .second) {  // a duplicate of an earlier point
        --total;
        continue;
      }
      summary_.keys.push_back(p.key);
      if (done.count(p.key)) {
        ++summary_.skipped;
        --total;
      } else {
        pending.push_back(&p);
      }
    }
    progress.set_total(total);
    parallel_for(pending.size(), jobs_, o_.stop,
                 [&](size_t i) { run_point(*pending[i], s_.fidelity, progress); });
    store_.flush();  // a chunk's last rows do not wait for the next chunk's loading
  }
  progress.finish(stopping() ? "interrupted; finished points are kept, run again to resume" : "");
  if (!stopping()) store_.set_meta(kMetaShardPoints, std::to_string(summary_.keys.size()));
  if (o_.progress && summary_.skipped)
    *o_.progress << s_.name << ": " << summary_.skipped << " of " << summary_.keys.size()
                 << " points were already in the store, skipped\n";
}

void Runner::run_batch(const std::vector<const Point*>& batch, eval::Fidelity f,
                       const std::string& label) {
  Progress progress({o_.progress, o_.tty}, static_cast<int64_t>(batch.size()), label);
  parallel_for(batch.size(), jobs_, o_.stop, [&](size_t i) { run_point(*batch[i], f, progress); });
  store_.flush();
  progress.finish(stopping() ? "interrupted; finished points are kept, run again to resume" : "");
}

eval::PointMetrics Runner::metrics_of(const Point& p, eval::Fidelity f) {
  // A time limit needs a process to kill, so it sends analytical points to workers as well.
  if ((f == eval::Fidelity::analytical && s_.timeout_s <= 0) || o_.worker_command.empty())
    return evaluate_(*p.spec, ctx_.workload, f, s_.seed);
  const fs::path logs = fs::path(o_.out_dir) / "logs";
  fs::create_directories(logs);
  const std::string log = (logs / (p.key.substr(0, 16) + "-" + fidelity_name(f) + ".log")).string();
  auto m = evaluate_in_worker(
      o_.worker_command,
      WorkRequest{p.config, ctx_.workload_yaml, f, s_.seed, o_.evaluator_options}, o_.stop, log,
      s_.timeout_s);
  std::error_code ec;
  if (fs::file_size(log, ec) == 0) fs::remove(log, ec);  // keep only logs that say something
  return m;
}

/// Evaluates and records one point; false when it was abandoned (stopping) and not recorded.
bool Runner::run_point(const Point& p, eval::Fidelity f, Progress& progress) {
  StoredPoint r;
  r.key = p.key;
  r.version = o_.version;
  r.fidelity = fidelity_name(f);
  for (const auto& in : p.inputs) r.inputs[in.path] = in.value;
  r.config = p.config;
  r.started_at = utc_now();
  const auto start = std::chrono::steady_clock::now();
  r.status = PointStatus::failed;
  if (!p.error.empty()) {
    r.error = p.error;
  } else {
    try {
      eval::PointMetrics m = metrics_of(p, f);
      // Accuracy does not depend on the fidelity: measured here, once per numerics (cached).
      if (s_.accuracy)
        for (const auto& [name, v] :
             o_.accuracy->measure(*p.spec, ctx_.workload, *s_.accuracy, o_.stop))
          m.values[name] = v;
      r.metrics = metrics_to_json(m);
      r.status = PointStatus::ok;
    } catch (const Interrupted&) {
      return false;
    } catch (const std::exception& e) {
      r.error = e.what();
    }
  }
  r.finished_at = utc_now();
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  store_.put(r);
  {
    std::lock_guard<std::mutex> lock(summary_mutex_);
    ++(f == s_.fidelity ? summary_.evaluated : summary_.confirmed);
    if (r.status != PointStatus::ok && f == s_.fidelity) ++summary_.failed;
  }
  progress.tick(r.status == PointStatus::ok);
  return true;
}

/// Re-runs the best `confirm_best` points of the front at confirm_fidelity (loaded again from
/// their axis values: the same key).
void Runner::confirm_best() {
  // The runner's own store, not owned by the result (used only here).
  const std::shared_ptr<const ResultStore> store(&store_, [](const ResultStore*) {});
  const ResultSet results =
      build_results_from_store(report_spec_of(s_), o_.version, store, &summary_.keys);
  const eval::Fidelity f = s_.confirm_fidelity;
  const auto done = store_.done_keys(o_.version, fidelity_name(f), !o_.retry_failed);
  std::vector<Point> batch;
  for (const ResultRow* row : front(results)) {
    if (batch.size() >= static_cast<size_t>(s_.confirm_best)) break;
    batch.push_back(resolve_point(s_, ctx_, expand_point(s_, first_input_.at(row->point.key))));
  }
  std::vector<const Point*> pending;
  for (const Point& p : batch)
    if (!done.count(p.key)) pending.push_back(&p);
  run_batch(
      pending, f,
      s_.name + " (confirm best " + std::to_string(batch.size()) + ", " + fidelity_name(f) + ")");
}

}  // namespace

std::string store_path(const std::string& out_dir) {
  return (fs::path(out_dir) / "results.sqlite").string();
}

RunSummary run_sweep(const SweepSpec& s, const Evaluator& evaluate, const RunOptions& o) {
  if (s.timeout_s > 0 && o.worker_command.empty())
    throw InternalError("timeout_s needs worker processes, and RunOptions has no worker_command");
  const FolderLock lock(o.out_dir);
  Runner runner(s, evaluate, o);
  return runner.run();
}

}  // namespace circa::sweep
