// The sorted Pareto filter against the definition (every pair compared), on random costs with
// ties, duplicates and infinities, in 1, 2 and 3 objectives; and NaN costs (the pairwise path).
#define BOOST_TEST_MODULE sweep_pareto
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>
#include <random>

#include "sweep/results.hpp"

using circa::sweep::non_dominated;

namespace {

std::vector<bool> by_definition(const std::vector<std::vector<double>>& c) {
  std::vector<bool> keep(c.size(), true);
  for (size_t i = 0; i < c.size(); ++i)
    for (size_t j = 0; j < c.size(); ++j) {
      bool no_worse = true, better = false;
      for (size_t k = 0; k < c[i].size(); ++k) {
        const double a = c[j][k], b = c[i][k];
        if (std::isnan(a) || (!std::isnan(b) && a > b)) no_worse = false;
        if (!std::isnan(a) && (std::isnan(b) || a < b)) better = true;
      }
      if (i != j && no_worse && better) keep[i] = false;
    }
  return keep;
}

/// n rows of `dims` objectives from a few values, so ties and duplicates are common.
std::vector<std::vector<double>> random_costs(unsigned seed, size_t n, size_t dims, bool nan) {
  std::mt19937 rng(seed);
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> values = {0, 1, 2, 3, 5, 8, -1, inf, nan ? std::nan("") : 4};
  std::vector<std::vector<double>> c(n, std::vector<double>(dims));
  for (auto& row : c)
    for (double& v : row) v = values[rng() % values.size()];
  return c;
}

}  // namespace

BOOST_DATA_TEST_CASE(sorted_filter_equals_the_definition,
                     boost::unit_test::data::xrange(1, 4) * boost::unit_test::data::xrange(0, 40),
                     dims, seed) {
  for (size_t n : {0, 1, 2, 7, 60}) {
    const auto c = random_costs(static_cast<unsigned>(seed * 100 + dims), n, dims, seed % 5 == 0);
    BOOST_TEST(non_dominated(c) == by_definition(c), boost::test_tools::per_element());
  }
}

BOOST_AUTO_TEST_CASE(without_objectives_every_row_stays) {
  BOOST_TEST(non_dominated({{}, {}}) == std::vector<bool>({true, true}),
             boost::test_tools::per_element());
}

// Three objectives go through the staircase (O(n log n)): larger random sets, half of them drawn
// from a few values (ties in one, two or all three objectives) and half continuous, against
// both the test's definition and the library's all-pairs one.
BOOST_DATA_TEST_CASE(three_objectives_staircase_equals_all_pairs,
                     boost::unit_test::data::xrange(0, 12), seed) {
  std::mt19937 rng(static_cast<unsigned>(seed));
  std::uniform_real_distribution<double> real(0, 1);
  for (size_t n : {size_t{200}, size_t{1500}}) {
    std::vector<std::vector<double>> c(n, std::vector<double>(3));
    for (auto& row : c)
      for (double& v : row) v = seed % 2 ? std::floor(real(rng) * 6) : real(rng);
    if (seed % 3 == 0)  // a trade-off surface: many rows on the front
      for (auto& row : c) row[2] = 3 - row[0] - row[1] + (seed % 2 ? 0 : 0.01 * real(rng));
    const auto got = non_dominated(c);
    BOOST_TEST(got == by_definition(c), boost::test_tools::per_element());
    BOOST_TEST(got == circa::sweep::non_dominated_all_pairs(c), boost::test_tools::per_element());
  }
}
