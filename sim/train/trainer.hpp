// Minibatch training of a Network on an image set: Adam with a cosine learning-rate decay,
// each minibatch split over threads (one gradient accumulator per thread, summed per step).
// Reproducible for a given seed and thread count.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "data/fashion_mnist.hpp"
#include "train/network.hpp"

namespace circa::train {

struct TrainOptions {
  int epochs = 5;
  int batch = 64;
  double lr = 1e-3;   ///< Adam's step size at the start; cosine decay to 0 at the end
  uint64_t seed = 1;  ///< initial weights and the order of the images
  int threads = 2;
  /// Softmax reads logit_scale * logits: > 1 trains smaller logits (argmax unchanged), so
  /// they stay inside a narrow fixed-point output format. At 1, LeNet-300-100's logits reach
  /// beyond the +-8 of the default s16.12 output and saturate in 70% of the test images
  /// (3.7 points of accuracy lost); at 4 in about 1%, with no loss.
  double logit_scale = 4.0;
  /// > 0: after every step each weight-spectrum component is clipped to [-limit, limit]
  /// (Network::constrain), the range of formats.weight; 0 leaves the spectra free.
  double spectrum_limit = 0.0;
};

struct Progress {
  int epoch = 0;  ///< 1-based
  int epochs = 0;
  int64_t done = 0;           ///< images of this epoch so far
  int64_t total = 0;          ///< images per epoch
  double loss = 0;            ///< mean over this epoch's images so far
  double accuracy = 0;        ///< fraction right among them (float, before the step)
  double seconds = 0;         ///< since training started
  double test_accuracy = -1;  ///< at an epoch's end only, else -1
};
using ProgressFn = std::function<void(const Progress&)>;

struct TrainResult {
  double train_loss = 0;  ///< last epoch's
  double train_accuracy = 0;
  double test_accuracy = 0;  ///< float, after the last epoch
  double seconds = 0;        ///< training only (test evaluations excluded)
  double images_per_s = 0;
  std::vector<double> epoch_test_accuracy;
};

/// The first `n` images as network inputs (data::pixel_value), image after image.
std::vector<double> image_inputs(const data::ImageSet& s, int64_t n);

/// ConfigError unless images of `s` fit the workload's first layer and its 10 classes the last
/// layer's outputs. `what` names the data in the message.
void check_fits(const Workload& w, int accelerator_k, const data::ImageSet& s,
                const std::string& what);

/// Float top-1 accuracy of the network's current parameters on s.
double evaluate(const Network& net, const data::ImageSet& s, int threads);

/// Initialises net from o.seed and trains it; `progress` (may be empty) is called every few
/// minibatches and at every epoch's end.
TrainResult train_network(Network& net, const data::ImageSet& train_set,
                          const data::ImageSet& test_set, const TrainOptions& o,
                          const ProgressFn& progress);

}  // namespace circa::train
