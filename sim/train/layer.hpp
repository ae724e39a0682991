// A trainable fully connected layer: block-circulant (the accelerator's layout) or dense (the
// baseline). The network owns the parameters in one flat vector; a layer reads its slice.
// Per-thread state lives in a Scratch, so forward/backward are const and run on many threads.
#pragma once

#include <cstddef>
#include <memory>
#include <random>
#include <vector>

#include "spec/workload.hpp"

namespace circa::train {

class TrainLayer {
 public:
  /// What one thread needs between a sample's forward and backward pass: at least the
  /// pre-activations z and their gradient.
  struct Scratch {
    virtual ~Scratch() = default;
    std::vector<double> z, dz;
  };

  TrainLayer(const Layer& l, int accelerator_k) : layer_(l), g_(geometry(l, accelerator_k)) {}
  virtual ~TrainLayer() = default;

  const Layer& layer() const { return layer_; }
  const LayerGeometry& geom() const { return g_; }
  int inputs() const { return static_cast<int>(g_.input_elements); }
  int outputs() const { return static_cast<int>(g_.output_elements); }

  /// Parameters: the weights (layout of the .npy file), then one bias per row if any.
  virtual size_t param_count() const = 0;
  /// Doubles of a thread's gradient accumulator (may differ from param_count: see gradient()).
  virtual size_t accum_count() const = 0;
  /// He initialisation from the real fan-in (geometry's cols, padding excluded); biases 0.
  virtual void init(std::mt19937_64& g, double* params) const = 0;
  /// Turns the parameters into what forward() reads (e.g. weight spectra); once per step.
  virtual void prepare(const double* params) = 0;
  virtual std::unique_ptr<Scratch> scratch() const = 0;
  /// out = the layer's outputs (after activation and pooling), outputs() values.
  virtual void forward(const double* x, double* out, Scratch& s) const = 0;
  /// Adds this sample's gradient (given dL/d out) to accum; writes dL/dx unless dx is null.
  /// Must follow forward() of the same sample on the same Scratch.
  virtual void backward(const double* x, const double* dout, double* dx, Scratch& s,
                        double* accum) const = 0;
  /// dL/d(parameters) from a (summed) accumulator.
  virtual void gradient(const double* accum, double* grad) const = 0;
  /// Projects the weights so that every stored weight-spectrum component lies in
  /// [-limit, limit] (the weight format's range); layers stored in the time domain keep them.
  virtual void constrain(double* params, double limit) const {
    (void)params;
    (void)limit;
  }

 protected:
  size_t bias_count() const { return layer_.bias ? static_cast<size_t>(g_.rows) : 0; }
  /// out[n] = activation(z[n]) and its backward step, dz[n] = dout[n] * activation'(z[n]).
  void activate(const double* z, double* out, size_t n) const;
  void activation_backward(const double* z, const double* dout, double* dz, size_t n) const;

 private:
  Layer layer_;
  LayerGeometry g_;
};

/// The layer as the accelerator runs it, k = geometry(layer, accelerator_k).k.
std::unique_ptr<TrainLayer> make_circulant_layer(const Layer& l, int accelerator_k);
/// A conv layer as the accelerator runs it (CirCNN: block-circulant over the channels of every
/// kernel tap), its transforms shared by every window that reads an input position.
std::unique_ptr<TrainLayer> make_conv_layer(const Layer& l, int accelerator_k, bool into_fc);
/// An fc layer's shape as an ordinary dense matrix (rows x cols, row-major).
std::unique_ptr<TrainLayer> make_dense_layer(const Layer& l);

/// Standard normal draws from g, reproducible (Box-Muller on 53-bit uniforms).
double normal(std::mt19937_64& g);

}  // namespace circa::train
