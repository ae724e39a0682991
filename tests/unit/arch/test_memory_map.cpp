// The memory map against shapes worked out by hand from configs/default.yaml (the weight-stream
// FIFO's depth from the off-chip timing), and weight residency decided in the rows the RTL has
// (padding included), not in bytes.
#define BOOST_TEST_MODULE arch
#include <boost/test/unit_test.hpp>

#include "../default_spec.hpp"
#include "arch/memory_map.hpp"
#include "arch/microarch.hpp"

using namespace circa;

namespace {

AcceleratorSpec spec(const std::vector<Override>& o = {}) {
  return test::default_spec(o);
}
Workload fc(int in, int out) {
  return test::one_fc(in, out);
}

}  // namespace

// default: k = 64, 4 samples/cycle (16 beats), 8 lanes, 16-bit weights (32-bit complex words),
// packed_real (32 words/block: 1 block per issue in 4 cycles), weight SRAM 256 KiB in 4 banks of
// 128-bit words, 2 accumulator banks, activation buffer 64 KiB, 16-bit inputs and outputs.
BOOST_AUTO_TEST_CASE(default_shapes_by_hand) {
  const arch::MemoryMap m = arch::memory_map(spec());
  BOOST_TEST(m.weight_sram.banks == 4);
  BOOST_TEST(m.weight_sram.depth == 4096);  // 256 KiB * 8192 bits / 4 banks / 128 bits
  BOOST_TEST(m.weight_sram.word_bits == 128);
  // A row = 8 lanes x 32 bits = 256 bits = 2 banks side by side; 2 groups of banks.
  BOOST_TEST(m.weight_rows.banks_per_row == 2);
  BOOST_TEST(m.weight_rows.bank_groups == 2);
  BOOST_TEST(m.weight_rows.row_bits == 256);
  BOOST_TEST(m.weight_rows.rows == 8192);
  BOOST_TEST(m.weight_rows.row_fits);
  // Stream FIFO: an issue is 1 block x 32 words x 32 bits = 128 bytes = 2 bursts of 64 (128 on
  // the bus). 100 ns at 800 MHz = 80 cycles at 12.8 GB/s / 800 MHz = 16 bytes/cycle: 1280 bytes
  // in flight = 10 issues (under the 16 outstanding). 3 + 10 = 13 issues x 4 rows = 52 rows,
  // rounded up to 64 rows of 256 bits.
  BOOST_TEST(arch::stream_fifo_issues(spec()) == 13);
  BOOST_TEST(m.weight_stream_fifo.depth == 64);
  BOOST_TEST(m.weight_stream_fifo.word_bits == 256);
  // Requests address 1024 groups x 1024 input blocks x 4 rows.
  BOOST_TEST(m.max_stream_rows == 4194304);
  // Per lane: 2 accumulator banks x 4 issue cycles of (re, im) x 32 bits.
  BOOST_TEST(m.accumulators.depth == 8);
  BOOST_TEST(m.accumulators.word_bits == 64);
  // Half of 256 KiB for inputs: 1048576 bits / (64 x 16) = 1024 blocks, the same for outputs.
  BOOST_TEST(m.max_q == 1024);
  BOOST_TEST(m.max_p == 1024);
  BOOST_TEST(m.input_buffer.depth == 1024 * 16);
  BOOST_TEST(m.input_buffer.word_bits == 4 * 16);
  BOOST_TEST(m.spectrum_buffer.word_bits == 32 * 2 * 18);  // 32 words of 18-bit (re, im)
  BOOST_TEST(!m.spectrum_buffer.single_port());
  BOOST_TEST(m.output_banks.banks == 4);
  BOOST_TEST(!m.output_banks.single_port());  // pooling reads while it writes
  BOOST_TEST(m.line_buffer.depth == 0);       // recompute: no line buffer of spectra
  BOOST_TEST(m.all().size() == 9u);
}

BOOST_AUTO_TEST_CASE(stream_fifo_depth_by_hand) {
  // No latency: nothing in flight, 3 issues x 4 rows = 12, so 16 rows.
  BOOST_TEST(arch::memory_map(spec({{"offchip.latency_ns", "0"}})).weight_stream_fifo.depth == 16);
  // 4 outstanding caps the 10 issues of the default: 7 issues x 4 = 28, so 32 rows.
  BOOST_TEST(arch::memory_map(spec({{"offchip.max_outstanding", "4"}})).weight_stream_fifo.depth ==
             32);
  // 96-byte bursts: a 128-byte issue moves 192 bytes; 1280 / 192 = 6.67, so 7 issues in flight;
  // 10 x 4 = 40, so 64 rows.
  BOOST_TEST(arch::stream_fifo_issues(spec({{"offchip.burst_bytes", "96"}})) == 10);
  BOOST_TEST(arch::memory_map(spec({{"offchip.burst_bytes", "96"}})).weight_stream_fifo.depth ==
             64);
  // 64 lanes: 2 blocks per issue in 1 cycle, 256 bytes (4 bursts); 1280 / 256 = 5 issues in
  // flight, 8 issues of one row: 8 rows. Requests address 512 groups x 1024 x 1 rows.
  const arch::MemoryMap w = arch::memory_map(spec({{"mac.lanes", "64"}}));
  BOOST_TEST(w.weight_stream_fifo.depth == 8);
  BOOST_TEST(w.max_stream_rows == 524288);
}

BOOST_AUTO_TEST_CASE(lenet_first_layer_rows_by_hand) {
  // 784 x 300: q = 13, p = 5 blocks; one block per issue: 5 groups x 13 x 4 rows.
  const AcceleratorSpec s = spec();
  const auto plans = arch::plan_workload(s, fc(784, 300));
  BOOST_TEST(plans[0].weight_rows == 260);
  BOOST_TEST(plans[0].weights_on_chip);
}

BOOST_AUTO_TEST_CASE(residency_is_decided_in_padded_rows) {
  // 96-bit words: a 256-bit row needs 3 words, padded to 4 banks (384 bits, a third padding);
  // one bank group of depth 262144 bytes * 8 / 4 banks / 96 bits = 5461 rows.
  const AcceleratorSpec s = spec({{"weight_sram.word_bits", "96"}});
  const arch::MemoryMap m = arch::memory_map(s);
  BOOST_TEST(m.weight_rows.banks_per_row == 4);
  BOOST_TEST(m.weight_rows.rows == 5461);
  // 1920 x 3200: q = 30, p = 50: 6000 rows, 192000 bytes of weights. By bytes it would fit the
  // 262144-byte SRAM; in the rows the RTL has it does not, so it streams.
  const auto plans = arch::plan_workload(s, fc(1920, 3200));
  BOOST_TEST(plans[0].weight_bytes == 192000);
  BOOST_TEST(plans[0].weight_rows == 6000);
  BOOST_TEST(!plans[0].weights_on_chip);
  // p = 45 takes 30 x 45 x 4 = 5400 rows and is resident.
  BOOST_TEST(arch::plan_workload(s, fc(1920, 45 * 64))[0].weights_on_chip);
}

BOOST_AUTO_TEST_CASE(row_access_by_hand) {
  // default: a 256-bit row = banks 0-1 (group 0) or 2-3 (group 1), rows alternating, 1 cycle.
  const arch::MemoryMap m = arch::memory_map(spec());
  const arch::RowAccess r5 = arch::row_access(m, 5);
  BOOST_TEST(r5.first_bank == 2);
  BOOST_TEST(r5.banks == 2);
  BOOST_TEST(r5.words_per_bank == 1);
  BOOST_TEST(r5.cycles == 1);
  BOOST_TEST(arch::row_access(m, 6).first_bank == 0);
  // 16 lanes x 32 bits = 512 bits over 2 banks of 64 bits: 8 words, 4 from each bank. One
  // read/write port: 4 cycles a row; with a read port beside it, 2.
  const AcceleratorSpec narrow = spec({{"mac.lanes", "16"},
                                       {"weight_sram.banks", "2"},
                                       {"weight_sram.word_bits", "64"}});
  const arch::RowAccess w = arch::row_access(arch::memory_map(narrow), 3);
  BOOST_TEST(!arch::memory_map(narrow).weight_rows.row_fits);
  BOOST_TEST(w.first_bank == 0);
  BOOST_TEST(w.banks == 2);
  BOOST_TEST(w.words_per_bank == 4);
  BOOST_TEST(w.cycles == 4);
  AcceleratorSpec two = narrow;
  two.weight_sram.read_ports = 1;
  BOOST_TEST(arch::row_access(arch::memory_map(two), 3).cycles == 2);
}

BOOST_AUTO_TEST_CASE(resident_layers_sit_one_after_another) {
  // LeNet-style: 784 x 300 takes rows 0-259, 300 x 100 (q = 5, p = 2) the next 40.
  const auto plans = arch::plan_workload(spec(), [] {
    Workload w = fc(784, 300);
    w.layers.push_back(fc(300, 100).layers[0]);
    return w;
  }());
  BOOST_TEST(plans[0].weight_base_row == 0);
  BOOST_TEST(plans[1].weight_base_row == 260);
  BOOST_TEST(plans[1].weight_rows == 40);
}

BOOST_AUTO_TEST_CASE(parts_read_alone_equal_the_whole_maps) {
  // buffer_blocks and weight_stream_fifo_depth (what the layer program's widths, the conv check
  // and the FIFO's inventory read instead of a whole map) against the map's own fields.
  for (const std::vector<Override>& o :
       std::vector<std::vector<Override>>{{},
                                          {{"block_size", "8"}},
                                          {{"block_size", "128"}, {"mac.lanes", "32"}},
                                          {{"activation_buffer.capacity_kib", "16"}},
                                          {{"controller.bias_kib", "1"}},
                                          {{"offchip.latency_ns", "0"}},
                                          {{"offchip.burst_bytes", "96"}, {"clock_mhz", "333"}}}) {
    const AcceleratorSpec s = spec(o);
    const arch::MemoryMap m = arch::memory_map(s);
    const arch::BufferBlocks b = arch::buffer_blocks(s);
    BOOST_TEST(b.max_q == m.max_q);
    BOOST_TEST(b.max_p == m.max_p);
    BOOST_TEST(b.max_bias_blocks == m.max_bias_blocks);
    BOOST_TEST(arch::weight_stream_fifo_depth(s) == m.weight_stream_fifo.depth);
  }
}
