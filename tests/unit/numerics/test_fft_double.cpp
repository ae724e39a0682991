// Level 2: the double-precision references. The FFT path of the block-circulant product must
// equal the explicit dense expansion, for every block size and for shapes k does not divide.
#define BOOST_TEST_MODULE numerics_02_fft_double
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <random>

#include "numerics/random_data.hpp"
#include "numerics/reference.hpp"

using namespace circa::num;
namespace bdata = boost::unit_test::data;

namespace {

const int kSizes[] = {2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

std::vector<cplx> random_complex(int k, std::mt19937_64& g) {
  std::vector<cplx> v(k);
  for (auto& c : v) c = {uniform_pm(g, 1.0), uniform_pm(g, 1.0)};
  return v;
}

double rel_err(const std::vector<double>& a, const std::vector<double>& b) {
  double num = 0.0, den = 0.0;
  for (size_t i = 0; i < a.size(); ++i) {
    num += (a[i] - b[i]) * (a[i] - b[i]);
    den += b[i] * b[i];
  }
  return std::sqrt(num / den);
}

}  // namespace

BOOST_DATA_TEST_CASE(fft_matches_the_dft_definition, bdata::make(kSizes), k) {
  std::mt19937_64 g(k);
  const std::vector<cplx> x = random_complex(k, g);
  const std::vector<cplx> X = fft(x);
  const double pi = std::acos(-1.0);
  double err = 0.0, norm = 0.0;
  for (int b = 0; b < k; ++b) {
    cplx s = 0.0;
    for (int n = 0; n < k; ++n) s += x[n] * std::polar(1.0, -2.0 * pi * ((int64_t{b} * n) % k) / k);
    err += std::norm(X[b] - s);
    norm += std::norm(s);
  }
  BOOST_TEST(std::sqrt(err / norm) < 1e-12);
}

BOOST_DATA_TEST_CASE(fft_then_ifft_round_trips, bdata::make(kSizes), k) {
  std::mt19937_64 g(100 + k);
  const std::vector<cplx> x = random_complex(k, g);
  const std::vector<cplx> y = ifft(fft(x));
  for (int n = 0; n < k; ++n) BOOST_TEST(std::abs(y[n] - x[n]) < 1e-13);
}

BOOST_DATA_TEST_CASE(real_input_spectra_are_conjugate_symmetric, bdata::make(kSizes), k) {
  std::mt19937_64 g(200 + k);
  std::vector<cplx> x(k);
  for (auto& c : x) c = uniform_pm(g, 1.0);
  const std::vector<cplx> X = fft(x);
  BOOST_TEST(std::abs(X[0].imag()) < 1e-12);
  BOOST_TEST(std::abs(X[k / 2].imag()) < 1e-12);
  for (int b = 1; b < k; ++b) BOOST_TEST(std::abs(X[k - b] - std::conj(X[b])) < 1e-12);
}

BOOST_AUTO_TEST_CASE(circulant_block_is_the_first_column_rotated) {
  // k = 4, w = (1, 2, 3, 4): W = [[1,4,3,2],[2,1,4,3],[3,2,1,4],[4,3,2,1]].
  const BlockCirculantWeights bc{1, 1, 4, {1, 2, 3, 4}};
  const std::vector<double> d = expand_dense(bc, 4, 4);
  const std::vector<double> expect = {1, 4, 3, 2, 2, 1, 4, 3, 3, 2, 1, 4, 4, 3, 2, 1};
  BOOST_TEST(d == expect, boost::test_tools::per_element());
  // A circulant times x is the circular convolution w (*) x.
  const std::vector<double> y = bc_matvec_fft(bc, 4, 4, {1, 0, 0, 1});
  const std::vector<double> conv = {1 + 2, 2 + 3, 3 + 4, 4 + 1};
  for (int i = 0; i < 4; ++i) BOOST_TEST(y[i] == conv[i], boost::test_tools::tolerance(1e-12));
}

// Random p x q block shapes, m and n cut short of whole blocks (padding), three per k.
BOOST_DATA_TEST_CASE(fft_path_equals_dense_expansion, bdata::make(kSizes) * bdata::xrange(3), k,
                     trial) {
  std::mt19937_64 g(1000 * k + trial);
  const int p = 1 + static_cast<int>(g() % 3), q = 1 + static_cast<int>(g() % 4);
  const int64_t m = int64_t{p} * k - static_cast<int64_t>(g() % k);
  const int64_t n = int64_t{q} * k - static_cast<int64_t>(g() % k);
  BlockCirculantWeights bc{p, q, k, std::vector<double>(static_cast<size_t>(p) * q * k)};
  for (double& v : bc.w) v = uniform_pm(g, 1.0);
  std::vector<double> x(n);
  for (double& v : x) v = uniform_pm(g, 1.0);
  const double err = rel_err(bc_matvec_fft(bc, m, n, x), bc_matvec_dense(bc, m, n, x));
  BOOST_TEST_MESSAGE("k=" << k << " m=" << m << " n=" << n << " relative error " << err);
  BOOST_TEST(err < 1e-9);
}
