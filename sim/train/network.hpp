// A workload's fc and conv layers as one trainable network: parameters in one flat vector,
// activations as the workload names them, softmax cross-entropy on the last layer's outputs.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "numerics/layer.hpp"
#include "spec/workload.hpp"
#include "train/layer.hpp"

namespace circa::train {

class Network {
 public:
  /// Block-circulant fc and conv layers with geometry(layer, accelerator_k), or dense fc ones.
  /// ConfigError for LSTM layers, conv layers with `dense`, and layers that do not chain.
  Network(const Workload& w, int accelerator_k, bool dense);

  /// One thread's buffers: each layer's scratch, outputs and input gradients.
  struct Worker {
    std::vector<std::unique_ptr<TrainLayer::Scratch>> scratch;
    std::vector<std::vector<double>> a, da;
    std::vector<double> dlogits;
    std::vector<double> accum;  ///< every layer's accumulator, back to back
  };

  bool dense() const { return dense_; }
  int inputs() const { return layers_.front()->inputs(); }
  int classes() const { return layers_.back()->outputs(); }
  size_t layer_count() const { return layers_.size(); }
  const TrainLayer& layer(size_t i) const { return *layers_[i]; }

  std::vector<double>& params() { return params_; }
  const std::vector<double>& params() const { return params_; }
  /// Layer i's slice of params().
  const double* layer_params(size_t i) const { return params_.data() + param_offset_[i]; }
  size_t layer_param_count(size_t i) const { return layers_[i]->param_count(); }

  void init(uint64_t seed);
  /// Call after every change of params(), before forward passes.
  void prepare();
  /// TrainLayer::constrain on every layer (limit > 0), then prepare().
  void constrain(double limit);

  Worker worker() const;
  /// The last layer's outputs (the logits) for input x.
  const std::vector<double>& forward(Worker& wk, const double* x) const;
  /// forward + backward of one labelled sample: adds its gradient to wk.accum and returns the
  /// cross-entropy of softmax(logit_scale * logits); *correct says whether argmax hit.
  double train_sample(Worker& wk, const double* x, int label, double logit_scale,
                      bool* correct) const;
  /// dL/d(params) from a summed accumulator (size of Worker::accum), scaled by `scale`.
  void gradient(const std::vector<double>& accum, double scale, std::vector<double>& grad) const;

  /// Sets layer i's parameters from the numerics' form (shapes checked), then prepare() is due.
  void set_layer_weights(size_t i, const num::LayerWeights& w);
  /// Layer i in the numerics' form (block-circulant layers only): what `circa sim --weights`
  /// and the golden model read.
  num::LayerWeights layer_weights(size_t i, int accelerator_k) const;

 private:
  bool dense_;
  std::vector<std::unique_ptr<TrainLayer>> layers_;
  std::vector<size_t> param_offset_, accum_offset_;
  std::vector<double> params_;
};

/// Index of the largest value; the first on ties.
int argmax(const double* v, int n);

}  // namespace circa::train
