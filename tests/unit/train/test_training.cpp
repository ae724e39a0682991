// Level 3: training on the first Fashion-MNIST images learns (far above the 10% of chance),
// is reproducible, and its weights keep their accuracy on the bit-exact golden model.
#define BOOST_TEST_MODULE train_03_training
#include <boost/test/unit_test.hpp>

#include "spec/config_loader.hpp"
#include "train/fixed_accuracy.hpp"
#include "train/trainer.hpp"

using namespace circa;
using namespace circa::train;

namespace {

const std::string kSrc = CIRCA_SOURCE_DIR;

struct Fixture {
  AcceleratorSpec spec = load_accelerator(kSrc + "/configs/default.yaml").spec;
  Workload w = load_workload(kSrc + "/workloads/lenet300.yaml");
  data::ImageSet tr =
      data::load_fashion_mnist(data::default_fashion_mnist_dir(), data::Split::train, 1000);
  data::ImageSet te =
      data::load_fashion_mnist(data::default_fashion_mnist_dir(), data::Split::test, 300);
};

TrainOptions quick(int threads, double spectrum_limit = 0) {
  TrainOptions o;
  o.spectrum_limit = spectrum_limit;
  o.epochs = 3;
  o.batch = 32;
  o.lr = 2e-3;
  o.threads = threads;
  o.seed = 5;
  return o;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(block_circulant_lenet_learns_and_keeps_its_accuracy_in_fixed_point,
                        Fixture) {
  Network net(w, spec.block_size, false);
  int calls = 0, epoch_ends = 0;
  const FixedFormat& wf = spec.formats.weight;
  const double limit = num::to_double(num::max_code(wf), wf);
  const TrainResult r = train_network(net, tr, te, quick(2, limit), [&](const Progress& p) {
    ++calls;
    epoch_ends += p.test_accuracy >= 0;
  });
  BOOST_TEST(epoch_ends == 3);
  BOOST_TEST(calls > epoch_ends);
  BOOST_TEST(r.epoch_test_accuracy.size() == 3u);
  // 1,000 images, 3 epochs: about 70% (chance is 10%).
  BOOST_TEST(r.test_accuracy > 0.6);
  BOOST_TEST(r.test_accuracy == evaluate(net, te, 1));
  std::vector<num::LayerWeights> weights;
  for (size_t i = 0; i < net.layer_count(); ++i)
    weights.push_back(net.layer_weights(i, spec.block_size));
  const AccuracyResult a = measure_accuracy(spec, w, weights, te, 2);
  BOOST_TEST(a.images == te.count);
  BOOST_TEST(a.quantisation[num::Stage::weight] == 0u);  // the spectra were kept in range
  // The double reference of the numerics is the trainer's own forward pass.
  BOOST_TEST(a.float_accuracy() == r.test_accuracy, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(std::abs(a.fixed_accuracy() - a.float_accuracy()) <= 0.02);
  BOOST_TEST(a.agree >= a.images * 97 / 100);
}

BOOST_FIXTURE_TEST_CASE(dense_baseline_learns, Fixture) {
  Network net(w, spec.block_size, true);
  const TrainResult r = train_network(net, tr, te, quick(2), {});
  BOOST_TEST(r.test_accuracy > 0.65);
}

BOOST_FIXTURE_TEST_CASE(same_seed_same_weights_thread_count_only_reorders_sums, Fixture) {
  tr.count = 300;  // the first 300 images are enough here
  Network a(w, 16, false), b(w, 16, false), c(w, 16, false);
  train_network(a, tr, te, quick(2), {});
  train_network(b, tr, te, quick(2), {});
  train_network(c, tr, te, quick(1), {});
  BOOST_TEST(a.params() == b.params(), boost::test_tools::per_element());
  double diff = 0;
  for (size_t n = 0; n < a.params().size(); ++n)
    diff = std::max(diff, std::abs(a.params()[n] - c.params()[n]));
  BOOST_TEST(diff > 0.0);   // different summation order...
  BOOST_TEST(diff < 1e-6);  // ...but only rounding apart
}

BOOST_FIXTURE_TEST_CASE(inputs_are_pixels_over_255_quantised_to_the_input_format, Fixture) {
  num::OverflowCounts ovf;
  const std::vector<int64_t> codes = image_codes(te, 0, spec.formats.input, ovf);
  for (int i = 0; i < 784; ++i)
    BOOST_TEST(codes[i] == num::quantize(te.image(0)[i] / 255.0, spec.formats.input, nullptr));
  BOOST_TEST(ovf.total() == 0u);
  FixedFormat narrow = spec.formats.input;
  narrow.bits = 8;
  narrow.frac = 7;  // [-1, 1): a white pixel overflows
  image_codes(te, 0, narrow, ovf);
  BOOST_TEST(ovf[num::Stage::input] > 0u);
}

BOOST_FIXTURE_TEST_CASE(small_cnn_learns_and_keeps_its_accuracy_in_fixed_point, Fixture) {
  const Workload cnn = load_workload(kSrc + "/workloads/fashion_cnn.yaml");
  te.count = 100;  // the fixed-point conv layers cost about 10 ms per image
  Network net(cnn, spec.block_size, false);
  const FixedFormat& wf = spec.formats.weight;
  const TrainResult r =
      train_network(net, tr, te, quick(2, num::to_double(num::max_code(wf), wf)), {});
  BOOST_TEST(r.test_accuracy > 0.5);  // chance is 10%
  std::vector<num::LayerWeights> weights;
  for (size_t i = 0; i < net.layer_count(); ++i)
    weights.push_back(net.layer_weights(i, spec.block_size));
  const AccuracyResult a = measure_accuracy(spec, cnn, weights, te, 2);
  BOOST_TEST(a.float_accuracy() == r.test_accuracy, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(a.agree >= 97);
}
