// Level 4: fixed point against double for the fc product. The measured SQNR must reach the
// bound the rounding-noise model (noise_model.cpp, NUMBER_FORMATS.md §11) derives from the bit
// widths, less a 3 dB safety margin, with no overflow anywhere.
#define BOOST_TEST_MODULE numerics_04_sqnr
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <random>

#include "numerics/random_data.hpp"
#include "test_support.hpp"

using namespace circa;
using namespace circa::num;
namespace bdata = boost::unit_test::data;

BOOST_TEST_DONT_PRINT_LOG_VALUE(circa::FftScaling)

namespace {

constexpr double kMarginDb = 3.0;
constexpr double kInputFraction = 0.25;  // of input full scale (s16.12: |x| < 2)

struct Scenario {
  const char* name;
  test::Widths widths;
  Rounding rounding;
};
std::ostream& operator<<(std::ostream& os, const Scenario& s) {
  return os << s.name;
}

const Scenario kScenarios[] = {
    {"narrow_nearest_even", test::kNarrow, Rounding::nearest_even},
    {"narrow_nearest_up", test::kNarrow, Rounding::nearest_up},
    {"narrow_truncate", test::kNarrow, Rounding::truncate},
    {"wide_nearest_even", test::kWide, Rounding::nearest_even},
};
const int kSizes[] = {2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};
const FftScaling kScalings[] = {FftScaling::forward, FftScaling::inverse};

double mean_square(const std::vector<double>& v) {
  double s = 0.0;
  for (double x : v) s += x * x;
  return s / static_cast<double>(v.size());
}

}  // namespace

// Random non-divisible shape per k (m = p*k - r, n = q*k - r'), several input vectors so every
// case averages over >= 4096 outputs. The model's input power is that of the padded vector.
BOOST_DATA_TEST_CASE(fc_sqnr_meets_the_derived_bound,
                     bdata::make(kSizes) * bdata::make(kScalings) * bdata::make(kScenarios), k,
                     scaling, sc) {
  std::mt19937_64 g(static_cast<uint64_t>(k) * 7919 + static_cast<int>(scaling));
  const int p = 1 + static_cast<int>(g() % 3), q = 1 + static_cast<int>(g() % 4);
  const int m = std::max(1, p * k - static_cast<int>(g() % k));
  const int n = std::max(1, q * k - static_cast<int>(g() % k));
  const Layer layer = test::fc_layer(n, m, k);
  const LayerWeights w = random_layer_weights(layer, k, g());
  const FixedFormat in{16, 12, sc.rounding, Overflow::saturate};
  const double amp = kInputFraction * to_double(max_code(in), in);
  const DatapathFormats f = test::sized_formats(in, amp, weight_amplitude(layer, k), k, q, scaling,
                                                sc.widths, sc.rounding);
  const AcceleratorSpec spec = test::spec_with(f, k, scaling);
  test::SqnrAccumulator acc;
  double input_ms = 0.0;
  const int vectors = std::min(256, (4096 + m - 1) / m);
  for (int v = 0; v < vectors; ++v) {
    const std::vector<int64_t> x = random_input_codes(layer, k, in, kInputFraction, g());
    const LayerResult r = run_layer_fixed(spec, layer, w, x);
    BOOST_TEST_REQUIRE(r.overflow.total() == 0u, "overflows: " << describe(r.overflow));
    const std::vector<double> xd = test::values(x, in);
    acc.add(run_layer_double(layer, k, w, xd, ReferencePath::fft),
            test::values(r.output, f.output));
    input_ms += mean_square(xd) * n / (static_cast<double>(q) * k) / vectors;
  }
  const test::NoiseBudget model =
      test::predict_noise(k, q, f, scaling, input_ms, mean_square(w.w.w));
  BOOST_TEST_MESSAGE(sc.name << " k=" << k << " " << to_string(scaling) << " m=" << m << " n=" << n
                             << ": measured SQNR " << acc.db() << " dB, model " << model.sqnr_db()
                             << " dB, bound " << model.sqnr_db() - kMarginDb << " dB ("
                             << model.str() << ")");
  BOOST_TEST(acc.db() >= model.sqnr_db() - kMarginDb);
}
