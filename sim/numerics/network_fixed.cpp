#include "numerics/network_fixed.hpp"

#include "common/error.hpp"
#include "numerics/fixed_point.hpp"
#include "numerics/output_stage.hpp"

namespace circa::num {

std::vector<int64_t> run_network_fixed(const AcceleratorSpec& s, const std::vector<Layer>& layers,
                                       const std::vector<LayerWeights>& weights,
                                       std::vector<int64_t> x) {
  CIRCA_CHECK(!layers.empty() && weights.size() == layers.size(), "one weight set per layer");
  std::vector<PreparedLayer> prepared;
  prepared.reserve(layers.size());
  for (size_t li = 0; li < layers.size(); ++li) prepared.emplace_back(s, layers[li], weights[li]);
  return run_network_fixed(prepared, std::move(x));
}

std::vector<int64_t> run_network_fixed(const std::vector<PreparedLayer>& layers,
                                       std::vector<int64_t> x) {
  CIRCA_CHECK(!layers.empty(), "a network has layers");
  for (size_t li = 0;; ++li) {
    std::vector<int64_t> y = run_layer_fixed(layers[li], x).output;
    if (li + 1 == layers.size()) return y;
    const FixedFormat& in = layers[li + 1].spec().formats.input;
    x = next_layer_input(layers[li].layer(), layers[li + 1].layer(), std::move(y));
    for (int64_t& c : x) c = requantize(c, layers[li].spec().formats.output.frac, in, nullptr);
  }
}

}  // namespace circa::num
