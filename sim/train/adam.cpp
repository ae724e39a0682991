#include "train/adam.hpp"

#include <cmath>

#include "common/error.hpp"

namespace circa::train {

void Adam::step(std::vector<double>& params, const std::vector<double>& grad) {
  CIRCA_CHECK(params.size() == m_.size() && grad.size() == m_.size(), "Adam sized for the net");
  ++t_;
  const double c1 = 1.0 - std::pow(b1_, static_cast<double>(t_));
  const double c2 = 1.0 - std::pow(b2_, static_cast<double>(t_));
  for (size_t n = 0; n < params.size(); ++n) {
    m_[n] = b1_ * m_[n] + (1.0 - b1_) * grad[n];
    v_[n] = b2_ * v_[n] + (1.0 - b2_) * grad[n] * grad[n];
    params[n] -= lr_ * (m_[n] / c1) / (std::sqrt(v_[n] / c2) + eps_);
  }
}

}  // namespace circa::train
