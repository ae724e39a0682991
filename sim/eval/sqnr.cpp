#include "eval/sqnr.hpp"

#include <cmath>
#include <map>
#include <mutex>

#include "numerics/layer.hpp"
#include "numerics/output_stage.hpp"
#include "numerics/random_data.hpp"
#include "spec/config_loader.hpp"

namespace circa::eval {
namespace {

std::string memo_key(const AcceleratorSpec& s, const Workload& w, uint64_t seed) {
  AcceleratorSpec numeric_only = default_accelerator();
  numeric_only.formats = s.formats;
  numeric_only.block_size = s.block_size;
  numeric_only.fft.scaling = s.fft.scaling;
  return dump_yaml(numeric_only) + dump_yaml(w) + std::to_string(seed);
}

double compute(const AcceleratorSpec& s, const Workload& w, uint64_t seed) {
  const FixedFormat& in = s.formats.input;
  const FixedFormat& out = s.formats.output;
  std::vector<int64_t> codes =
      num::random_input_codes(w.layers.front(), s.block_size, in, 0.25, seed);
  std::vector<double> exact;
  for (int64_t c : codes) exact.push_back(num::to_double(c, in));
  for (size_t i = 0; i < w.layers.size(); ++i) {
    const Layer& l = w.layers[i];
    const num::LayerWeights weights =
        num::random_layer_weights(l, s.block_size, seed + 17 * (i + 1));
    const num::LayerResult r = num::run_layer_fixed(s, l, weights, codes);
    exact = num::run_layer_double(l, s.block_size, weights, exact, num::ReferencePath::fft);
    codes = r.output;
    if (i + 1 == w.layers.size()) break;
    codes = num::next_layer_input(l, w.layers[i + 1], codes);
    exact = num::next_layer_input(l, w.layers[i + 1], exact);
    for (int64_t& c : codes) c = num::requantize(c, out.frac, in, nullptr);
  }
  double signal = 0, noise = 0;
  for (size_t i = 0; i < codes.size(); ++i) {
    const double d = num::to_double(codes[i], out) - exact[i];
    signal += exact[i] * exact[i];
    noise += d * d;
  }
  if (noise == 0) return 200.0;  // exact to double precision: report a ceiling, not infinity
  return 10 * std::log10(signal / noise);
}

}  // namespace

double network_sqnr_db(const AcceleratorSpec& s, const Workload& w, uint64_t seed) {
  static std::mutex mutex;
  static std::map<std::string, double> memo;
  const std::string key = memo_key(s, w, seed);
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = memo.find(key); it != memo.end()) return it->second;
  }
  const double db = compute(s, w, seed);
  std::lock_guard<std::mutex> lock(mutex);
  memo[key] = db;
  return db;
}

}  // namespace circa::eval
