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

BOOST_AUTO_TEST_SUITE_END()
