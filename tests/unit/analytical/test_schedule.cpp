// The analytical model on hand-computed cases: SCHEDULE.md's recurrence step by step, the
// off-chip arrival rule, bank striping and per-product events.
#define BOOST_TEST_MODULE analytical
#include <boost/test/unit_test.hpp>

#include "../default_spec.hpp"
#include "analytical/estimate.hpp"
#include "analytical/offchip.hpp"
#include "analytical/schedule.hpp"
#include "arch/memory_map.hpp"
#include "common/error.hpp"

using namespace circa;

namespace {

AcceleratorSpec spec(const std::vector<Override>& o = {}) {
  return test::default_spec(o);
}
Workload fc(int in, int out) {
  return test::one_fc(in, out);
}

}  // namespace

// default: k=64, pipelined, 4 samples/cycle: beats 16, latency 16 + 6, ii 16; packed_real:
// 32 slots, 8 lanes: P=1, issue 4 cycles; SRAM 4 banks x 128 bits: a 1024-bit issue takes 2.
BOOST_AUTO_TEST_CASE(one_group_by_hand) {
  const AcceleratorSpec s = spec();
  const Workload w = fc(100, 10);  // q = 2, p = 1
  const arch::LayerPlan pl = arch::plan_workload(s, w)[0];
  const ana::ProductSchedule ps = ana::product_schedule(s, w.layers[0], pl);
  BOOST_TEST(ps.phase_a == 16 + 22 + 16);  // span(2)
  BOOST_TEST(ps.groups.size() == 1u);
  BOOST_TEST(ps.groups[0].mac_start == 54);
  BOOST_TEST(ps.groups[0].mac_end == 54 + 2 * 4);
  BOOST_TEST(ps.groups[0].ready == 62 + arch::kMacLatency);
  BOOST_TEST(ps.groups[0].ifft_start == 64);
  BOOST_TEST(ps.total == 64 + 22 + 16 + arch::kPeripheralLatency);
  BOOST_TEST(ana::estimate(s, w).cycles == ps.total);
}

// The same layer with weight_sram.read_latency 3: a row read in cycle t reaches the MAC lanes at
// t + 3, not t + 1, so the accumulators are final 3 - 1 = 2 cycles later, R_0 = 62 +
// kMacLatency + 2 = 66, and the product ends 2 cycles later too. Streamed weights come from the
// stream FIFO and keep R = mac_end + kMacLatency.
BOOST_AUTO_TEST_CASE(weight_read_latency_delays_the_accumulators_by_l_minus_1) {
  const Workload w = fc(100, 10);
  const AcceleratorSpec s = spec({{"weight_sram.read_latency", "3"}});
  const arch::LayerPlan pl = arch::plan_workload(s, w)[0];
  const ana::ProductSchedule ps = ana::product_schedule(s, w.layers[0], pl);
  BOOST_TEST(ps.groups[0].mac_end == 62);
  BOOST_TEST(ps.groups[0].ready == 62 + arch::kMacLatency + 2);
  BOOST_TEST(ps.total == 66 + 22 + 16 + arch::kPeripheralLatency);
  const AcceleratorSpec streamed =
      spec({{"weight_sram.read_latency", "3"}, {"weight_sram.capacity_kib", "2"}});
  const Workload big = fc(2560, 10);  // 40 x 4 rows: more than 2 KiB holds
  const arch::LayerPlan sp = arch::plan_workload(streamed, big)[0];
  BOOST_TEST_REQUIRE(!sp.weights_on_chip);
  const ana::ProductSchedule ss = ana::product_schedule(streamed, big.layers[0], sp);
  BOOST_TEST(ss.groups[0].ready == ss.groups[0].mac_end + arch::kMacLatency);
}

// weight_sram.read_latency 0 means "derive it from the timing" (eval::apply_timing_policy): a
// spec that reaches the schedule unresolved is refused, not run at a latency nobody chose.
BOOST_AUTO_TEST_CASE(an_unresolved_read_latency_is_refused) {
  const AcceleratorSpec loaded =
      load_accelerator(std::string(CIRCA_SOURCE_DIR) + "/configs/default.yaml").spec;
  BOOST_TEST_REQUIRE(loaded.weight_sram.read_latency == 0);
  BOOST_CHECK_THROW(ana::estimate(loaded, fc(100, 10)), InternalError);
  BOOST_TEST(spec().weight_sram.read_latency == 1);  // resolved: the 800 MHz read takes one
}

// One accumulator bank: group 1 waits until the IFFT has read group 0 (I_0 + beats).
BOOST_AUTO_TEST_CASE(bank_reuse_waits_for_the_ifft) {
  const AcceleratorSpec s = spec({{"mac.accumulator_banks", "1"}});
  const Workload w = fc(64, 128);  // q = 1, p = 2, P = 1: two groups
  const arch::LayerPlan pl = arch::plan_workload(s, w)[0];
  const ana::ProductSchedule ps = ana::product_schedule(s, w.layers[0], pl);
  BOOST_TEST(ps.groups.size() == 2u);
  const ana::GroupTimes& g0 = ps.groups[0];
  BOOST_TEST(ps.groups[1].mac_start == g0.ifft_start + pl.fft.beats);
  BOOST_TEST(ps.groups[1].mac_start > g0.mac_end);
  // With two banks the MAC runs on at once.
  const AcceleratorSpec s2 = spec();
  const ana::ProductSchedule p2 =
      ana::product_schedule(s2, w.layers[0], arch::plan_workload(s2, w)[0]);
  BOOST_TEST(p2.groups[1].mac_start == p2.groups[0].mac_end);
  BOOST_TEST(p2.total < ps.total);
}

BOOST_AUTO_TEST_CASE(offchip_arrival) {
  // By hand from SCHEDULE.md on default.yaml: L = 80 cycles, R = 16 bytes/cycle, 64-byte bursts,
  // 16 open requests; an issue (P = 1 block of 32 slots x 32 bits) is 128 bytes in ic = 4 rows;
  // the FIFO holds 64 rows (3 + min(16, ceil(80 x 16 / 128)) = 13 issues -> 52 -> 64).
  // Request n goes out in cycle n; its bytes cross from max(n + 80, 80 + 8n) = 80 + 8n, a row
  // every 2 cycles, the last at 88 + 8n; the issue may start two cycles later: 90 + 8n.
  const AcceleratorSpec s = spec();
  const Workload w = fc(4096, 4096);
  const arch::LayerPlan pl = arch::plan_workload(s, w)[0];
  ana::OffchipStream st(s, pl, arch::memory_map(s));
  std::vector<int64_t> starts;
  for (int n = 0; n < 21; ++n) {
    starts.push_back(st.issue_ready(1, starts));
    BOOST_TEST(starts.back() == 90 + 8 * n);
  }
  BOOST_TEST(st.bytes() == 21 * 128);
  // A partial issue still moves whole bursts: 1 block of 16 slots (64 bytes) is one burst.
  ana::OffchipStream st2(s, pl, arch::memory_map(s));
  std::vector<int64_t> none;
  st2.issue_ready(1, none);
  BOOST_TEST(st2.bytes() == 128);
}

BOOST_AUTO_TEST_CASE(streamed_layer_is_bandwidth_bound) {
  const AcceleratorSpec s = spec();
  const Workload w = fc(4096, 4096);  // 512 KiB of spectra > 256 KiB: streamed
  const arch::LayerPlan pl = arch::plan_workload(s, w)[0];
  BOOST_TEST(!pl.weights_on_chip);
  const ana::ProductSchedule ps = ana::product_schedule(s, w.layers[0], pl);
  // By hand: phase A is span(64) = 63 x 16 + 38 = 1046 cycles, while the stream fills the
  // 64-row FIFO (16 issues, ready by 90 + 8n: see offchip_arrival) and stops. Issues 0-15 start
  // at 1046 + 4n. Request 16 waits for FIFO room, the MAC's read of issue 0's fourth row: cycle
  // 1046 + 3; its bytes cross from 1049 + 80 = 1129 (the bus idled), its last row arrives at
  // 1137: issue 16 starts at 1139. From there the bus never idles again (request n goes out at
  // S(n-16) + 3, 80 cycles ahead of the bus), so issue n starts at 1139 + 8(n - 16) and the
  // last, n = 4095, at 33771; the MAC is done 4 cycles later.
  BOOST_TEST(ps.phase_a == 1046);
  BOOST_TEST(ps.issue_starts.at(15) == 1046 + 60);
  BOOST_TEST(ps.issue_starts.at(16) == 1139);
  BOOST_TEST(ps.groups.back().mac_end == 33771 + pl.mac.issue_cycles);
  const arch::Events e = ana::product_events(s, pl);
  BOOST_TEST(e.offchip_bytes == pl.weight_bytes);
  BOOST_TEST(e.sram_reads() == 0);
}

BOOST_AUTO_TEST_CASE(events_of_one_product) {
  const AcceleratorSpec s = spec();
  const Workload w = fc(100, 130);  // k=64: q=2, p=3, slots 32
  const arch::LayerPlan pl = arch::plan_workload(s, w)[0];
  const arch::Events e = ana::product_events(s, pl);
  BOOST_TEST(e.fft_forward == 2);
  BOOST_TEST(e.fft_inverse == 3);
  BOOST_TEST(e.butterflies == 5 * 32 * 6);
  BOOST_TEST(e.complex_macs == 3 * 2 * 32);
  BOOST_TEST(e.act_sample_reads == 2 * 64);
  BOOST_TEST(e.act_spectrum_writes == 2 * 33);
  BOOST_TEST(e.act_spectrum_reads == 3 * 2 * 32);
  BOOST_TEST(e.act_output_writes == 130);
  // A row is 8 lanes x 32 bits = 2 banks of 128 bits; 4 banks = 2 groups, rows alternate
  // between them from row 0. 6 issues x 4 rows = 24 rows: 12 in each group, one word of each of
  // its 2 banks per row.
  BOOST_TEST(e.sram_reads_per_bank == std::vector<int64_t>({12, 12, 12, 12}));
  BOOST_TEST(e.sram_read_bits == 48 * 128);
  const arch::MemoryMap m = arch::memory_map(s);
  // Rows 3..9: the odd ones (3, 5, 7, 9) in group 1 (banks 2, 3), the even ones in group 0.
  BOOST_TEST(ana::row_accesses_per_bank(m, 3, 7) == std::vector<int64_t>({3, 3, 4, 4}));
  BOOST_TEST(ana::config_writes(s, pl) == std::vector<int64_t>({12, 12, 12, 12}));
}

// Output-bank events of a pooled conv layer, by hand: 5 output channels (rows = 5) on a 5 x 5
// output (a 5 x 5 image, 3 x 3 kernel, padding 1). Unpooled every pixel writes: 25 x 5 = 125.
// Pooled to 2 x 2: 4 whole windows, each writing 4 pixels (16 x 5 = 80) and reading back 3
// (12 x 5 = 60); the 9 pixels of the last row and column write nothing.
BOOST_AUTO_TEST_CASE(pooling_counts_its_reads_and_drops_an_odd_edge) {
  const AcceleratorSpec s = spec();
  Layer c;
  c.name = "conv";
  c.kind = LayerKind::conv;
  c.in_channels = 3, c.out_channels = 5, c.in_height = c.in_width = 5;
  c.kernel = 3, c.padding = 1;
  Workload w;
  w.name = "pool";
  w.layers = {c};
  arch::Events e = ana::estimate(s, w).events;
  BOOST_TEST(e.act_output_writes == 125);
  BOOST_TEST(e.act_pool_reads == 0);
  w.layers[0].pool = Pooling::max2;
  e = ana::estimate(s, w).events;
  BOOST_TEST(e.act_output_writes == 80);
  BOOST_TEST(e.act_pool_reads == 60);
}
