// Adam (Kingma & Ba 2015) with bias correction: robust to the very different gradient scales
// of circulant parameters (each shared by k matrix entries) and dense ones.
#pragma once

#include <cstddef>
#include <vector>

namespace circa::train {

class Adam {
 public:
  Adam(std::size_t n, double lr) : lr_(lr), m_(n, 0.0), v_(n, 0.0) {}
  void set_lr(double lr) { lr_ = lr; }
  double lr() const { return lr_; }
  /// params -= lr * m_hat / (sqrt(v_hat) + eps).
  void step(std::vector<double>& params, const std::vector<double>& grad);

 private:
  double lr_;
  double b1_ = 0.9, b2_ = 0.999, eps_ = 1e-8;
  long t_ = 0;
  std::vector<double> m_, v_;
};

}  // namespace circa::train
