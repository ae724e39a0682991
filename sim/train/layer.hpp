// A trainable fully connected layer: block-circulant (the accelerator's layout) or dense (the
// baseline). The network owns the parameters in one flat vector; a layer reads its slice.
// Per-thread state lives in a Scratch, so forward/backward are const and run on many threads.
#pragma once

#include <cstddef>
#include <memory>
#include <random>

#include "spec/workload.hpp"

namespace circa::train {

class TrainLayer {
 public:
  /// What one thread needs between a sample's forward and backward pass.
  struct Scratch {
    virtual ~Scratch() = default;
  };

  explicit TrainLayer(const Layer& l) : layer_(l) {}
  virtual ~TrainLayer() = default;

  const Layer& layer() const { return layer_; }
  int inputs() const { return layer_.in_features; }
  int outputs() const { return layer_.out_features; }

  /// Parameters: the weights (layout of the .npy file), then one bias per output if any.
  virtual size_t param_count() const = 0;
  /// Doubles of a thread's gradient accumulator (may differ from param_count: see gradient()).
  virtual size_t accum_count() const = 0;
  /// He initialisation from the real fan-in (inputs(), padding excluded); biases 0.
  virtual void init(std::mt19937_64& g, double* params) const = 0;
  /// Turns the parameters into what forward() reads (e.g. weight spectra); once per step.
  virtual void prepare(const double* params) = 0;
  virtual std::unique_ptr<Scratch> scratch() const = 0;
  /// z = W x + b (before the activation).
  virtual void forward(const double* x, double* z, Scratch& s) const = 0;
  /// Adds this sample's gradient (given dL/dz) to accum; writes dL/dx unless dx is null.
  /// Must follow forward() of the same sample on the same Scratch.
  virtual void backward(const double* x, const double* dz, double* dx, Scratch& s,
                        double* accum) const = 0;
  /// dL/d(parameters) from a (summed) accumulator.
  virtual void gradient(const double* accum, double* grad) const = 0;
  /// Projects the weights so that every stored weight-spectrum component lies in
  /// [-limit, limit] (the weight format's range); layers stored in the time domain keep them.
  virtual void constrain(double* params, double limit) const {
    (void)params;
    (void)limit;
  }

 private:
  Layer layer_;
};

/// The layer as the accelerator runs it, k = geometry(layer, accelerator_k).k.
std::unique_ptr<TrainLayer> make_circulant_layer(const Layer& l, int accelerator_k);
/// The same shape as an ordinary dense matrix (rows x cols, row-major).
std::unique_ptr<TrainLayer> make_dense_layer(const Layer& l);

/// Standard normal draws from g, reproducible (Box-Muller on 53-bit uniforms).
double normal(std::mt19937_64& g);

}  // namespace circa::train
