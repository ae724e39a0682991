// The logic model reproduces its published table rows exactly at 45 nm, interpolates between
// them monotonically, scales by the Stillmaker-Baas factors, and refuses what it cannot price.
#define BOOST_TEST_MODULE logic_model
#include <boost/test/unit_test.hpp>

#include "common/error.hpp"
#include "arch/units.hpp"
#include "power/price.hpp"
#include "spec/config_loader.hpp"

using namespace circa;
using namespace circa::power;

namespace tt = boost::test_tools;

// um2, the default design's inventory as measured; since the weight-stream FIFO hides the
// off-chip latency (64 rows of 256 bits in flip-flops instead of 8) it is 240334, not 175506.
constexpr double kTotalMeasured = 240334;

BOOST_AUTO_TEST_CASE(table_rows_are_reproduced_at_45nm) {
  const auto& m = LogicModel::builtin();
  BOOST_TEST(m.op(Op::int_add, 8, 45).energy_pj == 0.03, tt::tolerance(1e-12));
  BOOST_TEST(m.op(Op::int_add, 32, 45).area_um2 == 137.0, tt::tolerance(1e-12));
  BOOST_TEST(m.op(Op::int_mult, 32, 45).energy_pj == 3.1, tt::tolerance(1e-12));
  BOOST_TEST(m.op(Op::int_mult, 8, 45).area_um2 == 282.0, tt::tolerance(1e-12));
  BOOST_TEST(m.op(Op::reg, 16, 45).area_um2 == 16 * 4.522, tt::tolerance(1e-12));
  BOOST_TEST(m.op(Op::int_mult, 8, 45).source.str().find("Horowitz") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(multiplier_energy_grows_about_quadratically) {
  const auto& m = LogicModel::builtin();
  const double e8 = m.op(Op::int_mult, 8, 45).energy_pj, e16 = m.op(Op::int_mult, 16, 45).energy_pj;
  BOOST_TEST(e16 > e8);
  BOOST_TEST(e16 / e8 > 3.5);  // exponent log(3.1/0.2)/log(4) = 1.98
  BOOST_TEST(e16 / e8 < 4.2);
}

BOOST_AUTO_TEST_CASE(node_scaling_follows_the_table) {
  const auto& m = LogicModel::builtin();
  // E_90(1.2 V) / E_HP45(0.9 V) of Stillmaker & Baas's polynomials:
  // (4.762 x 1.44 - 4.781 x 1.2 + 2.092) / (1.018 x 0.81 - 0.3107 x 0.9 + 0.1539)
  // = 3.21208 / 0.69885 = 4.5962 (the 45 nm table is at 0.9 V, not 1.0 V).
  BOOST_TEST(m.energy_factor(90) == 4.5962, tt::tolerance(1e-9));
  BOOST_TEST(m.area_factor(32) == 0.46, tt::tolerance(1e-9));
  BOOST_TEST(m.op(Op::int_add, 8, 90).energy_pj == 0.03 * 4.5962, tt::tolerance(1e-9));
  // Wires scale by Vdd^2 only: 90 nm at 1.2 V against 45 nm at 0.9 V.
  BOOST_TEST(m.op(Op::wire, 1, 90).energy_pj == 0.121 * (1.2 / 0.9) * (1.2 / 0.9),
             tt::tolerance(1e-9));
  // 40 nm lies between 32 and 45 nm: linear in feature size.
  const double f40 = m.area_factor(40);
  BOOST_TEST(f40 == 0.46 + (1.0 - 0.46) * 8 / 13, tt::tolerance(1e-9));
  BOOST_TEST(m.op(Op::int_add, 8, 40).source.str().find("interpolated between 32 and 45 nm") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(node_outside_the_table_is_an_error) {
  BOOST_CHECK_EXCEPTION(LogicModel::builtin().op(Op::int_add, 8, 14), ConfigError, [](const ConfigError& e) {
    return std::string(e.what()).find("outside the logic scaling table (20-90 nm)") != std::string::npos;
  });
}

BOOST_AUTO_TEST_CASE(malformed_table_is_refused_with_its_line) {
  const std::string bad = "operator,bits,energy_pj,area_um2,source\nint_add,8,zero,36,x\n";
  const std::string scaling = "node_nm,area_factor,energy_factor,vdd_v,source\n45,1,1,1,x\n";
  BOOST_CHECK_EXCEPTION(LogicModel(bad, scaling), ConfigError, [](const ConfigError& e) {
    return std::string(e.what()).find("logic_45nm.csv:2:1: error: field 3 'zero' is not a number") != std::string::npos;
  });
}

BOOST_AUTO_TEST_CASE(inventory_prices_every_unit_of_the_default_design) {
  const AcceleratorSpec s = default_accelerator();
  double total = 0, mac_array = 0;
  for (const auto& u : arch::units()) {
    if (u.pricing != arch::Pricing::logic || !u.present(s)) continue;
    const Cost c = price(u.inventory(s), s.technology.node_nm);
    BOOST_TEST_MESSAGE(u.name << ": " << c.area_um2 << " um2");
    BOOST_TEST(c.area_um2 > 0, u.name);
    total += c.area_um2;
    if (u.id == arch::UnitId::mac_array) mac_array = c.area_um2;
  }
  // By hand, the MAC array of the default design (8 lanes, formats fft 18, weight 16, product 24,
  // accumulator 32 bits), from logic_45nm.csv with the power law between table rows:
  //   4 multipliers of sqrt(18 x 16) = 16.97 bits: 282 x (16.97/8)^(ln(3495/282)/ln 4 = 1.816)
  //     = 1104.8 um2 each
  //   2 adders of 34 bits: 137 x (34/32)^(ln(137/67)/ln 2 = 1.032) = 145.8 um2 each
  //   2 adders of 32 bits: 137 um2 each
  //   112 register bits x 4.522 um2 = 506.5 um2
  //   per lane 4419.0 + 291.7 + 274 + 506.5 = 5491.4 um2; 8 lanes = 43931 um2.
  BOOST_TEST(mac_array == 43931.0, tt::tolerance(0.001));
  // The whole inventory around its measured value (printed above), tight enough that a unit
  // priced twice or at half its size fails.
  BOOST_TEST_MESSAGE("total " << total << " um2");
  BOOST_TEST(total > kTotalMeasured / 1.3);
  BOOST_TEST(total < kTotalMeasured * 1.3);
}

BOOST_AUTO_TEST_CASE(wider_lanes_cost_more_area) {
  AcceleratorSpec s = default_accelerator();
  auto area = [&] {
    double a = 0;
    for (const auto& u : arch::units())
      if (u.pricing == arch::Pricing::logic && u.present(s)) a += price(u.inventory(s), 45).area_um2;
    return a;
  };
  const double a8 = area();
  s.mac.lanes = 16;
  BOOST_TEST(area() > a8);
}
