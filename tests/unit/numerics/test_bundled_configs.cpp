// Level 7: the bundled accelerator configs' own formats on a LeNet-sized fc layer (784 -> 300,
// inputs at 1/4 of full scale): no overflow, SQNR above the model's bound (these are the figures
// NUMBER_FORMATS.md quotes), and a bit-exact regression fingerprint of the default datapath.
#define BOOST_TEST_MODULE numerics_07_bundled_configs
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <string>

#include "numerics/random_data.hpp"
#include "spec/config_loader.hpp"
#include "test_support.hpp"

using namespace circa;
using namespace circa::num;
namespace bdata = boost::unit_test::data;

namespace {

constexpr double kMarginDb = 3.0;

double mean_square(const std::vector<double>& v) {
  double s = 0.0;
  for (double x : v) s += x * x;
  return s / static_cast<double>(v.size());
}

AcceleratorSpec load(const std::string& name) {
  return load_accelerator(std::string(CIRCA_SOURCE_DIR) + "/configs/" + name).spec;
}

// FNV-1a over the output codes: any change to a rounding or an order of operations shows here.
uint64_t fingerprint(const std::vector<int64_t>& codes) {
  uint64_t h = 1469598103934665603ull;
  for (int64_t c : codes) {
    h ^= static_cast<uint64_t>(c);
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

BOOST_DATA_TEST_CASE(bundled_formats_meet_the_model_bound,
                     bdata::make({"default.yaml", "small.yaml", "clstm_fpga.yaml"}), name) {
  const AcceleratorSpec spec = load(name);
  const int k = spec.block_size;
  const Layer l = test::fc_layer(784, 300, 0);
  const LayerGeometry g = geometry(l, k);
  const LayerWeights w = random_layer_weights(l, k, 2024);
  test::SqnrAccumulator acc;
  double input_ms = 0.0;
  for (uint64_t s = 0; s < 8; ++s) {
    const std::vector<int64_t> x = random_input_codes(l, k, spec.formats.input, 0.25, s);
    const LayerResult r = run_layer_fixed(spec, l, w, x);
    BOOST_TEST_REQUIRE(r.overflow.total() == 0u, describe(r.overflow));
    const std::vector<double> xd = test::values(x, spec.formats.input);
    acc.add(run_layer_double(l, k, w, xd, ReferencePath::fft),
            test::values(r.output, spec.formats.output));
    input_ms += mean_square(xd) * 784.0 / (double(g.q) * k) / 8;
  }
  const test::NoiseBudget model =
      test::predict_noise(k, g.q, spec.formats, spec.fft.scaling, input_ms, mean_square(w.w.w));
  BOOST_TEST_MESSAGE(name << " (k=" << k << ", " << to_string(spec.fft.scaling)
                          << " scaling): measured SQNR " << acc.db() << " dB, model "
                          << model.sqnr_db() << " dB, bound " << model.sqnr_db() - kMarginDb
                          << " dB (" << model.str() << ")");
  BOOST_TEST(acc.db() >= model.sqnr_db() - kMarginDb);
}

BOOST_AUTO_TEST_CASE(default_datapath_fingerprint_is_unchanged) {
  const AcceleratorSpec spec = default_accelerator();
  const Layer l = test::fc_layer(300, 100, 0, Activation::relu, true);
  const LayerResult r =
      run_layer_fixed(spec, l, random_layer_weights(l, spec.block_size, 7),
                      random_input_codes(l, spec.block_size, spec.formats.input, 0.25, 8));
  // Recorded from this implementation. A change here changes every RTL test vector: update it
  // only together with NUMBER_FORMATS.md, on purpose.
  BOOST_TEST(fingerprint(r.output) == 9099823140801510559ull);
}
