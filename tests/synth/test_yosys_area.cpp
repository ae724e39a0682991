// The analytical logic area (Horowitz 45 nm operator areas) against Yosys synthesis of the same
// generated units priced with NanGate 45 nm cells. The two are independent estimates, so the
// test holds their ratio in a band rather than at a value, and prints it. The bands are not
// centred on 1: Yosys's generic flow builds array multipliers over sign-extended operands with
// no Booth recoding and maps to X1 cells, where Horowitz's figures come from optimising
// synthesis, so each arithmetic leaf unit is expected 2-3x larger synthesized (measured
// 0.35-0.44; held to 0.30-0.50, so a unit priced at half or twice its size fails). The pipelined FFT adds reorder storage and muxing the inventory does not itemise
// (measured about 0.25), so the total has the wider band 0.15-2.
#define BOOST_TEST_MODULE yosys_area
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "common/error.hpp"
#include "eval/run_spec.hpp"
#include "spec/config_loader.hpp"
#include "xcheck/yosys_area.hpp"

using namespace circa;
namespace bdata = boost::unit_test::data;

BOOST_AUTO_TEST_CASE(stat_cells_are_parsed_and_priced) {
  const std::string stat = "   Number of cells:  3\n     $_AND_   2\n     $_DFF_P_   1\n";
  const auto cells = xcheck::parse_stat_cells(stat);
  BOOST_TEST(cells.size() == 2u);
  BOOST_TEST(xcheck::nangate_area_um2(cells) == 2 * 1.064 + 4.522, boost::test_tools::tolerance(1e-12));
  BOOST_CHECK_THROW(xcheck::nangate_area_um2({{"$_AOI9_", 1}}), ConfigError);
  // Only indented `<cell> <count>` lines count: not a heading, a lower-case name, a third word.
  const auto some = xcheck::parse_stat_cells(
      "$_AND_ 5\n   $_and_ 1\n   $_OR_ 2 x\n   $fa 3\n   $_XOR_ 12345678901\n   $_OR_ 4\n");
  BOOST_TEST(some.size() == 2u);
  BOOST_TEST(some.at("$fa") == 3);
  BOOST_TEST(some.at("$_OR_") == 4);
  // A line of a megabyte is scanned, not matched by a recursive regex (which overflowed).
  BOOST_TEST(xcheck::parse_stat_cells("   $_" + std::string(1 << 20, 'A') + "_ 1\n").size() == 1u);
}

namespace {

/// Runs the check in a folder of its own: the pid keeps two concurrent runs (two checkouts on one
/// machine) out of each other's way.
xcheck::AreaCheck area_check(const std::string& name, xcheck::AreaParts parts) {
  const AcceleratorSpec s =
      eval::load_run_spec(std::string(CIRCA_SOURCE_DIR) + "/configs/" + name, {}, std::cerr);
  const auto dir = std::filesystem::temp_directory_path() /
                   ("circa_area_" + std::to_string(getpid()) + "_" + name);
  const xcheck::AreaCheck r = xcheck::yosys_area_check(s, dir.string(), parts);
  for (const auto& u : r.units)
    BOOST_TEST_MESSAGE(name << " " << u.unit << ": model " << u.analytical_um2 << " um2, yosys "
                            << u.synthesized_um2 << " um2, ratio " << u.ratio());
  std::filesystem::remove_all(dir);
  return r;
}

}  // namespace

BOOST_DATA_TEST_CASE(analytical_area_is_within_the_band_of_synthesis,
                     bdata::make({"small.yaml", "clstm_fpga.yaml", "default.yaml"}), name) {
  const xcheck::AreaCheck r = area_check(name, xcheck::AreaParts::units);
  BOOST_TEST_REQUIRE(r.units.size() >= 3u);
  BOOST_TEST_MESSAGE(name << " total ratio " << r.ratio());
  for (const auto& u : r.units) {
    BOOST_TEST(u.unit != "top_logic");
    if (u.unit != "fft") {
      BOOST_TEST(u.ratio() > 0.30, u.unit);  // measured 0.35-0.46 (small.yaml: butterfly
      BOOST_TEST(u.ratio() < 0.50, u.unit);  // 0.396, mac_lane 0.425, peripheral 0.351,
                                             // lstm_cell 0.455)
    }
  }
  BOOST_TEST(r.ratio() > 0.15);  // measured 0.269 on small.yaml (its pipelined FFT: 0.237)
  BOOST_TEST(r.ratio() < 1.0);
}

// The top's own logic against the controller and stream-FIFO inventories, which count registers,
// counters and address arithmetic but not the FIFO's and the layer table's read multiplexers
// (measured 0.476 on small.yaml, 0.386 on default.yaml). Synthesizing it takes minutes on the
// larger configs (its 64-entry layer table flattens to gates), so the default suite runs
// small.yaml and the long label the rest.
BOOST_DATA_TEST_CASE(top_logic_is_within_its_band,
                     bdata::make({"small.yaml", "clstm_fpga.yaml", "default.yaml"}), name) {
  const xcheck::AreaCheck r = area_check(name, xcheck::AreaParts::top_logic);
  BOOST_TEST_REQUIRE(r.units.size() == 1u);
  BOOST_TEST(r.units[0].unit == "top_logic");
  BOOST_TEST(r.units[0].ratio() > 0.25);
  BOOST_TEST(r.units[0].ratio() < 0.75);
}
