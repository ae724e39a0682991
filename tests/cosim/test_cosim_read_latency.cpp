// The weight SRAM's read latency (weight_sram.read_latency, SCHEDULE.md "Weight read latency") in
// the generated top against the SystemC pin top, bit- and cycle-exact, at 2 and 3 cycles: an fc
// layer, a conv layer under both dataflows, and a conv layer whose weights stream (they never pass
// the SRAM, so its latency must not change them). Each top is Verilator -Wall lint-clean.
//
// Cycles by hand (SCHEDULE.md, configs/small.yaml; L = read latency): a row read in cycle t
// reaches the MAC lanes at t + L, so every group's accumulators are final L - 1 cycles later,
// R_g = M_g + q*c + kMacLatency + L - 1, and groups still issue back to back.
// - fc_small (q = 3, p = 2; span(n) = (n-1)*8 + 20, c = 2, P = 1, 2 banks): A = span(3) = 36,
//   R_0 = 36 + 6 + 1 + L = I_0, M_1 = 42, R_1 = 49 + L, but the IFFT binds: I_1 = I_0 + 8 =
//   51 + L; T = I_1 + span(1) + 1 = 72 + L: 74 at L = 2, 75 at L = 3 (73 at L = 1).
// - conv_small under recompute (test_cosim.cpp: T = 251 at L = 1, 12 products): R_1 = 229 + L =
//   I_1, T = 250 + L; 12 x 252 = 3024 at L = 2, 12 x 253 = 3036 at L = 3.
// - conv_small under reuse (T = 4 q_e + 23 at L = 1, 1636 cycles): T = 4 q_e + 22 + L, one more
//   per product and L: 1636 + 12 = 1648 at L = 2, 1660 at L = 3.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "cosim_cases.hpp"

namespace bdata = boost::unit_test::data;
using namespace circa::cosim_test;

namespace {

void expect_cycles(std::vector<std::string> overrides, const std::string& workload,
                   const std::string& vcd, const std::string& figure) {
  CosimOptions o = options(std::move(overrides), 4, vcd, workload);
  const Outcome c = cosim(o);
  BOOST_TEST(c.ok, c.report);
  BOOST_TEST(c.products == o.products);
  BOOST_TEST(c.report.find("outputs equal the golden model") != std::string::npos, c.report);
  BOOST_TEST(c.report.find(figure) != std::string::npos, c.report);
  expect_lint_clean(c.build_dir);
}

std::string latency(int l) {
  return "weight_sram.read_latency=" + std::to_string(l);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(weight_read_latency)

BOOST_DATA_TEST_CASE(fc_layer_agrees, bdata::make({2, 3}), l) {
  expect_cycles({latency(l)}, "fc_small.yaml", "fc_lat.vcd", "fc: " + std::to_string(72 + l) + "/");
}

BOOST_DATA_TEST_CASE(conv_layer_agrees, bdata::make({2, 3}), l) {
  const std::string t = std::to_string(12 * (250 + l));
  expect_cycles({latency(l)}, "conv_small.yaml", "conv_lat.vcd", "conv: " + t + "/" + t);
}

BOOST_DATA_TEST_CASE(conv_layer_under_spectrum_reuse_agrees, bdata::make({2, 3}), l) {
  const std::string t = std::to_string(1636 + 12 * (l - 1));
  expect_cycles({latency(l), "controller.conv_dataflow=reuse"}, "conv_small.yaml",
                "conv_reuse_lat.vcd", "conv: " + t + "/" + t);
}

// A 1 KiB weight SRAM: every product streams its weights. With no off-chip latency the stream
// keeps up, and the products take as many cycles at L = 3 as at L = 1.
BOOST_AUTO_TEST_CASE(streamed_weights_do_not_wait_for_the_sram) {
  const std::vector<std::string> o = {"weight_sram.capacity_kib=1", "offchip.latency_ns=0"};
  std::vector<std::string> o1 = o, o3 = o;
  o1.push_back(latency(1));
  o3.push_back(latency(3));
  const Outcome at1 = cosim(options(o1, 5, "stream_lat1.vcd", "conv_small.yaml"));
  const Outcome at3 = cosim(options(o3, 5, "stream_lat3.vcd", "conv_small.yaml"));
  BOOST_TEST(at1.ok, at1.report);
  BOOST_TEST(at3.ok, at3.report);
  BOOST_TEST(at3.T == at1.T);
  BOOST_TEST(at3.done_cycles == at1.done_cycles, boost::test_tools::per_element());
  expect_lint_clean(at3.build_dir);
}

BOOST_AUTO_TEST_SUITE_END()
