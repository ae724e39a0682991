#include "sysc/workload_data.hpp"

#include <filesystem>

#include "common/error.hpp"
#include "numerics/random_data.hpp"
#include "sysc/npy.hpp"

namespace circa::sysc {
namespace {

constexpr double kInputFraction = 0.5;  // random inputs span half the input format's range

std::string shape_str(const std::vector<int64_t>& s) {
  std::string r = "(";
  for (size_t i = 0; i < s.size(); ++i) r += (i ? ", " : "") + std::to_string(s[i]);
  return r + (s.size() == 1 ? ",)" : ")");
}

NpyArray read_shaped(const std::string& file, const std::vector<int64_t>& shape,
                     const std::string& what) {
  if (!std::filesystem::exists(file))
    throw ConfigError(file + ": missing (" + what + ", shape " + shape_str(shape) + ")");
  NpyArray a = read_npy(file);
  if (a.shape != shape)
    throw ConfigError(file + ": shape " + shape_str(a.shape) + ", but " + what + " needs " +
                      shape_str(shape));
  return a;
}

num::LayerWeights layer_from_files(const std::string& dir, const Layer& l, int accel_k) {
  const LayerGeometry g = geometry(l, accel_k);
  const std::string base = (std::filesystem::path(dir) / l.name).string();
  num::LayerWeights w;
  w.w = {g.p, g.q, g.k,
         read_shaped(base + ".weights.npy", {g.p, g.q, g.k},
                     "layer '" + l.name + "' (first columns of its p x q circulant blocks)")
             .values};
  const std::string bias = base + ".bias.npy";
  if (l.bias)
    w.bias = read_shaped(bias, {g.rows}, "layer '" + l.name + "' bias").values;
  else if (std::filesystem::exists(bias))
    throw ConfigError(bias + ": layer '" + l.name + "' has bias: false; remove the file or set bias: true");
  return w;
}

}  // namespace

uint64_t seed_for(uint64_t seed, int layer) {
  return seed * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(layer) + 1;
}

WorkloadData random_data(const AcceleratorSpec& s, const Workload& w, uint64_t seed) {
  WorkloadData d;
  for (size_t i = 0; i < w.layers.size(); ++i)
    d.weights.push_back(
        num::random_layer_weights(w.layers[i], s.block_size, seed_for(seed, static_cast<int>(i))));
  d.input = num::random_input_codes(w.layers.at(0), s.block_size, s.formats.input,
                                    kInputFraction, seed);
  return d;
}

WorkloadData load_data(const std::string& dir, const AcceleratorSpec& s, const Workload& w,
                       uint64_t seed) {
  if (!std::filesystem::is_directory(dir))
    throw ConfigError("--weights " + dir + ": not a directory");
  WorkloadData d;
  for (const Layer& l : w.layers) d.weights.push_back(layer_from_files(dir, l, s.block_size));
  const std::string input = (std::filesystem::path(dir) / "input.npy").string();
  if (!std::filesystem::exists(input)) {
    d.input = num::random_input_codes(w.layers.at(0), s.block_size, s.formats.input,
                                      kInputFraction, seed);
    return d;
  }
  const int64_t n = geometry(w.layers.at(0), s.block_size).input_elements;
  const NpyArray a = read_shaped(input, {n}, "the first layer's input");
  // Integers are input codes as they are; reals are quantised to formats.input.
  for (double v : a.values)
    d.input.push_back(a.integral ? static_cast<int64_t>(v)
                                 : num::quantize(v, s.formats.input, nullptr));
  return d;
}

}  // namespace circa::sysc
