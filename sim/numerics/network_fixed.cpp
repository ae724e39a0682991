#include "numerics/network_fixed.hpp"

#include "common/error.hpp"
#include "numerics/fixed_point.hpp"
#include "numerics/output_stage.hpp"

namespace circa::num {

std::vector<int64_t> run_network_fixed(const AcceleratorSpec& s, const std::vector<Layer>& layers,
                                       const std::vector<LayerWeights>& weights,
                                       std::vector<int64_t> x) {
  CIRCA_CHECK(!layers.empty() && weights.size() == layers.size(), "one weight set per layer");
  for (size_t li = 0;; ++li) {
    std::vector<int64_t> y = run_layer_fixed(s, layers[li], weights[li], x).output;
    if (li + 1 == layers.size()) return y;
    x = next_layer_input(layers[li], layers[li + 1], std::move(y));
    for (int64_t& c : x) c = requantize(c, s.formats.output.frac, s.formats.input, nullptr);
  }
}

}  // namespace circa::num
