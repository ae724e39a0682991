// Off-chip timing against numbers worked out by hand from configs/default.yaml.
#include <boost/test/unit_test.hpp>

#include "../default_spec.hpp"
#include "arch/offchip.hpp"

using namespace circa;

BOOST_AUTO_TEST_CASE(default_offchip_timing_by_hand) {
  // 100 ns at 800 MHz: 80 cycles; 12.8 GB/s at 800 MHz: 16 bytes/cycle; 64-byte bursts, 16
  // outstanding requests (the declared defaults).
  const arch::OffchipTiming t = arch::offchip_timing(test::default_spec());
  BOOST_TEST(t.latency_cycles == 80);
  BOOST_TEST(t.bytes_per_cycle == 16.0);
  BOOST_TEST(t.burst_bytes == 64);
  BOOST_TEST(t.max_outstanding == 16);
  BOOST_TEST(arch::bus_bytes(t, 1) == 64);
  BOOST_TEST(arch::bus_bytes(t, 128) == 128);
  BOOST_TEST(arch::bus_bytes(t, 129) == 192);
}

BOOST_AUTO_TEST_CASE(latency_rounds_up_and_exact_ratios_do_not) {
  // 30 ns at 800 MHz is exactly 24 cycles; 30.1 ns is 24.08, rounded up to 25.
  BOOST_TEST(
      arch::offchip_timing(test::default_spec({{"offchip.latency_ns", "30"}})).latency_cycles ==
      24);
  BOOST_TEST(
      arch::offchip_timing(test::default_spec({{"offchip.latency_ns", "30.1"}})).latency_cycles ==
      25);
  BOOST_TEST(arch::ceil_ratio(256.0, 25.6) == 10);  // not 11 from the last bit of 256 / 25.6
  BOOST_TEST(arch::ceil_ratio(257.0, 25.6) == 11);
}

BOOST_AUTO_TEST_CASE(issue_bytes_by_hand) {
  // default: 32 slots of 32-bit complex words per block: 128 bytes per block.
  const AcceleratorSpec s = test::default_spec();
  const arch::MacTiming m = arch::mac_timing(s, s.block_size);
  BOOST_TEST(arch::issue_bytes(m, 1) == 128);
  BOOST_TEST(arch::issue_bytes(m, 3) == 384);
  // 11-bit weights, half_complex: 33 slots of 22-bit words = 726 bits = 90.75 bytes, so 91.
  const AcceleratorSpec h = test::default_spec({{"formats.weight.bits", "11"},
                                                {"formats.weight.frac", "9"},
                                                {"weight_sram.layout", "half_complex"}});
  BOOST_TEST(arch::issue_bytes(arch::mac_timing(h, h.block_size), 1) == 91);
}
