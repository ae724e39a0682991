// Level 2: the trainable layers. Forward passes agree with the numerics' double reference of
// the same weights (so trained weights mean what the golden model reads); analytic gradients
// agree with central finite differences, block-circulant (with padding) and dense.
#define BOOST_TEST_MODULE train_02_gradients
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <random>

#include "numerics/layer.hpp"
#include "numerics/output_stage.hpp"
#include "train/network.hpp"

namespace circa {
// Name the activation and the pooling in a data test case's name.
std::ostream& operator<<(std::ostream& os, Activation a) {
  return os << to_string(a);
}
std::ostream& operator<<(std::ostream& os, Pooling p) {
  return os << to_string(p);
}
}  // namespace circa

using namespace circa;
using namespace circa::train;
namespace bdata = boost::unit_test::data;

namespace {

Layer fc(const std::string& name, int in, int out, Activation a, int k = 0) {
  Layer l;
  l.name = name;
  l.in_features = in;
  l.out_features = out;
  l.activation = a;
  l.block_size = k;
  return l;
}

// 10 -> 7 -> 5 -> 3: no size is a multiple of k, so padding rows and columns are exercised.
Workload small_net(Activation hidden) {
  Workload w;
  w.name = "small";
  w.layers = {fc("a", 10, 7, hidden), fc("b", 7, 5, hidden, 2), fc("c", 5, 3, Activation::none)};
  return w;
}

Layer conv(const std::string& name, int c, int o, int hw, int kernel, int stride, int pad,
           Pooling pool, int k) {
  Layer l;
  l.name = name;
  l.kind = LayerKind::conv;
  l.in_channels = c;
  l.out_channels = o;
  l.in_height = l.in_width = hw;
  l.kernel = kernel;
  l.stride = stride;
  l.padding = pad;
  l.pool = pool;
  l.block_size = k;
  return l;
}

// 3x7x7 -> conv 3x3 pad 1 (5 channels, k = 2: channels padded to 4 and 6) -> 7x7, pooled to
// 3x3 (odd size floors) -> conv 3x3 stride 2 no pad (k = 4) -> 1x1 -> fc 4 -> 3. Without
// pooling the second conv sees 7x7 and gives 3x3, so the fc layer takes 36.
Workload small_cnn(Pooling pool) {
  const int hw = pool == Pooling::none ? 7 : 3, out = hw == 7 ? 3 : 1;
  Workload w;
  w.name = "cnn";
  w.layers = {conv("c1", 3, 5, 7, 3, 1, 1, pool, 2),
              conv("c2", 5, 4, hw, 3, 2, 0, Pooling::none, 4),
              fc("f", 4 * out * out, 3, Activation::none)};
  return w;
}

std::vector<double> random_input(int n, uint64_t seed) {
  std::mt19937_64 g(seed);
  std::vector<double> x(n);
  for (double& v : x) v = normal(g);
  return x;
}

double loss_of(const Network& net, const std::vector<double>& x, int label, double scale) {
  Network::Worker wk = net.worker();
  bool hit = false;
  return net.train_sample(wk, x.data(), label, scale, &hit);
}

}  // namespace

BOOST_DATA_TEST_CASE(forward_matches_the_numerics_double_reference, bdata::make({2, 4, 8, 16}), k) {
  const Workload w = small_net(Activation::relu);
  Network net(w, k, false);
  net.init(7);
  for (double& p : net.params()) p += 0.01;  // nonzero biases too
  net.prepare();
  const std::vector<double> x = random_input(10, 3);
  Network::Worker wk = net.worker();
  const std::vector<double> out = net.forward(wk, x.data());
  std::vector<double> ref = x;
  for (size_t i = 0; i < w.layers.size(); ++i)
    ref = num::run_layer_double(w.layers[i], k, net.layer_weights(i, k), ref,
                                num::ReferencePath::dense);
  BOOST_REQUIRE(out.size() == ref.size());
  for (size_t r = 0; r < out.size(); ++r)
    BOOST_TEST(out[r] == ref[r], boost::test_tools::tolerance(1e-12));
}

BOOST_DATA_TEST_CASE(conv_forward_matches_the_direct_convolution,
                     bdata::make({Pooling::none, Pooling::max2, Pooling::avg2}), pool) {
  const Workload w = small_cnn(pool);
  Network net(w, 4, false);
  net.init(9);
  for (double& p : net.params()) p += 0.02;
  net.prepare();
  const std::vector<double> x = random_input(3 * 7 * 7, 4);
  Network::Worker wk = net.worker();
  const std::vector<double> out = net.forward(wk, x.data());
  std::vector<double> ref = x;
  for (size_t i = 0; i < w.layers.size(); ++i) {
    if (i > 0) ref = num::next_layer_input(w.layers[i - 1], w.layers[i], ref);  // c2 -> f: HWC
    ref = num::run_layer_double(w.layers[i], 4, net.layer_weights(i, 4), ref,
                                num::ReferencePath::dense);
  }
  BOOST_REQUIRE(out.size() == ref.size());
  for (size_t r = 0; r < out.size(); ++r)
    BOOST_TEST(out[r] == ref[r], boost::test_tools::tolerance(1e-12));
}

// Central differences with step h; the loss is smooth away from ReLU kinks and the hard
// nonlinearities' corners, which a 1e-6 step crosses with negligible probability.
// The largest relative difference between the analytic gradient of one sample's loss and
// central differences, over every parameter.
double worst_gradient_error(Network& net, const std::vector<double>& x) {
  const int label = 1;
  const double scale = 1.7;
  Network::Worker wk = net.worker();
  bool hit = false;
  net.train_sample(wk, x.data(), label, scale, &hit);
  std::vector<double> grad;
  net.gradient(wk.accum, 1.0, grad);
  BOOST_REQUIRE(grad.size() == net.params().size());
  const double h = 1e-6;
  double worst = 0;
  for (size_t n = 0; n < grad.size(); ++n) {
    const double keep = net.params()[n];
    net.params()[n] = keep + h;
    net.prepare();
    const double up = loss_of(net, x, label, scale);
    net.params()[n] = keep - h;
    net.prepare();
    const double down = loss_of(net, x, label, scale);
    net.params()[n] = keep;
    net.prepare();
    const double fd = (up - down) / (2 * h);
    worst = std::max(worst, std::abs(fd - grad[n]) / std::max(1.0, std::abs(fd)));
  }
  return worst;
}

BOOST_DATA_TEST_CASE(gradients_match_finite_differences,
                     bdata::make({0, 2, 4, 8}) *
                         bdata::make({Activation::relu, Activation::tanh, Activation::sigmoid}),
                     k, act) {
  const bool dense = k == 0;
  Network net(small_net(act), dense ? 4 : k, dense);
  net.init(11);
  for (double& p : net.params()) p *= 1.5;
  net.prepare();
  const double worst = worst_gradient_error(net, random_input(10, 5));
  BOOST_TEST(worst < 1e-6, "largest gradient error " << worst);
}

BOOST_DATA_TEST_CASE(conv_gradients_match_finite_differences,
                     bdata::make({Pooling::none, Pooling::max2, Pooling::avg2}), pool) {
  Network net(small_cnn(pool), 4, false);
  net.init(13);
  for (double& p : net.params()) p += 0.05;  // biases too
  net.prepare();
  const double worst = worst_gradient_error(net, random_input(3 * 7 * 7, 6));
  BOOST_TEST(worst < 1e-6, "largest gradient error " << worst);
}

BOOST_AUTO_TEST_CASE(the_accumulator_sums_samples) {
  Network net(small_net(Activation::relu), 4, false);
  net.init(2);
  Network::Worker both = net.worker(), one = net.worker(), two = net.worker();
  const std::vector<double> x1 = random_input(10, 1), x2 = random_input(10, 2);
  bool hit = false;
  net.train_sample(both, x1.data(), 0, 1.0, &hit);
  net.train_sample(both, x2.data(), 2, 1.0, &hit);
  net.train_sample(one, x1.data(), 0, 1.0, &hit);
  net.train_sample(two, x2.data(), 2, 1.0, &hit);
  std::vector<double> g_both, g_one, g_two;
  net.gradient(both.accum, 0.5, g_both);
  net.gradient(one.accum, 0.5, g_one);
  net.gradient(two.accum, 0.5, g_two);
  for (size_t n = 0; n < g_both.size(); ++n)
    BOOST_TEST(g_both[n] == g_one[n] + g_two[n], boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(lstm_layers_and_dense_conv_layers_are_refused) {
  Workload w = small_net(Activation::relu);
  w.layers[1].kind = LayerKind::lstm;
  BOOST_CHECK_EXCEPTION(Network(w, 4, false), ConfigError, [](const ConfigError& e) {
    return std::string(e.what()).find("handles fc and conv layers only") != std::string::npos;
  });
  BOOST_CHECK_EXCEPTION(
      Network(small_cnn(Pooling::none), 4, true), ConfigError, [](const ConfigError& e) {
        return std::string(e.what()).find("--dense handles fc layers only") != std::string::npos;
      });
}

// The projection onto the weight format's range: every spectrum component ends inside
// [-limit, limit], and blocks already inside are left exactly as they were.
BOOST_AUTO_TEST_CASE(constrain_clips_weight_spectra_to_the_limit) {
  const Workload w = small_net(Activation::relu);
  Network net(w, 4, false);
  net.init(3);
  // The limit: the median over blocks of the largest spectrum component, so about half the
  // blocks need clipping.
  std::vector<double> peaks;
  for (size_t i = 0; i < w.layers.size(); ++i) {
    const num::WeightSpectraD s = num::weight_spectra_double(net.layer_weights(i, 4).w);
    const size_t nb = s.k / 2 + 1;
    for (size_t b = 0; b < s.bins.size(); b += nb) {
      double peak = 0;
      for (size_t n = b; n < b + nb; ++n)
        peak = std::max({peak, std::abs(s.bins[n].real()), std::abs(s.bins[n].imag())});
      peaks.push_back(peak);
    }
  }
  std::nth_element(peaks.begin(), peaks.begin() + peaks.size() / 2, peaks.end());
  const double limit = peaks[peaks.size() / 2];
  const std::vector<double> before = net.params();
  net.constrain(limit);
  int clipped = 0, kept = 0;
  for (size_t i = 0; i < w.layers.size(); ++i) {
    const num::BlockCirculantWeights bc = net.layer_weights(i, 4).w;
    const num::WeightSpectraD s = num::weight_spectra_double(bc);
    for (const num::cplx& v : s.bins) {
      BOOST_TEST(std::abs(v.real()) <= limit + 1e-12);
      BOOST_TEST(std::abs(v.imag()) <= limit + 1e-12);
    }
    const double* p0 = before.data() + (net.layer_params(i) - net.params().data());
    for (int b = 0; b < bc.p * bc.q; ++b) {
      const bool same =
          std::equal(bc.w.begin() + b * bc.k, bc.w.begin() + (b + 1) * bc.k, p0 + b * bc.k);
      (same ? kept : clipped) += 1;
    }
  }
  BOOST_TEST(clipped > 0);
  BOOST_TEST(kept > 0);
}
