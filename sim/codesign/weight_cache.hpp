// Trained weights kept on disk, so a sweep trains each network once: a folder per training job
// named by the sha256 of everything that makes the weights (workload, each layer's k, dense or
// not, the weight-spectrum clip, dataset, epochs, seed, training images, optimiser settings,
// tool version). A folder appears whole or not at all (trained into a temporary folder, then
// renamed), and a job is trained by one thread of one process at a time (a mutex per key in the
// process, flock() on a per-key lock file between processes); the others wait and read it.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>

#include "data/fashion_mnist.hpp"
#include "spec/workload.hpp"
#include "sweep/accuracy.hpp"

namespace circa::codesign {

/// One set of weights to train.
struct TrainJob {
  const Workload* workload = nullptr;
  int accelerator_k = 0;      ///< each layer's k is geometry(layer, accelerator_k).k
  bool dense = false;         ///< the dense float baseline (fc layers only)
  double spectrum_limit = 0;  ///< clip of the weight spectra (0 = none; dense ignores it)
  sweep::AccuracySpec accuracy;
};

/// The training options every job uses beside its TrainJob (the key records them).
inline constexpr int kTrainThreads = 2;  ///< part of the result: minibatches split per thread

/// $CIRCA_TRAIN_CACHE, else $XDG_CACHE_HOME/circa/train, else ~/.cache/circa/train.
std::string default_cache_root();

class WeightCache {
 public:
  /// `data_dir`: the Fashion-MNIST IDX folder ("" = data::default_fashion_mnist_dir()).
  /// `log` (may be null) gets a line when a training starts and ends: they take minutes.
  WeightCache(std::string root, std::string version, std::string data_dir,
              std::ostream* log = nullptr);

  /// The folder holding job's weights in circa train's layout; trains them when absent. Throws
  /// sweep::Interrupted within a few minibatches of `stop` (may be null) becoming true; nothing
  /// is stored then.
  std::string folder(const TrainJob& job, const std::atomic<bool>* stop = nullptr);
  /// The folder's name: sha256 of the job's description.
  std::string key(const TrainJob& job) const;
  const std::string& root() const { return root_; }

  /// The test images (loaded once): what training reports on and accuracy is measured on.
  const data::ImageSet& test_set();
  /// Trainings this object ran (cache misses).
  int trainings() const;

 private:
  void train_into(const TrainJob& job, const std::string& key, const std::string& dir,
                  const std::atomic<bool>* stop);
  const data::ImageSet& train_set();
  void say(const std::string& line);

  std::string root_, version_, data_dir_;
  std::ostream* log_;
  mutable std::mutex mutex_;  ///< guards the maps, the image sets and the counter
  std::map<std::string, std::shared_ptr<std::mutex>> job_locks_;
  std::unique_ptr<data::ImageSet> train_, test_;
  int trainings_ = 0;
};

/// A per-key lock shared with other processes: flock() on <root>/<key>.lock, held while alive.
class FileLock {
 public:
  explicit FileLock(const std::string& file);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

/// Writes `text` to `file` through a temporary file in the same folder and a rename, so a reader
/// sees the old file or the whole new one.
void write_file_atomically(const std::string& file, const std::string& text);

}  // namespace circa::codesign
