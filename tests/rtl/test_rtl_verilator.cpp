// The same golden vectors through Verilator instead of Icarus: two simulators agreeing with the
// golden model guards against a bench that passes by a simulator's quirk.
#define BOOST_TEST_MODULE rtl_verilator
#include <boost/test/unit_test.hpp>

#include "gen/generator.hpp"
#include "golden_vectors.hpp"
#include "top_bench.hpp"

using namespace circa;
using namespace circa::rtltest;

BOOST_AUTO_TEST_SUITE(rtl_verilator)

BOOST_AUTO_TEST_CASE(fft_unrolled_forward_in_verilator) {
  const AcceleratorSpec s = spec_of("clstm_fpga.yaml");
  gen::Design d;
  const std::string m = gen::gen_fft_unrolled_forward(d, s, s.block_size, {});
  const Bench b = fft_forward_bench(d, m, s, 100);
  const BenchResult r = run_bench(d, b, work_dir("verilator_fftf"), Simulator::verilator);
  BOOST_TEST_INFO(r.log.substr(0, 3000));
  BOOST_TEST(r.mismatches == 0);
  BOOST_TEST(r.checked == 100);
}

BOOST_AUTO_TEST_CASE(fault_is_detected_in_verilator) {
  const AcceleratorSpec s = spec_of("clstm_fpga.yaml");
  gen::Design d;
  gen::Faults f;
  f.butterfly = true;
  const std::string m = gen::gen_fft_unrolled_forward(d, s, s.block_size, f);
  const Bench b = fft_forward_bench(d, m, s, 10);
  const BenchResult r = run_bench(d, b, work_dir("verilator_fault"), Simulator::verilator);
  BOOST_TEST(r.checked == 10);
  BOOST_TEST(r.mismatches == 10);
}

// The whole top on small.yaml through the same bench as in Icarus: outputs and cycle counts.
BOOST_AUTO_TEST_CASE(top_in_verilator) {
  TopCase c{"small.yaml", {}, 64, 48, true, true, true, 21, {}};
  const TopResult r = run_top_case(c, work_dir("verilator_top"), Simulator::verilator);
  BOOST_TEST_INFO(r.log.substr(0, 3000));
  BOOST_TEST(r.mismatches == 0);
  BOOST_TEST(r.checked == r.expected_checked);
  BOOST_TEST(r.cycles1 == r.expected_cycles);
  BOOST_TEST(r.cycles2 == r.expected_cycles);
}

BOOST_AUTO_TEST_SUITE_END()
