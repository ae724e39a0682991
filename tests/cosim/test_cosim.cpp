// `circa cosim` end to end: the Verilated generated top against the SystemC model of the same top
// (sysc/pin_top.hpp), under seeded random input gaps, output back-pressure and off-chip stalls.
// Each case runs in a forked child (SystemC elaborates once per process); the Verilated models are
// cached in cosim-cache/ of the test's working directory. The `matrix` suite covers k = 4, 8, 16,
// 64 and 256 with every FFT style, 1 to 16 lanes, 1 to 3 accumulator banks, 8- to 20-bit formats,
// both layouts, stall rates 0 to 0.5, resident as well as off-chip-streamed weights (compute- and
// bandwidth- bound, one open request, bursts larger than an issue), S*S > k, every weight-SRAM port
// mix (1 rw, 1r + 1w, 2 rw, 1 rw + 1 r) and padded weight rows; each matrix top is also Verilator
// -Wall lint-clean.
#define BOOST_TEST_MODULE cosim
#include <boost/test/unit_test.hpp>

#include "cosim_cases.hpp"

namespace {
using namespace circa::cosim_test;

/// One matrix point: `config` (under configs/) with overrides, an fc layer in -> out, a stall rate.
void matrix_point(const std::string& config, std::vector<std::string> overrides, int in, int out,
                  double stall, uint64_t seed) {
  CosimOptions o = options(std::move(overrides), seed, "matrix.vcd");
  o.config = kSrc + "/configs/" + config;
  o.stall = stall;
  circa::Layer l;
  l.name = "fc";
  l.in_features = in;
  l.out_features = out;
  l.activation = seed % 2 ? circa::Activation::relu : circa::Activation::none;
  l.bias = seed % 3 != 0;
  const Outcome c = cosim(o, &l);
  BOOST_TEST(c.ok, c.report);
  BOOST_TEST(c.mismatch_cycle == -1);
  BOOST_TEST(c.products == o.products);
  BOOST_TEST(c.outputs > 0);
  expect_lint_clean(c.build_dir);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(matrix)

BOOST_AUTO_TEST_CASE(k4_unrolled_2_lanes_10_bit_no_stall) {
  matrix_point("default.yaml",
               {"block_size=4", "fft.style=unrolled", "fft.samples_per_cycle=4", "mac.lanes=2",
                "formats.input.bits=10", "formats.input.frac=7", "formats.output.bits=10",
                "formats.output.frac=6"},
               14, 10, 0.0, 11);
}

BOOST_AUTO_TEST_CASE(k4_iterative_1_lane_half_stall) {
  matrix_point("default.yaml",
               {"block_size=4", "fft.style=iterative", "fft.samples_per_cycle=2", "mac.lanes=1",
                "mac.accumulator_banks=1", "weight_sram.layout=half_complex"},
               12, 7, 0.5, 12);
}

BOOST_AUTO_TEST_CASE(k8_clstm_fpga_s16_8) {
  matrix_point("clstm_fpga.yaml", {}, 64, 40, 0.25, 13);
}

BOOST_AUTO_TEST_CASE(k16_pipelined_own_ifft_half_complex) {
  matrix_point("small.yaml",
               {"fft.shared_ifft=false", "weight_sram.layout=half_complex", "fft.stage_latency=2"},
               40, 28, 0.25, 14);
}

BOOST_AUTO_TEST_CASE(k16_unrolled_16_lanes_8_bit_wrap) {
  matrix_point("small.yaml",
               {"fft.style=unrolled", "fft.samples_per_cycle=16", "mac.lanes=16",
                "weight_sram.word_bits=256", "weight_sram.banks=4", "formats.output.bits=8",
                "formats.output.frac=4", "formats.output.overflow=wrap", "formats.weight.bits=12",
                "formats.weight.frac=10"},
               33, 47, 0.0, 15);
}

BOOST_AUTO_TEST_CASE(k64_default) {
  matrix_point("default.yaml", {}, 200, 130, 0.25, 16);
}

BOOST_AUTO_TEST_CASE(k64_iterative_2_lanes_12_bit_3_banks_q1) {
  matrix_point("default.yaml",
               {"fft.style=iterative", "fft.samples_per_cycle=8", "mac.lanes=2",
                "mac.accumulator_banks=3", "formats.input.bits=12", "formats.input.frac=9",
                "formats.fft.bits=14", "formats.fft.frac=10", "formats.weight.bits=12",
                "formats.weight.frac=10", "formats.output.bits=12", "formats.output.frac=8",
                "formats.input.rounding=truncate", "formats.fft.rounding=nearest_even"},
               64, 64, 0.5, 17);
}

BOOST_AUTO_TEST_CASE(k256_pipelined_16_lanes) {
  matrix_point("default.yaml", {"block_size=256", "mac.lanes=16"}, 500, 300, 0.25, 18);
}

BOOST_AUTO_TEST_CASE(k256_iterative_4_lanes_20_bit_inverse_scaling_q1) {
  matrix_point("default.yaml",
               {"block_size=256", "fft.style=iterative", "fft.samples_per_cycle=16", "mac.lanes=4",
                "weight_sram.layout=half_complex", "fft.scaling=inverse", "formats.input.bits=20",
                "formats.input.frac=16", "formats.fft.bits=24", "formats.fft.frac=18"},
               256, 256, 0.0, 19);
}

BOOST_AUTO_TEST_CASE(k64_default_weights_streamed_off_chip) {
  matrix_point("default.yaml",
               {"weight_sram.capacity_kib=2", "weight_sram.read_latency=1", "weight_sram.banks=2"},
               600, 400, 0.25, 20);
}

BOOST_AUTO_TEST_CASE(k16_iterative_bandwidth_bound_stream) {
  matrix_point("small.yaml",
               {"fft.style=iterative", "weight_sram.capacity_kib=1", "weight_sram.read_latency=1",
                "weight_sram.banks=2", "weight_sram.word_bits=64", "offchip.latency_ns=10",
                "offchip.bandwidth_gb_per_s=1"},
               100, 90, 0.0, 21);
}

BOOST_AUTO_TEST_CASE(k8_pipelined_4_samples_1r1w_sram) {  // S*S > k
  matrix_point(
      "default.yaml",
      {"block_size=8", "fft.samples_per_cycle=4", "mac.lanes=4", "weight_sram.read_write_ports=0",
       "weight_sram.read_ports=1", "weight_sram.write_ports=1"},
      50, 30, 0.25, 22);
}

BOOST_AUTO_TEST_CASE(k32_pipelined_16_samples_2rw_sram_streamed) {  // S*S > k, 2 beats
  matrix_point(
      "default.yaml",
      {"block_size=32", "fft.samples_per_cycle=16", "mac.lanes=2", "weight_sram.read_write_ports=2",
       "weight_sram.capacity_kib=2", "weight_sram.read_latency=1", "weight_sram.banks=2",
       "offchip.bandwidth_gb_per_s=3.2"},
      300, 200, 0.25, 23);
}

BOOST_AUTO_TEST_CASE(k64_16_lanes_12_bit_weights_padded_rows) {  // 384-bit rows on 4 banks
  matrix_point("default.yaml", {"mac.lanes=16", "formats.weight.bits=12", "formats.weight.frac=10"},
               150, 100, 0.25, 24);
}

BOOST_AUTO_TEST_CASE(k16_1rw_1r_sram_streamed_one_open_request_256_byte_bursts) {
  matrix_point("small.yaml",
               {"weight_sram.read_ports=1", "weight_sram.capacity_kib=1",
                "weight_sram.read_latency=1", "weight_sram.banks=2", "weight_sram.word_bits=64",
                "offchip.max_outstanding=1", "offchip.burst_bytes=256", "offchip.latency_ns=40"},
               120, 70, 0.25, 25);
}
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(small_config_agrees) {
  expect_agreement(options({}, 1, "small.vcd"));
}

BOOST_AUTO_TEST_CASE(small_config_other_seed_agrees) {
  expect_agreement(options({}, 7, "small_seed7.vcd"));
}

BOOST_AUTO_TEST_CASE(four_samples_per_cycle_agrees) {
  expect_agreement(options({"fft.samples_per_cycle=4"}, 3, "s4.vcd"));
}

BOOST_AUTO_TEST_CASE(wide_layer_agrees) {
  expect_agreement(options({}, 5, "wide.vcd", "fc_wide.yaml"));
}

// A whole LeNet-300-100 inference: three layers, each configured through the w_*/b_* ports and
// fed the RTL's output of the layer before; per-layer T of both tops as worked out by hand.
BOOST_AUTO_TEST_CASE(lenet300_inference_agrees) {
  CosimOptions o = options({}, 2, "lenet.vcd");
  o.config = kSrc + "/configs/default.yaml";
  o.workload = kSrc + "/workloads/lenet300.yaml";
  o.products = 1;
  const Outcome c = cosim(o);
  BOOST_TEST(c.ok, c.report);
  BOOST_TEST(c.products == 1);  // one start runs the whole network
  // T per layer by hand from sim/arch/SCHEDULE.md on default.yaml: k = 64 pipelined FFT at 4
  // samples/cycle: beats 16, ii 16, latency 16 + 6 stages = 22, span(n) = (n-1)*16 + 38. MAC:
  // 32 packed-real slots, 8 lanes: P = 1, issue 4 cycles, SRAM 4 x 128 bits gives 1024 bits in
  // 2, so c = 4; kMacLatency 2, kPeripheralLatency 1, 2 accumulator banks; weights on chip.
  //   fc1 (q 13, p 5): A = span(13) = 230; M_g = 230 + 52g (the bank-free term I_{g-2} + 16
  //     never binds); R_g = M_g + 13*4 + 2 = 284 + 52g = I_g; D_g = I_g + span(1) + 1 = I_g + 39;
  //     T = D_4 = 492 + 39 = 531.
  //   fc2 (q 5, p 2): A = span(5) = 102; R_0 = 102 + 20 + 2 = 124, D_0 = 163;
  //     M_1 = 122, R_1 = 144 = I_1 (I_0 + 16 = 140 is earlier), T = 144 + 39 = 183.
  //   fc3 (q 2, p 1): A = span(2) = 54; R_0 = 54 + 8 + 2 = 64, T = 64 + 39 = 103.
  // One start runs all three, one layer-switch cycle before fc2 and fc3 (SCHEDULE.md):
  // 531 + 1 + 183 + 1 + 103 = 819, start to done.
  BOOST_TEST(c.report.find("network (3 layers): 819/819") != std::string::npos, c.report);
}

// A table of three entries (not a power of two: writes to entries 3.. are ignored) holds
// LeNet-300-100 exactly; small.yaml's layers alone take 2289, 453 and 105 cycles, so one start
// takes 2289 + 1 + 453 + 1 + 105 = 2849. Two entries are too few: a clear error, no run.
BOOST_AUTO_TEST_CASE(the_layer_table_bounds_the_network) {
  CosimOptions o = options({"controller.max_layers=3"}, 3, "table.vcd", "");
  o.workload = kSrc + "/workloads/lenet300.yaml";
  o.products = 1;
  const Outcome c = cosim(o);
  BOOST_TEST(c.ok, c.report);
  BOOST_TEST(c.report.find("network (3 layers): 2849/2849") != std::string::npos, c.report);
  o.overrides = {"controller.max_layers=2"};
  BOOST_CHECK_EXCEPTION(cosim(o), circa::ConfigError, [](const circa::ConfigError& e) {
    return std::string(e.what()).find("3 layers exceed controller.max_layers = 2") !=
           std::string::npos;
  });
}

// A conv layer (tests/cosim/data/conv_small.yaml) on small.yaml: the gather with stride 2 and
// padding 1 (windows off the image on every side), two channel blocks per pixel, 12 products
// back to back, every output pixel checked against the golden conv. T by hand from SCHEDULE.md:
// k = 16 pipelined FFT at 2 samples/cycle: beats 8, ii 8, latency 12, span(n) = (n-1)*8 + 20.
// MAC: 8 packed-real slots on 4 lanes: P = 1, issue 2 cycles, a 128-bit row on 2 x 64-bit banks
// in 1, so c = 2; kMacLatency 2, kPeripheralLatency 1, 2 accumulator banks; weights on chip
// (72 rows). q = 3*3*2 = 18, p = 2: A = span(18) = 156; R_0 = 156 + 36 + 2 = 194 = I_0;
// M_1 = 192, R_1 = 230 = I_1 (I_0 + 8 is earlier); T = D_1 = 230 + span(1) + 1 = 251. Output
// 4 x 3 pixels: 12 x 251 = 3012 cycles, start to done.
BOOST_AUTO_TEST_CASE(conv_layer_with_stride_and_padding_agrees) {
  CosimOptions o = options({}, 4, "conv.vcd", "conv_small.yaml");
  const Outcome c = cosim(o);
  BOOST_TEST(c.ok, c.report);
  BOOST_TEST(c.products == o.products);
  BOOST_TEST(c.outputs >= 2 * 12 * 2 * 8);  // output beats: 2 inferences, 12 pixels x 2 blocks
  BOOST_TEST(c.report.find("outputs equal the golden model") != std::string::npos, c.report);
  BOOST_TEST(c.report.find("conv: 3012/3012") != std::string::npos, c.report);
}

// An lstm layer (tests/cosim/data/lstm_small.yaml) on small.yaml: 3 steps of [x_t; h_{t-1}],
// x_t of 40 samples (Qx = 3 blocks), 32 hidden units (Qh = 2): q = 5, p = 8 gate blocks. T by
// hand as above (span(n) = (n-1)*8 + 20, c = 2, P = 1, 2 banks): A = span(5) = 52; group g
// issues 10 cycles, I_g = 64 + 10g (R_g = M_g + 12, each after the bank the group before last
// used); T = I_7 + span(1) + 1 = 155. The cell update: R = 32 / 2 = 16 rows, U = 5*16 + 4 = 84
// (kLstmUpdateTail: the read's data, the cell unit's two stages, c's write after h's).
// 3 x (155 + 84) = 717 cycles, start to done; h of every step checked against the golden lstm.
BOOST_AUTO_TEST_CASE(lstm_layer_carries_h_and_c_across_steps) {
  CosimOptions o = options({}, 6, "lstm.vcd", "lstm_small.yaml");
  const Outcome c = cosim(o);
  BOOST_TEST(c.ok, c.report);
  BOOST_TEST(c.products == o.products);
  BOOST_TEST(c.outputs >= 2 * 3 * 2 * 8);  // output beats: 2 inferences, 3 steps x 2 blocks
  BOOST_TEST(c.report.find("outputs equal the golden model") != std::string::npos, c.report);
  BOOST_TEST(c.report.find("lstm: 717/717") != std::string::npos, c.report);
}

// 2x2 max pooling (tests/cosim/data/conv_pool.yaml): q and p as above, so T = 251 again; 8 x 6
// products in window order, 48 x 251 = 12048 cycles; each window's last three products pool
// into the output banks, 4 x 3 pooled pixels drained and checked against the golden pool.
BOOST_AUTO_TEST_CASE(conv_layer_with_pooling_agrees) {
  CosimOptions o = options({}, 6, "conv_pool.vcd", "conv_pool.yaml");
  const Outcome c = cosim(o);
  BOOST_TEST(c.ok, c.report);
  BOOST_TEST(c.outputs >= 2 * 12 * 2 * 8);  // output beats: 2 inferences, 12 pooled pixels x 2
  BOOST_TEST(c.report.find("outputs equal the golden model") != std::string::npos, c.report);
  BOOST_TEST(c.report.find("conv: 12048/12048") != std::string::npos, c.report);
}

// Pooling odd output sizes (tests/cosim/data/conv_pool_odd.yaml): conv1's 7 x 5 pixels are
// T = 251 each as conv_small's (q = 18, p = 2): 35 x 251 = 8785; its last row and column are
// computed and dropped, leaving 3 x 2 pooled pixels. conv2 (1x1 kernel, q = 2, p = 2): A =
// span(2) = 28, R_0 = 28 + 4 + 2 = 34 = I_0, R_1 = 38 < I_0 + 8 = 42 = I_1, T = 42 + 20 + 1 =
// 63, 6 pixels = 378, pooled to 1 x 1 (last row dropped). fc (q = 2, p = 1): T = 34 + 20 + 1 =
// 55. With the switch cycles: 8785 + 1 + 378 + 1 + 55 = 9220, start to done.
BOOST_AUTO_TEST_CASE(pooling_drops_an_odd_last_row_and_column) {
  CosimOptions o = options({}, 8, "conv_pool_odd.vcd", "conv_pool_odd.yaml");
  o.stall = 0.2;
  const Outcome c = cosim(o);
  BOOST_TEST(c.ok, c.report);
  BOOST_TEST(c.report.find("outputs equal the golden model") != std::string::npos, c.report);
  BOOST_TEST(c.report.find("network (3 layers): 9220/9220") != std::string::npos, c.report);
}

// The same layer with a 1 KiB weight SRAM (64 rows < 72): every product streams its weights,
// and a 1 us off-chip latency (500 cycles) outlasts phase A, so each product waits for them.
BOOST_AUTO_TEST_CASE(conv_layer_with_streamed_weights_agrees) {
  CosimOptions o = options(
      {"weight_sram.capacity_kib=1", "weight_sram.read_latency=1", "offchip.latency_ns=1000"}, 5,
      "conv_stream.vcd", "conv_small.yaml");
  o.stall = 0.2;
  const Outcome c = cosim(o);
  BOOST_TEST(c.ok, c.report);
  BOOST_TEST(c.products == o.products);
  BOOST_TEST(c.T > 3012);
}

// A whole CNN in one start (tests/cosim/data/conv_chain.yaml): conv_pool.yaml's layer (12048
// cycles, above), then conv2 gathering its windows from conv1's pooled outputs on chip: 24
// channels are 2 blocks, q = 3*3*2 = 18, 32 channels p = 2, so T = 251 as conv_small's; 4 x 3
// pixels = 3012 cycles. Then fc over the 384 outputs (pixel-major): q = 24, p = 1, one group:
// A = span(24) = 23*8 + 20 = 204, R_0 = 204 + 24*2 + 2 = 254 = I_0, T = 254 + span(1) + 1 = 275.
// With a switch cycle between layers: 12048 + 1 + 3012 + 1 + 275 = 15337, start to done.
BOOST_AUTO_TEST_CASE(a_cnn_runs_conv_conv_fc_in_one_start) {
  CosimOptions o = options({}, 7, "conv_chain.vcd", "conv_chain.yaml");
  o.stall = 0.2;
  const Outcome c = cosim(o);
  BOOST_TEST(c.ok, c.report);
  BOOST_TEST(c.products == o.products);
  BOOST_TEST(c.report.find("outputs equal the golden model") != std::string::npos, c.report);
  BOOST_TEST(c.report.find("network (3 layers): 15337/15337") != std::string::npos, c.report);
}

// An fc layer after a conv layer of 6 channels (tests/cosim/data/conv_pad_fc.yaml, k = 16: one
// block a pixel, 10 padding channels): the fc layer reads 3 rows of each of the 12 pooled
// pixels and steps 8 rows to the next. conv (q = 3*3*2 = 18, p = 1): A = span(18) = 17*8 + 20 =
// 156, R_0 = 156 + 18*2 + 2 = 194, T = 194 + 20 + 1 = 215; 48 pixels = 10320. fc (72 inputs,
// q = 5, p = 1): A = 4*8 + 20 = 52, R_0 = 52 + 10 + 2 = 64, T = 64 + 20 + 1 = 85. With the
// switch cycle: 10320 + 1 + 85 = 10406 (circa estimate gives the same). Reading the rows in
// order instead (px_padded forced to 0) fails on out_data.
BOOST_AUTO_TEST_CASE(an_fc_layer_reads_a_conv_map_past_its_padding_channels) {
  CosimOptions o = options({}, 3, "conv_pad_fc.vcd", "conv_pad_fc.yaml");
  o.stall = 0.2;
  const Outcome c = cosim(o);
  BOOST_TEST(c.ok, c.report);
  BOOST_TEST(c.report.find("outputs equal the golden model") != std::string::npos, c.report);
  BOOST_TEST(c.report.find("network (2 layers): 10406/10406") != std::string::npos, c.report);
}

// The same conv layer under controller.conv_dataflow: reuse (SCHEDULE.md "Conv with spectrum
// reuse"): row fills into the line buffer, then products that issue only their on-image blocks,
// with M_0 = 0. Fills: output row 0 covers image rows 0-1, rows 1 and 2 two new rows each, row 3
// one: 24, 24, 24, 12 blocks of 6 pixels x 2 channel blocks, F = span(24) = 204, span(12) = 108.
// A product of q_e blocks: R_0 = 2 q_e + 2 = I_0, M_1 = 2 q_e, I_1 = R_1 = 4 q_e + 2, T = I_1 +
// span(1) + 1 = 4 q_e + 23. q_e = rows x cols x 2: rows 2, 3, 3, 2 and cols 2, 3, 3 give rows of
// 55 + 71 + 71 = 197 (2 rows) and 71 + 95 + 95 = 261 (3 rows): 204 + 197 + 2 x (204 + 261) +
// 108 + 197 = 1636 cycles, start to done (3012 under recompute, above).
BOOST_AUTO_TEST_CASE(conv_layer_under_spectrum_reuse_agrees) {
  CosimOptions o =
      options({"controller.conv_dataflow=reuse"}, 4, "conv_reuse.vcd", "conv_small.yaml");
  const Outcome c = cosim(o);
  BOOST_TEST(c.ok, c.report);
  BOOST_TEST(c.products == o.products);
  BOOST_TEST(c.report.find("outputs equal the golden model") != std::string::npos, c.report);
  BOOST_TEST(c.report.find("conv: 1636/1636") != std::string::npos, c.report);
  expect_lint_clean(c.build_dir);
}

// Pooling under reuse walks the products row-major (an even output row writes its windows, the
// odd row after pools into them), with input gaps and back-pressure. conv_pool.yaml (8 x 6
// pixels, stride 1, padding 1): fills of 2 rows (24 blocks, 204) for row 0 and 1 row (12 blocks,
// 108) for rows 1-6, none for row 7: 852. Products (T = 4 q_e + 23 as above, cols 2, 3, 3, 3, 3,
// 2): a row of 2 input rows 55 + 4 x 71 + 55 = 394, of 3 rows 71 + 4 x 95 + 71 = 522; 2 x 394 +
// 6 x 522 = 3920. 852 + 3920 = 4772 cycles (12048 under recompute).
BOOST_AUTO_TEST_CASE(pooling_under_spectrum_reuse_walks_row_major) {
  CosimOptions o =
      options({"controller.conv_dataflow=reuse"}, 6, "conv_pool_reuse.vcd", "conv_pool.yaml");
  o.stall = 0.2;
  const Outcome c = cosim(o);
  BOOST_TEST(c.ok, c.report);
  BOOST_TEST(c.report.find("outputs equal the golden model") != std::string::npos, c.report);
  BOOST_TEST(c.report.find("conv: 4772/4772") != std::string::npos, c.report);
}

// Streamed weights under reuse: one request per on-image (group, j) issue, from the product's
// cycle 0 (a row fill's end); a 1 us latency outlasts every product's MAC.
BOOST_AUTO_TEST_CASE(spectrum_reuse_streams_only_the_on_image_taps_weights) {
  CosimOptions o = options({"controller.conv_dataflow=reuse", "weight_sram.capacity_kib=1",
                            "weight_sram.read_latency=1", "offchip.latency_ns=1000"},
                           5, "conv_reuse_stream.vcd", "conv_chain.yaml");
  o.stall = 0.2;
  const Outcome c = cosim(o);
  BOOST_TEST(c.ok, c.report);
  BOOST_TEST(c.products == o.products);
  BOOST_TEST(c.report.find("outputs equal the golden model") != std::string::npos, c.report);
  BOOST_TEST(c.T > 6113);  // the resident network's cycles under reuse
}

BOOST_AUTO_TEST_CASE(cycle_limit_fails) {
  CosimOptions o = options({}, 1, "limit.vcd");
  o.max_cycles = 100;  // far below two products: the run must fail, not pass silently
  const Outcome c = cosim(o);
  BOOST_TEST(!c.ok);
  BOOST_TEST(c.port == "(timeout)");
}

BOOST_AUTO_TEST_CASE(butterfly_fault_is_caught) {
  CosimOptions o = options({}, 1, "fault.vcd");
  o.faults.butterfly = true;
  fs::remove(o.vcd);
  const Outcome c = cosim(o);
  BOOST_TEST(!c.ok);
  BOOST_TEST(c.mismatch_cycle >= 0);
  BOOST_TEST(c.port == "out_data");
  BOOST_TEST(fs::exists(o.vcd));
  BOOST_TEST(c.report.find("first mismatch: cycle") != std::string::npos, c.report);
}

// Timing faults, both ways: the first mismatch is reported at the cycle where the clean run of
// the same stimulus shows the event the fault moves (the stimulus is seeded and identical until
// then), on the port that shows it.
namespace {

Outcome clean_small_run() {
  const Outcome c = cosim(options({}, 1, "clean.vcd"));
  BOOST_REQUIRE(c.ok);
  BOOST_REQUIRE(c.done_cycles.size() == 2u);
  BOOST_REQUIRE(c.first_beats.size() >= 3u);
  return c;
}

void expect_caught(const Outcome& c, const std::string& port, int64_t cycle,
                   const std::string& vcd) {
  BOOST_TEST(!c.ok);
  BOOST_TEST(c.port == port, c.report);
  BOOST_TEST(c.mismatch_cycle == cycle, c.report << "expected at cycle " << cycle);
  BOOST_TEST(fs::exists(vcd));
}

}  // namespace

BOOST_AUTO_TEST_CASE(rtl_done_one_cycle_late_is_caught) {
  const Outcome clean = clean_small_run();
  CosimOptions o = options({}, 1, "fault_rtl_done.vcd");
  o.faults.done_late = true;
  fs::remove(o.vcd);
  expect_caught(cosim(o), "done", clean.done_cycles[0], o.vcd);
}

BOOST_AUTO_TEST_CASE(rtl_dropped_output_beat_is_caught) {
  const Outcome clean = clean_small_run();
  CosimOptions o = options({}, 1, "fault_rtl_beat.vcd");
  o.faults.drop_out_beat = true;
  fs::remove(o.vcd);
  expect_caught(cosim(o), "out_data", clean.first_beats[2], o.vcd);  // row 2 never comes
}

BOOST_AUTO_TEST_CASE(systemc_top_done_one_cycle_late_is_caught) {
  const Outcome clean = clean_small_run();
  CosimOptions o = options({}, 1, "fault_sysc_done.vcd");
  o.reference_faults.done_late = true;
  fs::remove(o.vcd);
  expect_caught(cosim(o), "done", clean.done_cycles[0], o.vcd);
}
