// The network SQNR a sweep reports: it follows the output format as rounding theory says, and
// its memo tells design points apart by their numerics (and only by them).
#include <boost/test/unit_test.hpp>

#include "eval/sqnr.hpp"
#include "spec/config_loader.hpp"

using namespace circa;

namespace {

Workload one_fc_layer() {
  Workload w;
  w.name = "sqnr";
  Layer l;
  l.name = "fc";
  l.in_features = 256;
  l.out_features = 128;
  l.activation = Activation::none;
  w.layers.push_back(l);
  return w;
}

AcceleratorSpec with_output_frac(int frac) {
  AcceleratorSpec s = default_accelerator();
  s.formats.output.frac = frac;
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sqnr)

// At 4 and 6 output fractional bits the output rounding (step 2^-f, noise power 2^-2f / 12)
// dwarfs every internal stage (fft/weight 14, ifft 16 fractional bits), so two bits fewer
// multiply the noise by 16: 10 log10(16) = 12.04 dB less SQNR.
BOOST_AUTO_TEST_CASE(two_output_bits_fewer_cost_12_db) {
  const Workload w = one_fc_layer();
  const double at6 = eval::network_sqnr_db(with_output_frac(6), w, 5);
  const double at4 = eval::network_sqnr_db(with_output_frac(4), w, 5);
  BOOST_TEST_MESSAGE("SQNR " << at6 << " dB at 6 output fractional bits, " << at4 << " dB at 4");
  BOOST_TEST(at6 - at4 > 11.0);
  BOOST_TEST(at6 - at4 < 13.0);
}

BOOST_AUTO_TEST_CASE(memo_keys_on_numerics_only) {
  const Workload w = one_fc_layer();
  AcceleratorSpec s = default_accelerator();
  const double base = eval::network_sqnr_db(s, w, 9);
  s.mac.lanes = 32;  // not numerics: the same result, from the memo or not
  BOOST_TEST(eval::network_sqnr_db(s, w, 9) == base);
  s.formats.weight.frac = 10;  // numerics: a fresh, worse result
  BOOST_TEST(eval::network_sqnr_db(s, w, 9) < base - 1.0);
  BOOST_TEST(eval::network_sqnr_db(default_accelerator(), w, 10) != base);  // the seed counts
}

BOOST_AUTO_TEST_SUITE_END()
