// The unit registry: one descriptor per UnitId, unique names, and the pieces each pricing kind
// needs present (a logic unit without an inventory, or a memory without a shape, would be priced
// as zero silently).
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

#include "arch/units.hpp"
#include "spec/config_loader.hpp"

using namespace circa;

BOOST_AUTO_TEST_CASE(every_unit_is_described_once_with_what_its_pricing_needs) {
  const AcceleratorSpec s =
      load_accelerator(std::string(CIRCA_SOURCE_DIR) + "/configs/default.yaml").spec;
  std::set<std::string> names;
  std::set<std::string> roles;
  for (const auto& u : arch::units()) {
    BOOST_TEST_CONTEXT(u.name) {
      BOOST_TEST(names.insert(u.name).second);
      BOOST_TEST(&arch::unit(u.id) == &u);
      BOOST_TEST(std::string(u.params).size() > 0u);
      switch (u.pricing) {
        case arch::Pricing::logic:
          BOOST_TEST(u.inventory != nullptr);
          BOOST_TEST(!u.inventory(s).empty());
          break;
        case arch::Pricing::memory:
          BOOST_TEST(u.memory.has_value());
          BOOST_TEST(u.accesses.has_value());
          break;
        case arch::Pricing::offchip:
          BOOST_TEST(u.energy.has_value());
          break;
        case arch::Pricing::none:
          break;
      }
      for (const auto& m : u.modules) BOOST_TEST(roles.insert(m.role).second, m.role);
    }
  }
  BOOST_TEST(names.size() == 13u);
  // The manifest roles the generator writes (gen/generator.cpp); test_gen_output checks the
  // manifest has exactly these.
  BOOST_TEST((roles == std::set<std::string>{"butterfly", "fft", "ifft", "twiddle_rom", "mac_lane",
                                             "peripheral", "lstm_cell"}));
}

BOOST_AUTO_TEST_CASE(shared_ifft_and_unrolled_fft_drop_their_units) {
  const std::string cfg = std::string(CIRCA_SOURCE_DIR) + "/configs/default.yaml";
  const AcceleratorSpec shared = load_accelerator(cfg, {{"fft.shared_ifft", "true"}}).spec;
  BOOST_TEST(!arch::unit(arch::UnitId::ifft).present(shared));
  const AcceleratorSpec unrolled =
      load_accelerator(cfg, {{"fft.style", "unrolled"}, {"fft.samples_per_cycle", "64"}}).spec;
  BOOST_TEST(!arch::unit(arch::UnitId::twiddle_rom).present(unrolled));
  BOOST_TEST(!arch::unit(arch::UnitId::twiddle_rom).energy->applies(unrolled));
  BOOST_TEST(arch::unit(arch::UnitId::ifft).energy->applies(shared));
}
