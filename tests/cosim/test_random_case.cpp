// The random design points of `circa cosim --random`: every draw is valid for the generated top
// (so a long run never stops on a rejected point), the same seed gives the same point (so the
// printed re-run command reproduces a failure), and the draws cover the space the issue asks
// for: networks of 1 to 3 chained fc layers or CNNs (conv, conv, fc), held in the weight SRAM,
// streamed, or both (the residency read from arch::plan_workload, not from the drawing code). No
// Verilator here: the points are only drawn and checked.
#define BOOST_TEST_MODULE random_case
#include <boost/test/unit_test.hpp>

#include <map>
#include <set>

#include "arch/layer_program.hpp"
#include "arch/memory_map.hpp"
#include "arch/microarch.hpp"
#include "cosim/cosim.hpp"
#include "cosim/cosim_child.hpp"
#include "cosim/random_case.hpp"
#include "gen/top.hpp"

namespace {
using circa::cosim::random_case;
const std::string kBase = std::string(CIRCA_SOURCE_DIR) + "/configs/default.yaml";

std::vector<circa::arch::LayerPlan> plans(const circa::cosim::RandomCase& c) {
  circa::Workload w;
  w.layers = c.layers;
  return circa::arch::plan_workload(c.spec, w);
}
}  // namespace

BOOST_AUTO_TEST_CASE(draws_are_valid_and_cover_the_space) {
  std::set<int> ks, lanes, qs;
  std::set<std::string> styles;
  std::set<bool> relu, wraps, bias;
  std::map<size_t, int> counts;            // layers -> cases
  std::map<std::string, int> residencies;  // "resident", "streamed", "mixed" -> cases
  std::set<int> bias_bases;                // a later layer's bias beyond block 0
  int streamed_ks_small = 0;               // streamed layers at k <= 16
  int convs = 0, convs_padded = 0, convs_strided = 0, convs_two_blocks = 0, convs_pooled = 0;
  int conv_after_conv = 0, fc_after_conv = 0;  // layers that read a conv layer's outputs
  int reuse_cnns = 0, cnns = 0;                // CNNs, and those under conv_dataflow: reuse
  int lstms = 0, fc_after_lstm = 0, lstm_two_hidden_blocks = 0;
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    const auto c = random_case(kBase, seed);
    BOOST_TEST_REQUIRE(!c.layers.empty());
    BOOST_TEST(c.layers.size() <= 3u);
    BOOST_TEST(circa::arch::network_unsupported(c.spec, c.layers).empty(), c.summary());
    const auto map = circa::arch::memory_map(c.spec);
    if (c.layers[0].kind == circa::LayerKind::conv) {
      ++cnns;
      reuse_cnns += c.spec.controller.conv_dataflow == circa::ConvDataflow::reuse;
    } else {
      BOOST_TEST((c.spec.controller.conv_dataflow == circa::ConvDataflow::recompute));
    }
    const auto pl = plans(c);
    int on_chip = 0;
    for (size_t i = 0; i < c.layers.size(); ++i) {
      const auto& l = c.layers[i];
      BOOST_TEST(circa::cosim::cosim_unsupported(c.spec, l).empty(), c.summary());
      const auto g = circa::geometry(l, c.spec.block_size);
      if (i > 0)
        BOOST_TEST(g.input_elements ==
                   circa::geometry(c.layers[i - 1], c.spec.block_size).output_elements);
      BOOST_TEST(g.q <= map.max_q);
      BOOST_TEST(g.p <= map.max_p);
      if (pl[i].weights_on_chip) {
        BOOST_TEST(pl[i].weight_base_row + pl[i].weight_rows <= map.weight_rows.rows);
        ++on_chip;
      } else {
        streamed_ks_small += c.spec.block_size <= 16;
      }
      if (l.kind == circa::LayerKind::conv) {
        BOOST_TEST((c.layers[0].kind == circa::LayerKind::conv));
        conv_after_conv += i > 0;
        fc_after_conv += i + 1 < c.layers.size() && c.layers[i + 1].kind == circa::LayerKind::fc;
        ++convs;
        convs_padded += l.padding > 0;
        convs_strided += l.stride > 1;
        convs_two_blocks += l.in_channels > c.spec.block_size;
        convs_pooled += l.pool != circa::Pooling::none;
      }
      if (l.kind == circa::LayerKind::lstm) {
        BOOST_TEST(i == 0u);
        ++lstms;
        fc_after_lstm += i + 1 < c.layers.size();
        lstm_two_hidden_blocks += l.hidden_size > c.spec.block_size;
        BOOST_TEST(l.time_steps >= 2);  // h and c carry over at least once
      }
      relu.insert(l.activation == circa::Activation::relu);
      bias.insert(l.bias);
      qs.insert(g.q);
    }
    const auto np = circa::arch::network_program(c.spec, c.layers, pl);
    for (const auto& d : np.layers)
      if (d.bias) bias_bases.insert(static_cast<int>(d.bias_base));
    const int n = static_cast<int>(c.layers.size());
    const std::string kind = on_chip == n ? "resident" : on_chip == 0 ? "streamed" : "mixed";
    ++residencies[kind];
    ++counts[c.layers.size()];
    const auto summary = c.summary();
    BOOST_TEST(summary.find('\n') == std::string::npos);
    int marked = 0;  // the summary says which layers stream
    for (size_t at = 0; (at = summary.find(" streamed", at)) != std::string::npos; ++at) ++marked;
    BOOST_TEST(marked == n - on_chip, summary);
    ks.insert(c.spec.block_size);
    lanes.insert(c.spec.mac.lanes);
    styles.insert(circa::to_string(c.spec.fft.style));
    wraps.insert(c.spec.formats.output.overflow == circa::Overflow::wrap);
  }
  BOOST_TEST_MESSAGE("layers 1/2/3: " << counts[1] << "/" << counts[2] << "/" << counts[3]
                                      << "; resident/streamed/mixed: " << residencies["resident"]
                                      << "/" << residencies["streamed"] << "/"
                                      << residencies["mixed"] << "; conv: " << convs
                                      << " (after conv: " << conv_after_conv
                                      << "; fc after conv: " << fc_after_conv << ")");
  // Aimed at 37/37/27% (CNNs in 20%, 1-3 layers) and a third each: wide bounds, the draw is
  // deterministic anyway.
  BOOST_TEST_MESSAGE("lstm: " << lstms << " (before an fc layer: " << fc_after_lstm << ")");
  BOOST_TEST(lstms >= 18);  // 15 % of 200 draws is 30
  BOOST_TEST(fc_after_lstm >= 6);
  BOOST_TEST(lstm_two_hidden_blocks >= 6);
  BOOST_TEST_MESSAGE("CNNs: " << cnns << ", " << reuse_cnns << " under reuse");
  BOOST_TEST(reuse_cnns >= cnns / 3);  // a coin per CNN: both dataflows are drawn
  BOOST_TEST(reuse_cnns <= 2 * cnns / 3);
  BOOST_TEST(convs >= 35);
  BOOST_TEST(conv_after_conv >= 8);
  BOOST_TEST(fc_after_conv >= 8);
  BOOST_TEST(convs_padded >= 5);
  BOOST_TEST(convs_strided >= 5);
  BOOST_TEST(convs_two_blocks >= 5);
  BOOST_TEST(convs_pooled >= 5);
  BOOST_TEST(counts[1] >= 60);
  BOOST_TEST(counts[2] >= 35);
  BOOST_TEST(counts[3] >= 20);
  for (const char* kind : {"resident", "streamed", "mixed"}) {
    BOOST_TEST(residencies[kind] >= 45, kind);
    BOOST_TEST(residencies[kind] <= 90, kind);
  }
  BOOST_TEST(bias_bases.size() >= 3u);  // later layers' bias at blocks above 0
  BOOST_TEST(streamed_ks_small >= 5);   // streaming is not left to the large k only
  BOOST_TEST(ks.size() == 7u);          // 4 .. 256
  BOOST_TEST(styles.size() == 3u);
  BOOST_TEST(lanes.size() >= 5u);
  BOOST_TEST(qs.count(1) == 1u);  // a single input block (the spectrum bypass) is drawn
  BOOST_TEST(relu.size() == 2u);
  BOOST_TEST(bias.size() == 2u);
  BOOST_TEST(wraps.size() == 2u);
}

BOOST_AUTO_TEST_CASE(same_seed_same_point) {
  const auto a = random_case(kBase, 42), b = random_case(kBase, 42), c = random_case(kBase, 43);
  BOOST_TEST(a.overrides == b.overrides);
  BOOST_TEST(a.summary() == b.summary());
  BOOST_TEST(a.summary() != c.summary());
}

// A missing base config is one clear error at once, not 10000 rejected draws.
BOOST_AUTO_TEST_CASE(a_base_config_that_does_not_load_is_a_config_error) {
  BOOST_CHECK_EXCEPTION(random_case("/nonexistent/base.yaml", 1), circa::ConfigError,
                        [](const circa::ConfigError& e) {
                          return std::string(e.what()).find("cannot open file") !=
                                 std::string::npos;
                        });
}

// A co-simulation child sends its whole result back as JSON: every field survives by name.
BOOST_AUTO_TEST_CASE(cosim_results_travel_as_json_field_by_field) {
  circa::cosim::CosimResult r;
  r.ok = false;
  r.cycles = 1234;
  r.compared = 56;
  r.outputs_checked = 7;
  r.products_done = 2;
  r.reference = "the SystemC top";
  r.layers = {{"fc1", {601, 602}, {601, 603}}, {"fc2", {80}, {80}}};
  r.inputs = {{1, -2, 3}, {4, 5, -6}};
  r.outputs = {{-70, 8}, {9, 100}};
  r.golden_ok = false;
  r.golden_mismatch = "inference 0, layer 'fc2', output 3: RTL 1 != golden 2";
  r.mismatch_cycle = 99;
  r.mismatch_port = "out_data";
  r.expected = "0x12";
  r.actual = "0x13";
  r.vcd = "/tmp/a b.vcd";
  r.build_dir = "/cache/0123";
  r.cached = true;
  r.build_seconds = 1.5;
  r.sim_seconds = 0.25;
  r.message = "cosim: FAIL\nsecond line";
  const auto back =
      circa::cosim::cosim_result_from_json(nlohmann::json::parse(circa::cosim::to_json(r).dump()));
  BOOST_TEST(circa::cosim::to_json(back) == circa::cosim::to_json(r));
  BOOST_TEST(circa::cosim::describe(back) == circa::cosim::describe(r));
  BOOST_TEST(back.mismatch_port == "out_data");
  BOOST_TEST(back.message == r.message);
  BOOST_TEST(back.layers.at(0).rtl.at(1) == 603);
  BOOST_TEST(back.inputs.at(1).at(2) == -6);
  BOOST_TEST(back.outputs.at(0).at(0) == -70);
  BOOST_TEST(back.golden_mismatch == r.golden_mismatch);
  BOOST_CHECK_THROW(circa::cosim::cosim_result_from_json({{"ok", true}}),
                    nlohmann::json::exception);
}
