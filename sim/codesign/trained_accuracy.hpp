// The accuracy metrics of sweep points (sweep/accuracy.hpp): weights trained once per workload
// and block sizes (WeightCache), then the bit-exact golden model over the 10,000 test images
// (train::measure_accuracy, what `circa accuracy` runs). The fixed-point accuracy depends only on
// the point's numerics, so it is measured once per weights and numerics_text() and kept in the
// cache folder beside the weights: axes such as MAC lanes, SRAM size or device cost nothing.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "codesign/weight_cache.hpp"
#include "sweep/accuracy.hpp"

namespace circa::codesign {

/// The accelerator's numerics only: hardware-only fields (lanes, memories, clock, FFT style and
/// throughput, technology, ...) reset to the defaults; block size, formats, FFT scaling and the
/// conv dataflow kept. Two points with the same text compute the same outputs bit for bit.
std::string numerics_text(const AcceleratorSpec& s);

/// The clip of the trained weight spectra: formats.weight's range, 2^(bits-1-frac). Formats of
/// one range but different precision share their weights.
double spectrum_limit(const FixedFormat& weight);

class TrainedAccuracy : public sweep::AccuracySource {
 public:
  /// `data_dir` "" = data::default_fashion_mnist_dir(); `threads` run the golden model; `log`
  /// (may be null) hears when trainings start and end.
  TrainedAccuracy(std::string cache_root, std::string version, std::string data_dir = "",
                  int threads = 2, std::ostream* log = nullptr);

  std::vector<std::string> prepare(const AcceleratorSpec& base, const Workload& w,
                                   const sweep::AccuracySpec& spec) override;
  std::string describe() const override;
  std::string activity() const override;
  std::map<std::string, double> measure(const AcceleratorSpec& accelerator, const Workload& w,
                                        const sweep::AccuracySpec& spec,
                                        const std::atomic<bool>* stop) override;

  /// The block-circulant training job of a point (its weights' folder: weights().folder(job)).
  TrainJob job_of(const AcceleratorSpec& accelerator, const Workload& w,
                  const sweep::AccuracySpec& spec) const;
  WeightCache& weights() { return cache_; }
  /// Golden-model runs over the test set this object made (cache misses).
  int measurements() const;

 private:
  struct Fixed {
    int64_t images = 0, fixed_correct = 0, float_correct = 0;
  };
  Fixed fixed_result(const AcceleratorSpec& accelerator, const Workload& w,
                     const sweep::AccuracySpec& spec, const std::atomic<bool>* stop);
  double dense_accuracy(const Workload& w, const sweep::AccuracySpec& spec,
                        const std::atomic<bool>* stop);
  std::shared_ptr<std::mutex> lock_for(const std::string& key);

  WeightCache cache_;
  std::string version_;
  int threads_;
  mutable std::mutex mutex_;  ///< guards the maps and the counter
  std::map<std::string, std::shared_ptr<std::mutex>> locks_;
  std::map<std::string, Fixed> fixed_;
  int measurements_ = 0;
};

}  // namespace circa::codesign
