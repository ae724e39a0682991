// Whole layers, bit-exact and in double: the top-level API the SystemC model, the system runner
// and the tests call. Data layouts: fc in_features -> out_features; conv C x H x W (row-major,
// one image) -> out_channels x H' x W' after pooling; lstm time-major [t][input_size] ->
// [t][hidden_size] (h of every step). NUMBER_FORMATS.md describes every rounding.
#pragma once

#include <cstdint>
#include <vector>

#include "numerics/bc_fixed.hpp"
#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::num {

/// A layer's trained parameters in double: the block-circulant matrix (shape from geometry())
/// and one bias per unpadded row (empty when the layer has no bias).
struct LayerWeights {
  BlockCirculantWeights w;
  std::vector<double> bias;
};

/// The parameters as the accelerator stores them.
struct QuantisedLayer {
  WeightSpectra spectra;      ///< formats.weight (overflow: Stage::weight)
  std::vector<int64_t> bias;  ///< formats.output (overflow: Stage::output)
  OverflowCounts overflow;
};

struct LayerResult {
  std::vector<int64_t> output;  ///< codes of formats.output
  OverflowCounts overflow;
  EventCounts events;
};

enum class ReferencePath {
  fft,    ///< frequency domain in double, the algorithm of the hardware
  dense,  ///< explicit circulant expansion; conv by direct convolution (independent path)
};

/// Refuses (ConfigError) format choices this layer cannot run with: hard sigmoid/tanh and the
/// LSTM cell need output.frac >= 1, and the LSTM cell products need 2 * output.bits <= 62.
void check_layer_numerics(const AcceleratorSpec& spec, const Layer& layer);

/// Weight spectra and bias codes of a layer. ConfigError when the weights' shape disagrees
/// with geometry(layer, spec.block_size).
QuantisedLayer quantise_layer(const AcceleratorSpec& spec, const Layer& layer,
                              const LayerWeights& weights);

/// What run_layer_fixed builds from the weights before it reads an input: the FFT unit (twiddle
/// ROM) and the stored parameters. Built once, it serves any number of inputs (the accuracy run
/// over a test set); read-only afterwards, so threads may share one. It keeps copies of the
/// spec and layer, not references.
class PreparedLayer {
 public:
  /// check_layer_numerics, then quantise_layer (which checks the weights' shape).
  PreparedLayer(const AcceleratorSpec& spec, const Layer& layer, const LayerWeights& weights);
  const AcceleratorSpec& spec() const { return spec_; }
  const Layer& layer() const { return layer_; }
  const LayerGeometry& geometry() const { return g_; }
  const FixedFft& fft() const { return fft_; }
  const QuantisedLayer& quantised() const { return q_; }

 private:
  AcceleratorSpec spec_;
  Layer layer_;
  LayerGeometry g_;
  FixedFft fft_;
  QuantisedLayer q_;
};

/// Runs one layer bit-exactly. input_codes are codes of formats.input (codes out of its range
/// are fit, counting Stage::input). Twiddle ROM and parameter quantisation overflows count
/// once per call, prepared or not, so both forms return the same result.
LayerResult run_layer_fixed(const AcceleratorSpec& spec, const Layer& layer,
                            const LayerWeights& weights, const std::vector<int64_t>& input_codes);
LayerResult run_layer_fixed(const PreparedLayer& layer, const std::vector<int64_t>& input_codes);

/// The same layer in double precision with the same hard nonlinearities.
std::vector<double> run_layer_double(const Layer& layer, int accelerator_k,
                                     const LayerWeights& weights, const std::vector<double>& input,
                                     ReferencePath path);

}  // namespace circa::num
