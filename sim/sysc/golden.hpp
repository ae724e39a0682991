// The golden reference the simulation is checked against: run_layer_fixed layer by layer, the
// next layer's input being this layer's output requantised to formats.input (the activation
// buffer's double-buffer swap does the same). A check names the first differing element.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "numerics/layer.hpp"
#include "sysc/workload_data.hpp"

namespace circa::sysc {

class GoldenChain {
 public:
  GoldenChain(const AcceleratorSpec& s, const Workload& w, const WorkloadData& d);

  /// Runs the golden model of layer li and compares; "" when the simulation's outputs and
  /// overflow counts equal it, else a one-line description of the first difference.
  std::string check(int li, const std::vector<int64_t>& sim_output,
                    const num::OverflowCounts& sim_overflow);

 private:
  std::string locate(int li, size_t index) const;

  const AcceleratorSpec& s_;
  const Workload& w_;
  const WorkloadData& d_;
  std::vector<int64_t> prev_output_;
  int next_ = 0;
};

}  // namespace circa::sysc
