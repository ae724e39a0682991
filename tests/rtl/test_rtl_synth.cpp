// Yosys generic synthesis of each bundled config's generated RTL must pass the checks (no
// latches, no multiple or undriven drivers); and the checks must fail on RTL that has them.
#define BOOST_TEST_MODULE rtl_synth
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "gen/generator.hpp"
#include "gen/synth.hpp"
#include "golden_vectors.hpp"
#include "synth_check.hpp"

using namespace circa;
using circa::rtltest::check_config_synthesizes;
namespace bdata = boost::unit_test::data;

namespace {

/// A one-module design whose top is `text`'s module `name`.
gen::SynthResult synth_module(const std::string& name, const std::string& text) {
  gen::Design d;
  d.add({name, text, {}, 0});
  d.set_top(name);
  const AcceleratorSpec s = rtltest::spec_of("small.yaml");
  const auto r = gen::synthesize_design(rtltest::work_dir("synth_" + name), d,
                                        gen::render(d, s, gen::header_for(s, {})));
  BOOST_REQUIRE(r.size() == 1u);
  return r.front().second;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rtl_synth)

// clstm_fpga.yaml (64 MAC lanes, about two minutes of Yosys) is in test_rtl_synth_long.
BOOST_DATA_TEST_CASE(bundled_configs_synthesize_cleanly, bdata::make({"small.yaml", "default.yaml"}), cfg) {
  check_config_synthesizes(cfg);
}

// A 1R1W weight SRAM, 8 samples per cycle on k = 16 (S*S > k) and padded 384-bit weight rows.
BOOST_AUTO_TEST_CASE(other_port_mix_wide_beats_and_padded_rows_synthesize_cleanly) {
  check_config_synthesizes("small.yaml", {"weight_sram.read_write_ports=0", "weight_sram.read_ports=1",
                                          "weight_sram.write_ports=1", "fft.samples_per_cycle=8",
                                          "mac.lanes=16", "weight_sram.word_bits=128",
                                          "weight_sram.banks=4", "formats.weight.bits=12",
                                          "formats.weight.frac=10"});
}

BOOST_AUTO_TEST_CASE(a_latch_fails_the_check) {
  const auto r = synth_module("latchy", "module latchy (input wire en, input wire d, output reg q);\n"
                                        "  always @(*) if (en) q = d;\nendmodule\n");
  BOOST_TEST(!r.ok);
}

BOOST_AUTO_TEST_CASE(multiple_drivers_fail_the_check) {
  const auto r = synth_module("twodrv", "module twodrv (input wire a, input wire b, output wire y);\n"
                                        "  assign y = a;\n  assign y = b;\nendmodule\n");
  BOOST_TEST(!r.ok);
}

BOOST_AUTO_TEST_CASE(an_undriven_output_fails_the_check) {
  const auto r = synth_module("undrv", "module undrv (input wire a, output wire y, output wire z);\n"
                                       "  assign y = a;\nendmodule\n");
  BOOST_TEST(!r.ok);
}

BOOST_AUTO_TEST_SUITE_END()
