// Level 8: the conv dataflows (controller.conv_dataflow). Reuse (a line buffer of input spectra,
// off-image taps skipped) must give the same output codes and overflow counts as recompute, bit
// for bit, and fewer forward FFTs and complex MACs; one small layer's counts are derived by hand.
#define BOOST_TEST_MODULE numerics_08_conv_reuse
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "numerics/layer.hpp"
#include "numerics/random_data.hpp"
#include "spec/config_loader.hpp"
#include "test_support.hpp"

using namespace circa;
using namespace circa::num;
namespace bdata = boost::unit_test::data;

namespace {

const FixedFormat kInput{16, 12, Rounding::nearest_even, Overflow::saturate};

/// The support's conv layer with relu, bias and 2x2 pooling.
Layer pooled_conv(int c, int o, int h, int w, int kernel, int stride, int pad, int k) {
  Layer l = test::conv_layer(c, o, h, w, kernel, stride, pad, k, Pooling::max2, Activation::relu);
  l.bias = true;
  return l;
}

AcceleratorSpec spec_for(int k, ConvDataflow d) {
  AcceleratorSpec s = load_accelerator(std::string(CIRCA_SOURCE_DIR) + "/configs/default.yaml",
                                       {{"block_size", std::to_string(k)}})
                          .spec;
  s.controller.conv_dataflow = d;
  return s;
}

struct Both {
  LayerResult recompute, reuse;
};

Both run_both(const Layer& l, int k, uint64_t seed, double amplitude = 0.25) {
  const LayerWeights w = random_layer_weights(l, k, seed);
  const std::vector<int64_t> x = random_input_codes(l, k, kInput, amplitude, seed + 1);
  return {run_layer_fixed(spec_for(k, ConvDataflow::recompute), l, w, x),
          run_layer_fixed(spec_for(k, ConvDataflow::reuse), l, w, x)};
}

void require_identical(const Both& b) {
  BOOST_TEST(b.reuse.output == b.recompute.output, boost::test_tools::per_element());
  for (int st = 0; st < kStageCount; ++st)
    BOOST_TEST(b.reuse.overflow.n[st] == b.recompute.overflow.n[st],
               "overflow count of stage " << to_string(static_cast<Stage>(st)));
}

struct Case {
  int c, o, h, w, kernel, stride, pad, k;
};
std::ostream& operator<<(std::ostream& os, const Case& c) {
  return os << c.c << "ch " << c.h << "x" << c.w << " K" << c.kernel << " s" << c.stride << " p"
            << c.pad << " k" << c.k;
}
const Case kCases[] = {
    {5, 12, 7, 7, 3, 2, 1, 8},   // padding and stride 2
    {20, 9, 6, 6, 5, 1, 2, 8},   // Cb = 3 blocks per pixel, wide padding
    {3, 8, 2, 5, 3, 1, 1, 4},    // in_height < kernel: every window's rows clipped
    {6, 8, 8, 8, 2, 3, 1, 8},    // stride > kernel: some input rows never transformed
    {7, 16, 9, 5, 3, 2, 0, 16},  // no padding: nothing skipped
};

}  // namespace

BOOST_DATA_TEST_CASE(reuse_outputs_are_bit_identical_to_recompute, bdata::make(kCases), c) {
  const Layer l = pooled_conv(c.c, c.o, c.h, c.w, c.kernel, c.stride, c.pad, c.k);
  require_identical(run_both(l, c.k, 11));
  // Inputs at full scale: saturation in the datapath, counted the same in both.
  require_identical(run_both(l, c.k, 12, 1.0));
}

// The first layer of the CIFAR-10 CNN (32x32x3, 3x3, padding 1) at k = 8, every output code.
BOOST_AUTO_TEST_CASE(cifar_conv1_at_k8_is_bit_identical) {
  const Workload w = load_workload(std::string(CIRCA_SOURCE_DIR) + "/workloads/cifar_cnn.yaml");
  const Both b = run_both(w.layers[0], 8, 21);
  BOOST_TEST(b.reuse.output.size() == 32u * 16 * 16);
  require_identical(b);
}

// 5 channels, 7x7, 3x3 kernel, stride 2, padding 1, k = 8 (Cb = 1, p = ceil(12/8) = 2, 5 bins):
// 4x4 outputs. Output row oy covers input rows 2*oy-1 .. 2*oy+1, clipped to 0..6:
// oy=0: 0-1, oy=1: 1-3, oy=2: 3-5, oy=3: 5-6. The fills transform rows {0,1}, {2,3}, {4,5}, {6}:
// all 7 rows once, 7 pixels each: 49 forward FFTs (recompute: 16 products x 9 taps = 144).
// On-image taps per pixel = rows(oy) x cols(ox), rows and cols (2,3,3,2) each: (2+3+3+2)^2 = 100
// taps, so 2 x 100 x 5 = 1000 complex MACs (recompute 2 x 144 x 5 = 1440). IFFTs: 16 x 2 = 32
// either way. Butterflies (12 per 8-point transform): (49 + 32) x 12 = 972.
BOOST_AUTO_TEST_CASE(hand_derived_counts_of_a_small_layer) {
  const Both b = run_both(pooled_conv(5, 12, 7, 7, 3, 2, 1, 8), 8, 31);
  BOOST_TEST(b.reuse.events.ffts == 49u);
  BOOST_TEST(b.recompute.events.ffts == 144u);
  BOOST_TEST(b.reuse.events.iffts == 32u);
  BOOST_TEST(b.recompute.events.iffts == 32u);
  BOOST_TEST(b.reuse.events.complex_macs == 1000u);
  BOOST_TEST(b.recompute.events.complex_macs == 1440u);
  BOOST_TEST(b.reuse.events.butterflies == 972u);
  BOOST_TEST(b.reuse.events.matvecs == 16u);
}

// The CIFAR-10 CNN's conv layers at k = 64: reuse does fewer forward FFTs, butterflies and
// complex MACs than recompute, layer by layer. conv1: 32 rows x 32 pixels x 1 block = 1024 FFTs
// against 32 x 32 products x 9 taps = 9216.
BOOST_AUTO_TEST_CASE(cifar_conv_layers_at_k64_do_less_work_with_reuse) {
  const Workload w = load_workload(std::string(CIRCA_SOURCE_DIR) + "/workloads/cifar_cnn.yaml");
  for (int i = 0; i < 3; ++i) {
    const Layer& l = w.layers[i];
    const Both b = run_both(l, 64, 41 + i);
    BOOST_TEST_CONTEXT("layer " << l.name) {
      require_identical(b);
      BOOST_TEST(b.reuse.events.ffts < b.recompute.events.ffts);
      BOOST_TEST(b.reuse.events.butterflies < b.recompute.events.butterflies);
      BOOST_TEST(b.reuse.events.complex_macs < b.recompute.events.complex_macs);
      BOOST_TEST(b.reuse.events.ffts == uint64_t(l.in_height) * l.in_width);
    }
  }
  const Both b1 = run_both(w.layers[0], 64, 41);
  BOOST_TEST(b1.reuse.events.ffts == 1024u);
  BOOST_TEST(b1.recompute.events.ffts == 9216u);
}
