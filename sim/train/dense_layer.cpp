// The dense baseline: an ordinary rows x cols matrix (row-major) and a bias.
#include <algorithm>
#include <cmath>

#include "train/layer.hpp"

namespace circa::train {
namespace {

class DenseLayer : public TrainLayer {
 public:
  explicit DenseLayer(const Layer& l) : TrainLayer(l, 1) {}

  size_t param_count() const override { return weights() + bias(); }
  size_t accum_count() const override { return param_count(); }

  void init(std::mt19937_64& g, double* params) const override {
    const double sd = std::sqrt(2.0 / inputs());
    for (size_t n = 0; n < weights(); ++n) params[n] = sd * normal(g);
    std::fill_n(params + weights(), bias(), 0.0);
  }

  void prepare(const double* params) override { w_ = params; }

  std::unique_ptr<Scratch> scratch() const override {
    auto s = std::make_unique<Scratch>();
    s->z.resize(outputs());
    s->dz.resize(outputs());
    return s;
  }

  void forward(const double* x, double* out, Scratch& s) const override {
    double* z = s.z.data();
    const int n = inputs();
    for (int r = 0; r < outputs(); ++r) {
      const double* row = w_ + size_t(r) * n;
      // Four partial sums: the compiler may not reorder a floating-point sum by itself.
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      int c = 0;
      for (; c + 4 <= n; c += 4) {
        s0 += row[c] * x[c];
        s1 += row[c + 1] * x[c + 1];
        s2 += row[c + 2] * x[c + 2];
        s3 += row[c + 3] * x[c + 3];
      }
      for (; c < n; ++c) s0 += row[c] * x[c];
      z[r] = (s0 + s1) + (s2 + s3) + (bias() ? w_[weights() + r] : 0.0);
    }
    activate(z, out, s.z.size());
  }

  void backward(const double* x, const double* dout, double* dx, Scratch& s,
                double* accum) const override {
    const int n = inputs();
    activation_backward(s.z.data(), dout, s.dz.data(), s.z.size());
    const double* dz = s.dz.data();
    if (dx) std::fill_n(dx, n, 0.0);
    for (int r = 0; r < outputs(); ++r) {
      const double d = dz[r];
      if (d == 0.0) continue;  // a ReLU that was off: nothing flows through this row
      double* g = accum + size_t(r) * n;
      for (int c = 0; c < n; ++c) g[c] += d * x[c];
      if (!dx) continue;
      const double* row = w_ + size_t(r) * n;
      for (int c = 0; c < n; ++c) dx[c] += d * row[c];
    }
    double* gb = accum + weights();
    for (size_t r = 0; r < bias(); ++r) gb[r] += dz[r];
  }

  void gradient(const double* accum, double* grad) const override {
    std::copy_n(accum, param_count(), grad);
  }

 private:
  size_t weights() const { return size_t(inputs()) * outputs(); }
  size_t bias() const { return bias_count(); }

  const double* w_ = nullptr;
};

}  // namespace

std::unique_ptr<TrainLayer> make_dense_layer(const Layer& l) {
  return std::make_unique<DenseLayer>(l);
}

double normal(std::mt19937_64& g) {
  const double two_pi = 6.283185307179586476925286766559;
  auto uniform = [&g] { return (static_cast<double>(g() >> 11) + 0.5) * 0x1.0p-53; };  // (0, 1)
  const double u1 = uniform(), u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(two_pi * u2);
}

}  // namespace circa::train
