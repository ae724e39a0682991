// A deterministic stand-in for the accuracy source (sweep/accuracy.hpp), as synthetic_evaluator
// is for the models: tests of sweeps with an accuracy section (the default sweep's) run in
// milliseconds, without a dataset. Accuracy falls with log2(k) and with storage formats under
// 12 bits; the figures are made up and say so in describe().
#pragma once

#include <atomic>

#include "sweep/accuracy.hpp"

namespace circa::sweep {

class SyntheticAccuracy : public AccuracySource {
 public:
  std::vector<std::string> prepare(const AcceleratorSpec& base, const Workload& w,
                                   const AccuracySpec& spec) override;
  std::string describe() const override;
  std::string activity() const override;
  std::map<std::string, double> measure(const AcceleratorSpec& accelerator, const Workload& w,
                                        const AccuracySpec& spec,
                                        const std::atomic<bool>* stop) override;
  int calls() const { return calls_; }

 private:
  std::atomic<int> calls_{0};
};

}  // namespace circa::sweep
