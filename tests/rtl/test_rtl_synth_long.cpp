// Yosys runs that take minutes (clstm_fpga.yaml: 64 MAC lanes, unrolled FFT and IFFT) or cover
// a style no bundled config uses (iterative FFT): labelled long, so the quick RTL suite stays
// within its budget.
#define BOOST_TEST_MODULE rtl_synth_long
#include <boost/test/unit_test.hpp>

#include "synth_check.hpp"

using circa::rtltest::check_config_synthesizes;

BOOST_AUTO_TEST_SUITE(rtl_synth_long)

BOOST_AUTO_TEST_CASE(clstm_fpga_synthesizes_cleanly) { check_config_synthesizes("clstm_fpga.yaml"); }

BOOST_AUTO_TEST_CASE(small_iterative_synthesizes_cleanly) {
  check_config_synthesizes("small.yaml", {"fft.style=iterative"});
}

BOOST_AUTO_TEST_SUITE_END()
