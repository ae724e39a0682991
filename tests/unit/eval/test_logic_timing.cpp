// The logic units' critical paths against the clock: one path priced by hand from the rows of
// sim/power/tables/logic_delay_45nm.csv (so a 2x error in any delay or level count shows), a
// clock too fast for the logic names the unit and the highest feasible clock, and derate runs
// at that clock.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>

#include "arch/critical_paths.hpp"
#include "eval/timing.hpp"
#include "power/logic_delay.hpp"
#include "spec/config_loader.hpp"

using namespace circa;
using namespace circa::eval;

namespace {

const LogicTiming& logic(const TimingCheck& t, const std::string& name) {
  for (const LogicTiming& l : t.logic)
    if (l.name == name) return l;
  throw std::runtime_error("no logic timing for " + name);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(logic_timing)

BOOST_AUTO_TEST_CASE(peripheral_path_by_hand) {
  // IFFT samples s24.12 to an s16.8 output rounded to nearest even, at 45 nm. The peripheral's
  // path (gen/peripheral.cpp): round_sat 24 -> 16 bits dropping 4 (a 26-bit rounding adder, then
  // overflow test and clamp: 2 mux levels), + bias (17-bit adder), fit to 16 bits (2 mux
  // levels), the cfg_bias and ReLU selects (2 mux levels), between two DFF_X1.
  //   adder(n) = 2 x fa_sum + ceil(log2 n) x fa_carry; ceil(log2 26) = ceil(log2 17) = 5:
  //            = 2 x 0.1203 + 5 x 0.0752 = 0.6166 ns, twice: 1.2332 ns
  //   6 x mux2 = 6 x 0.0788 = 0.4728 ns
  //   register = dff_clk_to_q + dff_setup = 0.0967 + 0.0398 = 0.1365 ns
  //   total 1.2332 + 0.4728 + 0.1365 = 1.8425 ns
  AcceleratorSpec s = default_accelerator();
  s.technology.node_nm = 45;
  s.formats.ifft.bits = 24;
  s.formats.ifft.frac = 12;
  s.formats.output.bits = 16;
  s.formats.output.frac = 8;
  s.formats.output.rounding = Rounding::nearest_even;
  const auto paths = arch::critical_paths(s);
  const auto p = std::find_if(paths.begin(), paths.end(), [](const arch::LogicPath& l) {
    return l.unit == arch::UnitId::peripheral;
  });
  BOOST_TEST_REQUIRE((p != paths.end()));
  BOOST_TEST(arch::describe(*p) == "add26 -> 2 x mux2 -> add17 -> 2 x mux2 -> 2 x mux2");
  const double ns = power::LogicDelayModel::builtin().path(*p, 45).ns;
  BOOST_TEST(ns == 1.8425, boost::test_tools::tolerance(1e-3));
  // At 90 nm, twice the delay (proportional to feature size).
  BOOST_TEST(power::LogicDelayModel::builtin().path(*p, 90).ns == 2 * 1.8425,
             boost::test_tools::tolerance(1e-3));
}

BOOST_AUTO_TEST_CASE(dadda_levels_follow_the_sequence) {
  // 2, 3, 4, 6, 9, 13, 19: 16 rows need 6 levels, 13 rows 5, 2 rows none.
  BOOST_TEST(power::dadda_levels(2) == 0);
  BOOST_TEST(power::dadda_levels(3) == 1);
  BOOST_TEST(power::dadda_levels(13) == 5);
  BOOST_TEST(power::dadda_levels(16) == 6);
}

BOOST_AUTO_TEST_CASE(a_clock_too_fast_for_the_logic_names_the_unit) {
  AcceleratorSpec s = default_accelerator();
  const TimingCheck base = spec_timing(s);
  BOOST_TEST_REQUIRE(base.limiting_logic >= 0, "the logic, not a memory, sets the clock");
  const LogicTiming& slow = base.logic.at(static_cast<size_t>(base.limiting_logic));
  BOOST_TEST(base.max_clock_mhz == 1000 / slow.delay_ns, boost::test_tools::tolerance(1e-9));
  s.clock_mhz = std::floor(base.max_clock_mhz) + 1;
  const TimingCheck t = spec_timing(s);
  BOOST_TEST(!t.feasible());
  const std::string p = t.problem();
  BOOST_TEST(p.find(std::string(slow.name) + " cannot run at") != std::string::npos, p);
  BOOST_TEST(p.find("highest feasible clock is " +
                    std::to_string(static_cast<int>(std::round(base.max_clock_mhz))) + " MHz") !=
                 std::string::npos,
             p);
  BOOST_TEST(t.limited_by().find(std::string(slow.name) + " logic") == 0u, t.limited_by());
  BOOST_TEST(logic(t, slow.name).delay_ns == slow.delay_ns);
  // Derate runs at the highest whole MHz the logic allows, and says which unit set it.
  s.technology.timing = TimingPolicy::derate;
  const TimedSpec d = apply_timing_policy(s);
  BOOST_TEST(d.spec.clock_mhz == std::floor(1000 / slow.delay_ns));
  BOOST_TEST(d.note.find(slow.name) != std::string::npos, d.note);
  BOOST_TEST(spec_timing(d.spec).feasible());
}

BOOST_AUTO_TEST_CASE(default_yaml_is_limited_by_the_fft_loop_not_the_lstm_cell) {
  // configs/default.yaml at 45 nm, from the rows of logic_delay_45nm.csv (fa_sum 0.1203,
  // fa_carry 0.0752, and2 0.0394, mux2 0.0788, register 0.0967 + 0.0398 = 0.1365 ns);
  // adder(n) = 2 fa_sum + ceil(log2 n) fa_carry, mult(a x b) = and2 + dadda(min) fa_sum +
  // adder(a + b).
  // The pipelined FFT's loop (k = 64, 18-bit fft and 24-bit ifft data: a shared 24-bit unit,
  // 16-bit twiddles): twiddle ROM read over 32 words (5 mux levels), b * w 24x16,
  // t = p_rr - p_ii (41 bits), (a << F) +- t (42), the rounding increment (44), overflow test
  // and clamp (2 mux), the shared unit's mode select and the delay line's select (1 + 1):
  //   9 x mux2 = 0.7092; mult24x16 = 0.0394 + 6 x 0.1203 + adder(40) (0.2406 + 6 x 0.0752)
  //   = 0.0394 + 0.7218 + 0.6918 = 1.4530; adder(41), (42), (44) = 3 x 0.6918 = 2.0754;
  //   4.2376 + 0.1365 = 4.3741 ns: 228.6 MHz.
  // The lstm cell's longer stage, now stage 1 (s16.8 rounded to nearest: the sigmoid's x/4
  // round has an adder, h_next's round to the input format none): x/4 rounded (adder(18)),
  // clamp (2 mux), + 1/2 (adder(17)), clamp to [0, 1] (2 mux), sig(i) * tanh(g) 16x16, rounded
  // (adder(34)), fit (2 mux):
  //   adder(18) = adder(17) = 0.2406 + 5 x 0.0752 = 0.6166, twice 1.2332; 6 x mux2 = 0.4728;
  //   mult16x16 = 0.0394 + 0.7218 + adder(32) 0.6166 = 1.3778; adder(34) = 0.6918;
  //   3.7756 + 0.1365 = 3.9121 ns (one cycle held 7.2287 ns: two such multiplies in series).
  const AcceleratorSpec s =
      load_accelerator(std::string(CIRCA_SOURCE_DIR) + "/configs/default.yaml").spec;
  BOOST_TEST_REQUIRE(s.technology.node_nm == 45);
  const TimingCheck t = spec_timing(s);
  BOOST_TEST(logic(t, "fft").delay_ns == 4.3741, boost::test_tools::tolerance(1e-3));
  BOOST_TEST(logic(t, "lstm_cell").delay_ns == 3.9121, boost::test_tools::tolerance(1e-3));
  BOOST_TEST(logic(t, "controller").delay_ns < logic(t, "fft").delay_ns);
  BOOST_TEST_REQUIRE(t.limiting_logic >= 0);
  BOOST_TEST(t.logic.at(static_cast<size_t>(t.limiting_logic)).name == std::string("fft"));
  BOOST_TEST(t.max_clock_mhz == 1000 / 4.3741, boost::test_tools::tolerance(1e-3));
  BOOST_TEST(t.limited_by().find("fft logic") == 0u, t.limited_by());
}

BOOST_AUTO_TEST_SUITE_END()
