#include "codesign/weight_cache.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "codesign/trained_files.hpp"
#include "common/error.hpp"
#include "spec/config_loader.hpp"
#include "sweep/evaluator.hpp"
#include "sweep/sha256.hpp"
#include "train/trainer.hpp"

namespace circa::codesign {
namespace {

namespace fs = std::filesystem;

train::TrainOptions options_of(const TrainJob& job) {
  train::TrainOptions o;
  o.epochs = job.accuracy.epochs;
  o.seed = job.accuracy.seed;
  o.threads = kTrainThreads;
  o.spectrum_limit = job.dense ? 0.0 : job.spectrum_limit;
  return o;
}

/// A name no other thread or process picks: pid plus random bits.
std::string unique_suffix() {
  static thread_local std::mt19937_64 g{std::random_device{}()};
  std::ostringstream s;
  s << ".tmp-" << getpid() << "-" << std::hex << g();
  return s.str();
}

/// The first n images of s (all when n is 0 or more than s has).
data::ImageSet first_images(const data::ImageSet& s, int64_t n) {
  if (n <= 0 || n >= s.count) return s;
  data::ImageSet out{n, s.rows, s.cols, {}, {}};
  out.pixels.assign(s.pixels.begin(), s.pixels.begin() + n * s.pixels_per_image());
  out.labels.assign(s.labels.begin(), s.labels.begin() + n);
  return out;
}

}  // namespace

std::string default_cache_root() {
  if (const char* c = std::getenv("CIRCA_TRAIN_CACHE"); c && *c) return fs::absolute(c).string();
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x)
    return (fs::path(x) / "circa" / "train").string();
  if (const char* h = std::getenv("HOME"); h && *h)
    return (fs::path(h) / ".cache" / "circa" / "train").string();
  return (fs::temp_directory_path() / "circa-train").string();
}

FileLock::FileLock(const std::string& file) {
  fd_ = open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw ConfigError(file + ": cannot create the weight cache's lock file (" +
                      std::strerror(errno) + "); set CIRCA_TRAIN_CACHE to a writable folder");
  while (flock(fd_, LOCK_EX) != 0)
    if (errno != EINTR) throw InternalError(file + ": flock: " + std::strerror(errno));
}

FileLock::~FileLock() {
  if (fd_ >= 0) close(fd_);  // releases the lock
}

void write_file_atomically(const std::string& file, const std::string& text) {
  const std::string tmp = file + unique_suffix();
  {
    std::ofstream out(tmp);
    out << text;
    if (!out.flush())
      throw ConfigError(tmp + ": cannot be written; set CIRCA_TRAIN_CACHE to a writable folder");
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw ConfigError(file + ": cannot be written (" + ec.message() + ")");
  }
}

WeightCache::WeightCache(std::string root, std::string version, std::string data_dir,
                         std::ostream* log)
    : root_(std::move(root)),
      version_(std::move(version)),
      data_dir_(data_dir.empty() ? data::default_fashion_mnist_dir() : std::move(data_dir)),
      log_(log) {}

std::string WeightCache::key(const TrainJob& job) const {
  const train::TrainOptions o = options_of(job);
  std::ostringstream s;
  s.precision(17);
  s << "circa-weights/1\nversion: " << version_ << "\n" << dump_yaml(*job.workload);
  s << "dense: " << job.dense << "\nk:";
  for (const Layer& l : job.workload->layers)
    s << " " << (job.dense ? 0 : geometry(l, job.accelerator_k).k);
  s << "\nspectrum_limit: " << o.spectrum_limit << "\n" << job.accuracy.key_text();
  s << "batch: " << o.batch << " lr: " << o.lr << " logit_scale: " << o.logit_scale
    << " threads: " << o.threads << "\n";
  return sweep::sha256_hex(s.str());
}

std::string WeightCache::folder(const TrainJob& job, const std::atomic<bool>* stop) {
  const std::string k = key(job);
  const fs::path dir = fs::path(root_) / k;
  std::shared_ptr<std::mutex> job_lock;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& slot = job_locks_[k];
    if (!slot) slot = std::make_shared<std::mutex>();
    job_lock = slot;
  }
  std::lock_guard<std::mutex> in_process(*job_lock);
  if (fs::exists(dir / kTrainJson)) return dir.string();
  std::error_code ec;
  fs::create_directories(root_, ec);
  if (ec)
    throw ConfigError(root_ + ": the weight cache cannot be created (" + ec.message() +
                      "); set CIRCA_TRAIN_CACHE to a writable folder");
  const FileLock between_processes((fs::path(root_) / (k + ".lock")).string());
  if (fs::exists(dir / kTrainJson)) return dir.string();  // another process trained it meanwhile
  train_into(job, k, dir.string(), stop);
  return dir.string();
}

void WeightCache::train_into(const TrainJob& job, const std::string& key, const std::string& dir,
                             const std::atomic<bool>* stop) {
  const int k = job.dense ? 1 : job.accelerator_k;
  train::Network net(*job.workload, k, job.dense);
  const data::ImageSet tr = first_images(train_set(), job.accuracy.train_images);
  const data::ImageSet& te = test_set();
  train::check_fits(*job.workload, k, tr, job.accuracy.dataset);
  const train::TrainOptions o = options_of(job);
  std::string what = job.workload->name + (job.dense ? " dense" : " block-circulant (k");
  if (!job.dense)
    for (const Layer& l : job.workload->layers)
      what += " " + l.name + "=" + std::to_string(geometry(l, job.accelerator_k).k);
  what += (job.dense ? "" : ")") + std::string(", ") + std::to_string(o.epochs) +
          (o.epochs == 1 ? " epoch" : " epochs") + " on " + std::to_string(tr.count) + " images";
  say("accuracy: training " + what + " ...");
  // The trainer reports every 1% of an epoch: where a Ctrl-C of the sweep stops it.
  const train::TrainResult r = train::train_network(net, tr, te, o, [stop](const train::Progress&) {
    if (stop && stop->load()) throw sweep::Interrupted();
  });
  char done[96];
  std::snprintf(done, sizeof done, " trained in %.0f s, float test accuracy %.2f%%", r.seconds,
                100 * r.test_accuracy);
  say("accuracy: " + what + done);
  nlohmann::json info = {{"tool", "circa " + version_},
                         {"made_by", "circa sweep (accuracy section): weight cache"},
                         {"key", key},
                         {"workload", job.workload->name},
                         {"accelerator_block_size", job.dense ? 0 : job.accelerator_k},
                         {"dataset", job.accuracy.dataset},
                         {"train_images", tr.count},
                         {"test_images", te.count},
                         {"dense", job.dense},
                         {"epochs", o.epochs},
                         {"batch", o.batch},
                         {"lr", o.lr},
                         {"seed", o.seed},
                         {"threads", o.threads},
                         {"logit_scale", o.logit_scale},
                         {"spectrum_limit", o.spectrum_limit},
                         {"input", "pixel / 255"}};
  const std::string tmp = dir + unique_suffix();
  write_trained(tmp, net, job.accelerator_k, info, r);
  std::error_code ec;
  fs::rename(tmp, dir, ec);
  if (ec) {
    fs::remove_all(tmp, ec);
    if (!fs::exists(fs::path(dir) / kTrainJson))
      throw ConfigError(dir + ": trained weights cannot be stored in the weight cache");
  }
  std::lock_guard<std::mutex> lock(mutex_);
  ++trainings_;
}

void WeightCache::say(const std::string& line) {
  if (!log_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  *log_ << line << "\n" << std::flush;
}

const data::ImageSet& WeightCache::train_set() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!train_)
    train_ =
        std::make_unique<data::ImageSet>(data::load_fashion_mnist(data_dir_, data::Split::train));
  return *train_;
}

const data::ImageSet& WeightCache::test_set() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!test_)
    test_ =
        std::make_unique<data::ImageSet>(data::load_fashion_mnist(data_dir_, data::Split::test));
  return *test_;
}

int WeightCache::trainings() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return trainings_;
}

}  // namespace circa::codesign
