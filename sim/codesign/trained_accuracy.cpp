#include "codesign/trained_accuracy.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>

#include "codesign/trained_files.hpp"
#include "common/error.hpp"
#include "spec/config_loader.hpp"
#include "sweep/sha256.hpp"
#include "sysc/workload_data.hpp"
#include "train/fixed_accuracy.hpp"
#include "train/trainer.hpp"

namespace circa::codesign {
namespace {

namespace fs = std::filesystem;

/// Accuracies are multiples of 100/images %: rounding to 1e-6 drops the binary noise of the
/// products and differences (87.43, not 87.42999999999999).
double tidy(double percent) {
  return std::round(percent * 1e6) / 1e6;
}

bool fc_only(const Workload& w) {
  for (const Layer& l : w.layers)
    if (l.kind != LayerKind::fc) return false;
  return true;
}

}  // namespace

std::string numerics_text(const AcceleratorSpec& s) {
  // Kept: everything run_layer_fixed reads. Whatever field is added later stays in the text
  // unless reset here, so a new field can cost a cache miss but never a wrong hit.
  AcceleratorSpec n = s;
  const AcceleratorSpec d = default_accelerator();
  n.name = d.name;
  n.clock_mhz = d.clock_mhz;
  n.fft.style = d.fft.style;
  n.fft.samples_per_cycle = d.fft.samples_per_cycle;
  n.fft.stage_latency = d.fft.stage_latency;
  n.fft.shared_ifft = d.fft.shared_ifft;
  n.mac = d.mac;
  n.weight_sram = d.weight_sram;
  n.activation_buffer = d.activation_buffer;
  n.offchip = d.offchip;
  n.controller.max_layers = d.controller.max_layers;
  n.controller.bias_kib = d.controller.bias_kib;
  n.technology = d.technology;
  return dump_yaml(n);
}

double spectrum_limit(const FixedFormat& weight) {
  return std::ldexp(1.0, weight.bits - 1 - weight.frac);
}

TrainedAccuracy::TrainedAccuracy(std::string cache_root, std::string version, std::string data_dir,
                                 int threads, std::ostream* log)
    : cache_(std::move(cache_root), version, std::move(data_dir), log),
      version_(std::move(version)),
      threads_(threads) {}

std::vector<std::string> TrainedAccuracy::prepare(const AcceleratorSpec& base, const Workload& w,
                                                  const sweep::AccuracySpec& spec) {
  // Both name the workload's file, line and layer; the dataset's absence names its file.
  train::Network net(w, base.block_size, false);  // refuses LSTM layers and broken chains
  train::check_fits(w, base.block_size, cache_.test_set(), spec.dataset);
  std::vector<std::string> m = {sweep::kAccuracy, "float_accuracy"};
  if (fc_only(w)) m.insert(m.end(), {"dense_accuracy", sweep::kAccuracyDrop});
  return m;
}

std::string TrainedAccuracy::describe() const {
  return "trained weights and their accuracy cached in " + cache_.root() + " (CIRCA_TRAIN_CACHE)";
}

std::string TrainedAccuracy::activity() const {
  return "trained " + std::to_string(cache_.trainings()) + " networks and measured " +
         std::to_string(measurements()) +
         " fixed-point accuracies on the golden model; the rest came from the cache";
}

TrainJob TrainedAccuracy::job_of(const AcceleratorSpec& accelerator, const Workload& w,
                                 const sweep::AccuracySpec& spec) const {
  return TrainJob{&w, accelerator.block_size, false, spectrum_limit(accelerator.formats.weight),
                  spec};
}

std::shared_ptr<std::mutex> TrainedAccuracy::lock_for(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& slot = locks_[key];
  if (!slot) slot = std::make_shared<std::mutex>();
  return slot;
}

TrainedAccuracy::Fixed TrainedAccuracy::fixed_result(const AcceleratorSpec& accelerator,
                                                     const Workload& w,
                                                     const sweep::AccuracySpec& spec,
                                                     const std::atomic<bool>* stop) {
  const TrainJob job = job_of(accelerator, w, spec);
  const std::string weights_key = cache_.key(job);
  const std::string key =
      sweep::sha256_hex("circa-accuracy/1\nversion: " + version_ + "\n" + weights_key + "\n" +
                        numerics_text(accelerator) + dump_yaml(w) + spec.key_text());
  const auto key_lock = lock_for(key);
  std::lock_guard<std::mutex> one_at_a_time(*key_lock);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (const auto it = fixed_.find(key); it != fixed_.end()) return it->second;
  }
  const std::string folder = cache_.folder(job, stop);
  const fs::path file = fs::path(folder) / ("accuracy-" + key.substr(0, 32) + ".json");
  Fixed r;
  std::ifstream in(file);
  const nlohmann::json stored = in ? nlohmann::json::parse(in, nullptr, false) : nlohmann::json();
  if (stored.is_object() && stored.value("key", "") == key) {
    r = {stored.at("images").get<int64_t>(), stored.at("fixed_correct").get<int64_t>(),
         stored.at("float_correct").get<int64_t>()};
  } else {
    const auto weights = sysc::load_data(folder, accelerator, w, 1).weights;
    const train::AccuracyResult a =
        train::measure_accuracy(accelerator, w, weights, cache_.test_set(), threads_);
    r = {a.images, a.fixed_correct, a.float_correct};
    const nlohmann::json out = {{"key", key},
                                {"numerics", numerics_text(accelerator)},
                                {"images", r.images},
                                {"fixed_correct", r.fixed_correct},
                                {"float_correct", r.float_correct}};
    write_file_atomically(file.string(), out.dump(2) + "\n");
    std::lock_guard<std::mutex> lock(mutex_);
    ++measurements_;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  fixed_[key] = r;
  return r;
}

double TrainedAccuracy::dense_accuracy(const Workload& w, const sweep::AccuracySpec& spec,
                                       const std::atomic<bool>* stop) {
  const std::string folder = cache_.folder(TrainJob{&w, 0, true, 0, spec}, stop);
  const double a = recorded_test_accuracy(folder);
  if (a < 0) throw InternalError(folder + ": the weight cache's train.json has no test_accuracy");
  return tidy(100 * a);
}

std::map<std::string, double> TrainedAccuracy::measure(const AcceleratorSpec& accelerator,
                                                       const Workload& w,
                                                       const sweep::AccuracySpec& spec,
                                                       const std::atomic<bool>* stop) {
  const Fixed f = fixed_result(accelerator, w, spec, stop);
  const double n = static_cast<double>(f.images);
  std::map<std::string, double> m = {{sweep::kAccuracy, tidy(100 * f.fixed_correct / n)},
                                     {"float_accuracy", tidy(100 * f.float_correct / n)}};
  if (fc_only(w)) {
    m["dense_accuracy"] = dense_accuracy(w, spec, stop);
    m[sweep::kAccuracyDrop] = tidy(m["dense_accuracy"] - m[sweep::kAccuracy]);
  }
  return m;
}

int TrainedAccuracy::measurements() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return measurements_;
}

}  // namespace circa::codesign
