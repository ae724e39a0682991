#include "train/layer.hpp"
#include "numerics/output_stage.hpp"

namespace circa::train {
namespace {

// d activation / dz at z (the hard sigmoid and tanh of the numerics, as the hardware runs).
double activation_slope(double z, Activation a) {
  switch (a) {
    case Activation::none:
      return 1.0;
    case Activation::relu:
      return z > 0 ? 1.0 : 0.0;
    case Activation::sigmoid:
      return z > -2.0 && z < 2.0 ? 0.25 : 0.0;
    case Activation::tanh:
      return z > -1.0 && z < 1.0 ? 1.0 : 0.0;
  }
  return 0.0;
}

}  // namespace

void TrainLayer::activate(const double* z, double* out, size_t n) const {
  for (size_t i = 0; i < n; ++i) out[i] = num::activate(z[i], layer_.activation);
}

void TrainLayer::activation_backward(const double* z, const double* dout, double* dz,
                                     size_t n) const {
  for (size_t i = 0; i < n; ++i) dz[i] = dout[i] * activation_slope(z[i], layer_.activation);
}

}  // namespace circa::train
