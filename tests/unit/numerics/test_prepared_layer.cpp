// Level 9: layers prepared once (PreparedLayer) for many inputs, as the accuracy run over a test
// set uses them. Each call on a prepared layer must return what a fresh run_layer_fixed returns
// for the same input: outputs, overflow counts (the once-per-call parameter and twiddle counts
// included) and events, on every layer kind and however many inputs came before.
#define BOOST_TEST_MODULE numerics_09_prepared_layer
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "common/error.hpp"
#include "numerics/layer.hpp"
#include "numerics/network_fixed.hpp"
#include "numerics/output_stage.hpp"
#include "numerics/random_data.hpp"
#include "spec/config_loader.hpp"
#include "test_support.hpp"

using namespace circa;
using namespace circa::num;
namespace bdata = boost::unit_test::data;

namespace {

constexpr int kK = 8;

Layer lstm_layer() {
  Layer l;
  l.name = "lstm";
  l.kind = LayerKind::lstm;
  l.block_size = kK;
  l.input_size = 16;
  l.hidden_size = 16;
  l.time_steps = 3;
  return l;
}

Layer fc_with_bias() {
  return test::fc_layer(40, 24, kK, Activation::relu, true);
}

Layer pooled_conv() {
  Layer l = test::conv_layer(3, 8, 6, 6, 3, 1, 1, kK, Pooling::max2, Activation::relu);
  l.bias = true;
  return l;
}

// Formats that overflow on every call: a twiddle ROM without room for 1 and weights scaled past
// formats.weight's range, so the per-call counts are not zero.
AcceleratorSpec overflowing_spec(ConvDataflow d) {
  AcceleratorSpec s = load_accelerator(std::string(CIRCA_SOURCE_DIR) + "/configs/default.yaml",
                                       {{"block_size", std::to_string(kK)}})
                          .spec;
  s.formats.twiddle = FixedFormat{16, 15, Rounding::nearest_even, Overflow::saturate};
  s.controller.conv_dataflow = d;
  return s;
}

LayerWeights loud_weights(const Layer& l) {
  LayerWeights w = random_layer_weights(l, kK, 11);
  for (double& v : w.w.w) v *= 40;  // some weight spectra beyond +-2 (s16.14)
  return w;
}

void require_same(const LayerResult& got, const LayerResult& fresh) {
  BOOST_TEST(got.output == fresh.output, boost::test_tools::per_element());
  for (int st = 0; st < kStageCount; ++st)
    BOOST_TEST(got.overflow.n[st] == fresh.overflow.n[st], "stage " << st);
  BOOST_TEST(got.events.matvecs == fresh.events.matvecs);
  BOOST_TEST(got.events.ffts == fresh.events.ffts);
  BOOST_TEST(got.events.iffts == fresh.events.iffts);
  BOOST_TEST(got.events.butterflies == fresh.events.butterflies);
  BOOST_TEST(got.events.complex_macs == fresh.events.complex_macs);
}

const std::vector<std::string> kKinds = {"fc", "conv recompute", "conv reuse", "lstm"};

}  // namespace

BOOST_DATA_TEST_CASE(a_prepared_layer_returns_a_fresh_calls_result_on_every_input,
                     bdata::make(kKinds), kind) {
  const Layer l = kind == "fc" ? fc_with_bias() : kind == "lstm" ? lstm_layer() : pooled_conv();
  const AcceleratorSpec spec =
      overflowing_spec(kind == "conv reuse" ? ConvDataflow::reuse : ConvDataflow::recompute);
  const LayerWeights w = loud_weights(l);
  const PreparedLayer p(spec, l, w);
  BOOST_TEST(p.quantised().overflow[Stage::weight] > 0u);
  BOOST_TEST(p.fft().twiddles().overflows() > 0u);
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    const std::vector<int64_t> x = random_input_codes(l, kK, spec.formats.input, 0.9, seed);
    const LayerResult got = run_layer_fixed(p, x);
    require_same(got, run_layer_fixed(spec, l, w, x));
    // Weight and twiddle overflows come from the parameters alone, counted once per call.
    BOOST_TEST(got.overflow[Stage::weight] == p.quantised().overflow[Stage::weight]);
    BOOST_TEST(got.overflow[Stage::twiddle] == p.fft().twiddles().overflows());
  }
}

BOOST_AUTO_TEST_CASE(a_prepared_network_chains_its_layers_as_the_simulator_does) {
  AcceleratorSpec spec = overflowing_spec(ConvDataflow::recompute);
  spec.formats.input.frac = 10;  // unlike formats.output: the requantisation between layers shows
  const std::vector<Layer> layers = {test::fc_layer(40, 24, kK, Activation::relu, true),
                                     test::fc_layer(24, 10, kK, Activation::none, true)};
  const std::vector<LayerWeights> w = {loud_weights(layers[0]), loud_weights(layers[1])};
  std::vector<PreparedLayer> prepared;
  for (size_t i = 0; i < layers.size(); ++i) prepared.emplace_back(spec, layers[i], w[i]);
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    const std::vector<int64_t> x = random_input_codes(layers[0], kK, spec.formats.input, 0.9, seed);
    // By hand: each layer's output codes requantised to formats.input for the next.
    std::vector<int64_t> y = run_layer_fixed(spec, layers[0], w[0], x).output;
    for (int64_t& c : y) c = requantize(c, spec.formats.output.frac, spec.formats.input, nullptr);
    y = run_layer_fixed(spec, layers[1], w[1], y).output;
    BOOST_TEST(run_network_fixed(prepared, x) == y, boost::test_tools::per_element());
    BOOST_TEST(run_network_fixed(spec, layers, w, x) == y, boost::test_tools::per_element());
  }
}

BOOST_AUTO_TEST_CASE(preparing_refuses_what_a_fresh_call_refuses) {
  const AcceleratorSpec spec = overflowing_spec(ConvDataflow::recompute);
  const Layer l = fc_with_bias();
  LayerWeights w = loud_weights(l);
  w.bias.pop_back();
  BOOST_CHECK_THROW(PreparedLayer(spec, l, w), ConfigError);
  AcceleratorSpec integer_output = spec;
  integer_output.formats.output.frac = 0;  // hard sigmoid cannot hold 0.5
  Layer sig = fc_with_bias();
  sig.activation = Activation::sigmoid;
  BOOST_CHECK_THROW(PreparedLayer(integer_output, sig, loud_weights(sig)), ConfigError);
}
