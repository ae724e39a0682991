#include "sweep/synthetic_accuracy.hpp"

#include <algorithm>
#include <cmath>

namespace circa::sweep {

std::vector<std::string> SyntheticAccuracy::prepare(const AcceleratorSpec&, const Workload&,
                                                    const AccuracySpec&) {
  std::vector<std::string> names;
  for (const auto& m : accuracy_metrics()) names.push_back(m.name);
  return names;
}

std::string SyntheticAccuracy::describe() const {
  return "synthetic (made-up figures for tests)";
}

std::string SyntheticAccuracy::activity() const {
  return std::to_string(calls_.load()) + " synthetic measurements";
}

std::map<std::string, double> SyntheticAccuracy::measure(const AcceleratorSpec& a, const Workload&,
                                                         const AccuracySpec&,
                                                         const std::atomic<bool>*) {
  ++calls_;
  const double dense = 89.0, flt = dense - 0.8 * std::log2(a.block_size);
  const int narrow =
      std::max(0, 12 - a.formats.weight.bits) + std::max(0, 12 - a.formats.input.bits);
  const double fixed = flt - 0.5 * narrow;
  return {{kAccuracy, fixed},
          {kAccuracyDrop, dense - fixed},
          {"float_accuracy", flt},
          {"dense_accuracy", dense}};
}

}  // namespace circa::sweep
