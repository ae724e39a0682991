// Component: the weight SRAM (bandwidth: an issue every ceil(bits / (banks x ports x width))
// cycles; word reads striped round-robin over the banks) and the off-chip interface (an issue
// offered exactly when its last byte has arrived: latency + bytes / bandwidth), each against
// an always-ready consumer, and with random stalls (same reads, later cycles).
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "sysc/weight_source.hpp"
#include "testbench.hpp"

namespace bdata = boost::unit_test::data;
using namespace circa;

namespace {

template <class Source>
nlohmann::json source_run(const AcceleratorSpec& s, int p, double stall) {
  const int k = s.block_size, q = 5;
  test::Bench b(s, test::fc_layer(k, q, p), stall);
  auto& cmd = b.link<sysc::Command>("cmd");
  auto& tiles = b.link<sysc::WeightTile>("tiles");
  auto& src = b.unit(new Source("source", b.ctx, b.prog, cmd, tiles));
  const sysc::LayerProgram& lp = b.prog.layers[0];
  int64_t t0 = 0;
  std::vector<int64_t> t;
  b.driver("control", [&] { t0 = cmd.push(sysc::Command{0, 0}); });
  b.driver("mac", [&] {
    for (int n = 0; n < lp.plan.groups * q; ++n) {
      tiles.pop();
      t.push_back(b.ctx.cycle());
    }
  });
  b.run(1000000);
  (void)src;
  return {{"t0", t0}, {"t", t}, {"reads", lp.events.sram_reads_per_bank},
          {"bytes", lp.events.offchip_bytes}, {"on_chip", lp.plan.weights_on_chip}};
}

}  // namespace

BOOST_DATA_TEST_CASE(weight_sram_bandwidth_and_banks, bdata::make({0.0, 0.3}), stall) {
  // 2 banks x 64 bits: an issue of 32 slots x 32 bits streams in 8 cycles over 16 words.
  const AcceleratorSpec s = test::accelerator({{"weight_sram.banks", "2"}, {"weight_sram.word_bits", "64"}});
  const nlohmann::json r = test::run_component([&] { return source_run<sysc::WeightSram>(s, 2, stall); });
  BOOST_TEST(r["on_chip"].get<bool>());
  const auto t = r["t"].get<std::vector<int64_t>>();
  BOOST_TEST(t.size() == 10u);
  // 10 issues x 16 words, round-robin over 2 banks: 80 reads each.
  BOOST_TEST(r["reads"].get<std::vector<int64_t>>() == (std::vector<int64_t>{80, 80}));
  for (size_t n = 0; n < t.size(); ++n) {
    const int64_t expected = r["t0"].get<int64_t>() + static_cast<int64_t>(n) * 8;
    if (stall == 0.0)
      BOOST_TEST(t[n] == expected);  // the consumer was ready before: not at expected - 1
    else
      BOOST_TEST(t[n] >= expected);
  }
}

BOOST_DATA_TEST_CASE(offchip_latency_and_bandwidth, bdata::make({0.0, 0.3}), stall) {
  const AcceleratorSpec s = test::accelerator({{"weight_sram.capacity_kib", "2"},
                                               {"offchip.bandwidth_gb_per_s", "3.2"}});
  const nlohmann::json r = test::run_component([&] { return source_run<sysc::OffchipInterface>(s, 4, stall); });
  BOOST_TEST(!r["on_chip"].get<bool>());  // 20 issues x 128 bytes > 2 KiB
  // By hand from SCHEDULE.md "Weights that do not fit", default.yaml's 800 MHz and 100 ns:
  // L = ceil(100 ns x 800 MHz / 1000) = 80 cycles, R = 3.2 GB/s x 1000 / 800 MHz = 4 bytes per
  // cycle; an issue is 32 slots x 32 bits = 128 bytes = 32 cycles of stream, so issue n is
  // offered when its last byte is in: t0 + 80 + 32 (n + 1), i.e. 112, 144, ..., 720.
  const auto t = r["t"].get<std::vector<int64_t>>();
  BOOST_TEST(t.size() == 20u);
  for (size_t n = 0; n < t.size(); ++n) {
    const int64_t expected = r["t0"].get<int64_t>() + 80 + 32 * static_cast<int64_t>(n + 1);
    if (stall == 0.0)
      BOOST_TEST(t[n] == expected);
    else
      BOOST_TEST(t[n] >= expected);
  }
  BOOST_TEST(r["bytes"].get<int64_t>() == 20 * 128);
}
