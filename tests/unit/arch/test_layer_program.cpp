// The layer program's words (arch/layer_program.hpp) against values packed by hand, and the
// reasons a network is refused by the whole-network top.
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <set>

#include "../default_spec.hpp"
#include "arch/layer_program.hpp"

using namespace circa;

namespace {

Layer conv(int in_c, int out_c, int h, int w, int kernel, int stride, int pad) {
  Layer l;
  l.name = "conv";
  l.kind = LayerKind::conv;
  l.in_channels = in_c, l.out_channels = out_c, l.in_height = h, l.in_width = w;
  l.kernel = kernel, l.stride = stride, l.padding = pad;
  return l;
}

arch::NetworkProgram program_of(const AcceleratorSpec& s, const std::vector<Layer>& layers) {
  Workload w;
  w.name = "net";
  w.layers = layers;
  return arch::network_program(s, layers, arch::plan_workload(s, w));
}

/// Layer 0's descriptor as the top decodes it from the program's cfg words.
arch::LayerDescriptor decoded(const arch::NetworkProgram& np) {
  arch::LayerDescriptor d;
  for (const arch::CfgWrite& w : arch::encode_program(np.layers))
    if (w.addr < arch::kDescriptorWords)
      arch::set_descriptor_word(d, static_cast<arch::DescField>(w.addr), w.data);
  return d;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(layer_program)

// default.yaml (k = 64): 70 channels are 2 channel blocks, q = 3*3*2 = 18, 100 output channels
// p = 2; a 10 x 9 image, stride 2, padding 1 gives (10 + 2 - 3)/2 + 1 = 5 by (9 + 2 - 3)/2 + 1
// = 5 pixels.
BOOST_AUTO_TEST_CASE(a_conv_descriptor_packs_its_geometry) {
  const AcceleratorSpec s = test::default_spec();
  const arch::NetworkProgram np = program_of(s, {conv(70, 100, 10, 9, 3, 2, 1)});
  BOOST_REQUIRE(np.layers.size() == 1u);
  const arch::LayerDescriptor& d = np.layers[0];
  BOOST_TEST(d.conv);
  BOOST_TEST(d.q == 18);
  BOOST_TEST(d.p == 2);
  BOOST_TEST(d.in_features == 70);  // a conv layer's channels
  BOOST_TEST(d.channel_blocks(64) == 2);
  BOOST_TEST(d.products() == 25);
  // control: relu (bit 0), bias (bit 1), last (bit 3), conv (bit 4) = 0x1b
  BOOST_TEST(arch::descriptor_word(d, arch::DescField::control) == 0x1bu);
  // in_height 10 | in_width 9 << 12 | kernel 3 << 24 | stride 2 << 28
  BOOST_TEST(arch::descriptor_word(d, arch::DescField::conv_in) == 0x2300900au);
  // out_height 5 | out_width 5 << 12 | padding 1 << 24
  BOOST_TEST(arch::descriptor_word(d, arch::DescField::conv_out) == 0x01005005u);
  const arch::LayerDescriptor back = decoded(np);
  BOOST_TEST((back == d));
  BOOST_TEST(arch::encode_program(np.layers).size() == 14u);  // words 0-13 of the 16
}

BOOST_AUTO_TEST_CASE(what_the_top_cannot_run_yet_is_refused_with_the_reason) {
  // 64 KiB of activation buffer (default.yaml has 256): the sizes below are its.
  const AcceleratorSpec s = test::default_spec({{"activation_buffer.capacity_kib", "64"}});
  Layer pooled = conv(3, 32, 7, 7, 3, 1, 1);
  pooled.pool = Pooling::avg2;
  BOOST_TEST(arch::network_unsupported(s, {pooled}).find("avg2 pooling") != std::string::npos);
  Layer fc;
  fc.name = "fc", fc.in_features = 8 * 8 * 42, fc.out_features = 10;
  BOOST_TEST(arch::network_unsupported(s, {conv(3, 42, 8, 8, 3, 1, 1), fc})
                 .find("42 channels, not a multiple of the 4 samples a row") != std::string::npos);
  Layer fc_first = fc;
  fc_first.in_features = 64, fc_first.out_features = 3 * 8 * 8;
  BOOST_TEST(arch::network_unsupported(s, {fc_first, conv(3, 64, 8, 8, 3, 1, 1)})
                 .find("a conv layer after an fc layer") != std::string::npos);
  // 64 KiB activation buffer: halves of 32 KiB = 16384 16-bit samples = 256 blocks of 64; a
  // 17 x 16 image of one channel block is 272 input blocks.
  const std::string why = arch::network_unsupported(s, {conv(3, 8, 17, 16, 3, 1, 1)});
  BOOST_TEST(why.find("feature maps of 272 input") != std::string::npos, why);
  BOOST_TEST(arch::network_unsupported(s, {conv(3, 8, 16, 16, 3, 1, 1)}).empty());
  const AcceleratorSpec reuse = test::default_spec({{"controller.conv_dataflow", "reuse"}});
  BOOST_TEST(
      arch::network_unsupported(reuse, {conv(3, 8, 16, 16, 3, 1, 1)}).empty());  // both dataflows
  Layer lstm;
  lstm.name = "lstm", lstm.kind = LayerKind::lstm, lstm.input_size = 64, lstm.hidden_size = 96;
  lstm.time_steps = 2;
  BOOST_TEST(arch::network_unsupported(s, {lstm}).find(
                 "hidden_size 96 is not a multiple of k = 64") != std::string::npos);
  lstm.hidden_size = 64;
  BOOST_TEST(arch::network_unsupported(s, {lstm}).empty());
  Layer fc0;
  fc0.name = "fc0", fc0.in_features = 64, fc0.out_features = 200;
  Layer after = lstm;
  after.input_size = 100;
  BOOST_TEST(arch::network_unsupported(s, {fc0, after}).find("input_size 100 is not a multiple") !=
             std::string::npos);
  Layer long_input = lstm;  // 300 steps of one block: the input buffer holds 256
  long_input.time_steps = 300;
  BOOST_TEST(arch::network_unsupported(s, {long_input}).find("does not fit the input buffer") !=
             std::string::npos);
  const AcceleratorSpec integer = test::default_spec({{"formats.output.frac", "0"}});
  BOOST_TEST(arch::network_unsupported(integer, {lstm}).find("formats.output.frac") !=
             std::string::npos);
}

// An lstm layer on default.yaml (k = 64): x_t of 100 samples (2 blocks), 128 hidden units (2
// blocks, 8 gate blocks), 3 steps. h_t of the 3 steps take blocks 0-5, the gates 6-13, c 14-15.
BOOST_AUTO_TEST_CASE(an_lstm_descriptor_packs_its_shape_and_state_regions) {
  const AcceleratorSpec s = test::default_spec();
  Layer l;
  l.name = "lstm", l.kind = LayerKind::lstm, l.input_size = 100, l.hidden_size = 128;
  l.time_steps = 3, l.bias = true;
  const arch::NetworkProgram np = program_of(s, {l});
  BOOST_REQUIRE(np.layers.size() == 1u);
  const arch::LayerDescriptor& d = np.layers[0];
  BOOST_TEST(d.lstm);
  BOOST_TEST(!d.relu);  // the gates are pre-activations; the cell unit applies the nonlinearities
  BOOST_TEST(d.p == 8);
  BOOST_TEST(d.q == 4);
  BOOST_TEST(d.in_features == 100);
  BOOST_TEST(d.hidden_blocks() == 2);
  BOOST_TEST(d.products() == 3);
  BOOST_TEST(d.out_blocks() == 6);
  BOOST_TEST(d.out_base == 0);
  BOOST_TEST(d.lstm_shape.gate_base == 6);
  BOOST_TEST(d.lstm_shape.cell_base == 14);
  // control: bias (bit 1), last (bit 3), lstm (bit 6) = 0x4a; x blocks 2 | steps 3 << 12
  BOOST_TEST(arch::descriptor_word(d, arch::DescField::control) == 0x4au);
  BOOST_TEST(arch::descriptor_word(d, arch::DescField::lstm_shape) == 0x3002u);
  const arch::LayerDescriptor back = decoded(np);
  BOOST_TEST((back == d));
}

// Activation regions in the output banks (default.yaml: 256 blocks of 64). conv1's 8 x 8 pooled
// to 4 x 4 pixels of 2 blocks (128 channels) = 32 blocks from block 0; conv2 reads them and
// writes its 4 x 4 x 1 = 16 blocks right after (block 32: they do not fit below block 0); fc
// reads conv2's region (16 blocks = 1024 samples from block 32) and writes over it from block 0.
// A conv2 whose outputs (240 blocks) do not fit beside its input is refused.
BOOST_AUTO_TEST_CASE(layers_after_a_conv_layer_read_and_write_disjoint_regions) {
  // 64 KiB of activation buffer (default.yaml has 256): the sizes below are its.
  const AcceleratorSpec s = test::default_spec({{"activation_buffer.capacity_kib", "64"}});
  Layer c1 = conv(3, 128, 8, 8, 3, 1, 1);
  c1.pool = Pooling::max2;
  const Layer c2 = conv(128, 64, 4, 4, 3, 1, 1);
  Layer fc;
  fc.name = "fc", fc.in_features = 4 * 4 * 64, fc.out_features = 10;
  const arch::NetworkProgram np = program_of(s, {c1, c2, fc});
  BOOST_REQUIRE(np.layers.size() == 3u);
  BOOST_TEST(np.layers[0].in_base == 0);
  BOOST_TEST(np.layers[0].out_base == 0);
  BOOST_TEST(np.layers[1].in_base == 0);
  BOOST_TEST(np.layers[1].out_base == 32);
  BOOST_TEST(np.layers[2].in_base == 32);
  BOOST_TEST(np.layers[2].out_base == 0);
  BOOST_TEST(arch::descriptor_word(np.layers[1], arch::DescField::out_base) == 32u);
  BOOST_TEST(arch::descriptor_word(np.layers[2], arch::DescField::in_base) == 32u);
  const Layer wide = conv(128, 64 * 15, 4, 4, 3, 1, 1);  // 16 pixels x 15 blocks = 240
  const std::string why = arch::network_unsupported(s, {c1, wide});
  BOOST_TEST(why.find("outputs (240 blocks) do not fit the output banks (256 blocks) beside its "
                      "input (32 blocks from block 0)") != std::string::npos,
             why);
}

// An fc layer after a conv layer of 40 channels at k = 64 (one block a pixel, 24 padding
// channels): its descriptor carries the 40, word 13, and sample i sits at (i / 40) x 64 + i mod
// 40 of its input region; after 128 channels (2 whole blocks) it reads in order (0).
BOOST_AUTO_TEST_CASE(an_fc_layer_after_padded_channels_reads_past_the_padding) {
  const AcceleratorSpec s = test::default_spec();
  Layer fc;
  fc.name = "fc", fc.in_features = 8 * 8 * 40, fc.out_features = 10;
  const arch::NetworkProgram np = program_of(s, {conv(3, 40, 8, 8, 3, 1, 1), fc});
  BOOST_REQUIRE(np.layers.size() == 2u);
  BOOST_TEST(np.layers[0].pixel_channels == 0);
  const arch::LayerDescriptor& d = np.layers[1];
  BOOST_TEST(d.pixel_channels == 40);
  BOOST_TEST(arch::descriptor_word(d, arch::DescField::pixel_channels) == 40u);
  BOOST_TEST(d.input_sample_at(0, 64) == 0);
  BOOST_TEST(d.input_sample_at(39, 64) == 39);
  BOOST_TEST(d.input_sample_at(40, 64) == 64);              // pixel 1, channel 0
  BOOST_TEST(d.input_sample_at(2559, 64) == 63 * 64 + 39);  // the last pixel's last channel
  arch::LayerDescriptor back;
  for (const arch::CfgWrite& w : arch::encode_program(np.layers))
    if (w.addr >= arch::kDescriptorWords)
      arch::set_descriptor_word(back, static_cast<arch::DescField>(w.addr - arch::kDescriptorWords),
                                w.data);
  BOOST_TEST((back == d));
  Layer fc2 = fc;
  fc2.in_features = 8 * 8 * 128;
  BOOST_TEST(program_of(s, {conv(3, 128, 8, 8, 3, 1, 1), fc2}).layers[1].pixel_channels == 0);
}

// Pooling walks each 2x2 window's pixels in a row: a 4 x 4 output gives (0,0) (0,1) (1,0)
// (1,1) (0,2) (0,3) (1,2) (1,3) (2,0) ...; without pooling the walk is row-major.
BOOST_AUTO_TEST_CASE(pooling_walks_window_by_window) {
  arch::LayerDescriptor d;
  d.conv = d.pool = true;
  d.geom.out_height = d.geom.out_width = 4;
  const std::vector<std::pair<int64_t, int64_t>> want = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {0, 2},
                                                         {0, 3}, {1, 2}, {1, 3}, {2, 0}, {2, 1}};
  for (size_t n = 0; n < want.size(); ++n) {
    const arch::Pixel px = arch::product_pixel(d, static_cast<int64_t>(n), false);
    BOOST_TEST(px.y == want[n].first, n);
    BOOST_TEST(px.x == want[n].second, n);
  }
  BOOST_TEST(d.out_pixels() == 4);
  // under conv_dataflow: reuse the walk is row-major, pooling or not
  BOOST_TEST(arch::product_pixel(d, 2, true).y == 0);
  BOOST_TEST(arch::product_pixel(d, 2, true).x == 2);
  d.pool = false;
  BOOST_TEST(arch::product_pixel(d, 5, false).y == 1);
  BOOST_TEST(arch::product_pixel(d, 5, false).x == 1);
}

// An odd size pools as the golden model does (floor). A 3 x 5 output: the first pair of rows
// walks windows (0,0)..(1,3), then the last column's two pixels (0,4) (1,4); then the last
// row left to right. Only the 1 x 2 whole windows' pixels write; the rest are dropped.
BOOST_AUTO_TEST_CASE(odd_sizes_walk_the_last_column_and_row_after_the_windows) {
  arch::LayerDescriptor d;
  d.conv = d.pool = true;
  d.geom.out_height = 3;
  d.geom.out_width = 5;
  const std::vector<std::pair<int64_t, int64_t>> want = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {0, 2},
                                                         {0, 3}, {1, 2}, {1, 3}, {0, 4}, {1, 4},
                                                         {2, 0}, {2, 1}, {2, 2}, {2, 3}, {2, 4}};
  std::set<std::pair<int64_t, int64_t>> seen;
  int writes = 0, maxes = 0, dropped = 0;
  for (size_t n = 0; n < want.size(); ++n) {
    const arch::Pixel px = arch::product_pixel(d, static_cast<int64_t>(n), false);
    BOOST_TEST(px.y == want[n].first, n);
    BOOST_TEST(px.x == want[n].second, n);
    seen.insert({px.y, px.x});
    const arch::PoolWrite w = arch::pool_write(3, 5, px);
    writes += w == arch::PoolWrite::write;
    maxes += w == arch::PoolWrite::max_with;
    dropped += w == arch::PoolWrite::dropped;
  }
  BOOST_TEST(seen.size() == 15u);  // every pixel once
  BOOST_TEST(writes == 2);
  BOOST_TEST(maxes == 6);
  BOOST_TEST(dropped == 7);  // the last column's 2 and the last row's 5
  BOOST_TEST(d.out_pixels() == 2);
}

// A pooled 1 x n output has no 2x2 window (refused); a 5 x 3 one pools to 2 x 1 (runs).
BOOST_AUTO_TEST_CASE(only_outputs_with_a_whole_window_pool) {
  const AcceleratorSpec s = test::default_spec();
  Layer c = conv(16, 64, 1, 4, 1, 1, 0);
  c.pool = Pooling::max2;
  std::string why = arch::network_unsupported(s, {c});
  BOOST_TEST(why.find("leaves no 2x2 window") != std::string::npos, why);
  c = conv(16, 64, 5, 3, 3, 1, 1);  // 5 x 3 pooled to 2 x 1: runs
  c.pool = Pooling::max2;
  why = arch::network_unsupported(s, {c});
  BOOST_TEST(why.empty(), why);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(bits_to_hold_is_the_bit_length_at_least_one_at_most_62) {
  // The definition: the least b >= 1 with 2^b > max_value, at most 62.
  const auto by_loop = [](int64_t v) {
    int b = 1;
    while (b < 62 && (int64_t{1} << b) <= v) ++b;
    return b;
  };
  for (int64_t v = -3; v < 70000; ++v) BOOST_TEST_REQUIRE(arch::bits_to_hold(v) == by_loop(v));
  for (int p = 1; p < 63; ++p)
    for (int64_t v : {(int64_t{1} << p) - 1, int64_t{1} << p, (int64_t{1} << p) + 1})
      BOOST_TEST_REQUIRE(arch::bits_to_hold(v) == by_loop(v));
  BOOST_TEST(arch::bits_to_hold(INT64_MAX) == 62);
}
