// Top-1 accuracy of trained weights on the bit-exact golden model (run_layer_fixed, the
// arithmetic the SystemC model and the RTL match), beside the same weights in double precision
// (the trainer's forward pass: tests/unit/train check it against the numerics' double
// reference, and it shares each conv input's transforms, which run_layer_double recomputes per
// window). Layers chain as in the simulator: a layer's output codes requantised to
// formats.input (sysc/golden.hpp).
#pragma once

#include <cstdint>
#include <vector>

#include "data/fashion_mnist.hpp"
#include "numerics/layer.hpp"
#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::train {

struct AccuracyResult {
  int64_t images = 0;
  int64_t fixed_correct = 0;
  int64_t float_correct = 0;
  int64_t agree = 0;  ///< images whose fixed-point and float top-1 classes are the same
  int64_t ties = 0;   ///< images whose largest output code is shared (the lowest class wins)
  int64_t images_with_overflow = 0;  ///< any datapath overflow while running the image
  num::OverflowCounts quantisation;  ///< weight spectra, bias codes, twiddle ROM: once
  num::OverflowCounts datapath;      ///< summed over every image and layer
  double seconds = 0;

  double fixed_accuracy() const;
  double float_accuracy() const;
};

/// Input codes of image n: quantize(pixel_value(p), formats.input) per pixel; overflows
/// (only when the format cannot hold 1.0) count into ovf[Stage::input].
std::vector<int64_t> image_codes(const data::ImageSet& s, int64_t n, const FixedFormat& input,
                                 num::OverflowCounts& ovf);

/// Runs every image of s through both models on `threads` threads. The workload's layers must
/// be fc or conv (ConfigError otherwise), the weights checked against their geometry.
AccuracyResult measure_accuracy(const AcceleratorSpec& spec, const Workload& w,
                                const std::vector<num::LayerWeights>& weights,
                                const data::ImageSet& s, int threads);

}  // namespace circa::train
