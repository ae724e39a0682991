// The random design points of `circa cosim --random`: every draw is valid for the generated top
// (so a long run never stops on a rejected point), the same seed gives the same point (so the
// printed re-run command reproduces a failure), and the draws cover the space the issue asks
// for, resident and streamed weights alike. No Verilator here: the points are only drawn and
// checked.
#define BOOST_TEST_MODULE random_case
#include <boost/test/unit_test.hpp>

#include <set>

#include "cosim/cosim_child.hpp"
#include "cosim/random_case.hpp"
#include "cosim/cosim.hpp"
#include "arch/memory_map.hpp"
#include "gen/top.hpp"

namespace {
using circa::cosim::random_case;
const std::string kBase = std::string(CIRCA_SOURCE_DIR) + "/configs/default.yaml";
}  // namespace

BOOST_AUTO_TEST_CASE(draws_are_valid_and_cover_the_space) {
  std::set<int> ks, lanes, qs;
  std::set<std::string> styles;
  std::set<bool> relu, wraps;
  int streamed = 0;
  for (uint64_t seed = 1; seed <= 150; ++seed) {
    const auto c = random_case(kBase, seed);
    BOOST_TEST(circa::cosim::cosim_unsupported(c.spec, c.layer).empty(), c.summary());
    const auto g = circa::geometry(c.layer, c.spec.block_size);
    BOOST_TEST(g.q <= circa::arch::memory_map(c.spec).max_q);
    if (circa::cosim::plan_alone(c.spec, c.layer).weights_on_chip)
      BOOST_TEST(circa::arch::layer_weight_rows(c.spec, g) <=
                 circa::arch::memory_map(c.spec).weight_rows.rows);
    ks.insert(c.spec.block_size);
    lanes.insert(c.spec.mac.lanes);
    qs.insert(g.q);
    styles.insert(circa::to_string(c.spec.fft.style));
    relu.insert(c.layer.activation == circa::Activation::relu);
    wraps.insert(c.spec.formats.output.overflow == circa::Overflow::wrap);
    streamed += !circa::cosim::plan_alone(c.spec, c.layer).weights_on_chip;
  }
  BOOST_TEST(ks.size() == 7u);  // 4 .. 256
  BOOST_TEST(styles.size() == 3u);
  BOOST_TEST(lanes.size() >= 5u);
  BOOST_TEST(qs.count(1) == 1u);  // a single input block (the spectrum bypass) is drawn
  BOOST_TEST(relu.size() == 2u);
  BOOST_TEST(wraps.size() == 2u);
  BOOST_TEST(streamed >= 15);  // about a sixth stream their weights from off-chip (24 of 150)
  BOOST_TEST(streamed <= 100);
}

BOOST_AUTO_TEST_CASE(same_seed_same_point) {
  const auto a = random_case(kBase, 42), b = random_case(kBase, 42), c = random_case(kBase, 43);
  BOOST_TEST(a.overrides == b.overrides);
  BOOST_TEST(a.summary() == b.summary());
  BOOST_TEST(a.summary() != c.summary());
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
  BOOST_TEST(back.golden_mismatch == r.golden_mismatch);
  BOOST_CHECK_THROW(circa::cosim::cosim_result_from_json({{"ok", true}}),
                    nlohmann::json::exception);
}
