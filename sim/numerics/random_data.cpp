#include "numerics/random_data.hpp"

#include <cmath>

namespace circa::num {

double uniform_pm(std::mt19937_64& g, double a) {
  const double u = static_cast<double>(g() >> 11) * 0x1.0p-53;
  return a * (2.0 * u - 1.0);
}

double weight_amplitude(const Layer& layer, int accelerator_k) {
  return 1.0 / std::sqrt(static_cast<double>(geometry(layer, accelerator_k).cols));
}

LayerWeights random_layer_weights(const Layer& layer, int accelerator_k, uint64_t seed) {
  const LayerGeometry g = geometry(layer, accelerator_k);
  const double a = weight_amplitude(layer, accelerator_k);
  std::mt19937_64 gen(seed);
  LayerWeights w;
  w.w = {g.p, g.q, g.k, std::vector<double>(static_cast<size_t>(g.p) * g.q * g.k)};
  for (double& v : w.w.w) v = uniform_pm(gen, a);
  if (layer.bias) {
    w.bias.resize(static_cast<size_t>(g.rows));
    for (double& v : w.bias) v = uniform_pm(gen, a);
  }
  return w;
}

std::vector<int64_t> random_input_codes(const Layer& layer, int accelerator_k,
                                        const FixedFormat& input, double fraction, uint64_t seed) {
  const double amp = fraction * to_double(max_code(input), input);
  std::mt19937_64 gen(seed);
  std::vector<int64_t> x(static_cast<size_t>(geometry(layer, accelerator_k).input_elements));
  for (int64_t& v : x) v = quantize(uniform_pm(gen, amp), input, nullptr);
  return x;
}

}  // namespace circa::num
