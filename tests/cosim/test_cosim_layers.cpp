// The layers `circa cosim --workload W` runs: --layer's pick, and the re-blocking to the top's k
// (the generated top has one block size, so a layer that names another runs at the top's, and
// each one is said on a line). No Verilator here.
#define BOOST_TEST_MODULE cosim_layers
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <sstream>

#include "common/error.hpp"
#include "cosim/cosim.hpp"
#include "spec/config_loader.hpp"

namespace {
using circa::Layer;

circa::Workload fashion() {
  return circa::load_workload(std::string(CIRCA_SOURCE_DIR) + "/workloads/fashion_cnn.yaml");
}
}  // namespace

BOOST_AUTO_TEST_CASE(layers_of_another_k_run_at_the_tops_and_each_is_said) {
  // fashion_cnn: conv1 and conv2 at k = 8, fc1 at 16, fc2 at the accelerator's (0)
  std::ostringstream note;
  const std::vector<Layer> l = circa::cosim::at_top_block_size(fashion().layers, 16, note);
  BOOST_TEST_REQUIRE(l.size() == 4u);
  for (const Layer& x : l) BOOST_TEST((x.block_size == 16 || x.block_size == 0), x.name);
  BOOST_TEST(l[3].block_size == 0);  // unset stays unset: it already is the top's k
  const std::string said = note.str();
  BOOST_TEST(said.find("'conv1' runs at the top's k = 16 (the workload gives 8)") !=
             std::string::npos);
  BOOST_TEST(said.find("'conv2'") != std::string::npos);
  BOOST_TEST(said.find("'fc1'") == std::string::npos);  // already 16
  BOOST_TEST(std::count(said.begin(), said.end(), '\n') == 2);
}

BOOST_AUTO_TEST_CASE(a_workload_at_the_tops_k_is_run_as_written) {
  std::ostringstream note;
  const std::vector<Layer> l = circa::cosim::at_top_block_size(fashion().layers, 8, note);
  BOOST_TEST(l[0].block_size == 8);
  BOOST_TEST(l[2].block_size == 8);  // fc1's 16 becomes the top's 8
  const std::string said = note.str();
  BOOST_TEST(std::count(said.begin(), said.end(), '\n') == 1);
}

BOOST_AUTO_TEST_CASE(layer_picks_one_layer_or_all_and_names_a_missing_one) {
  BOOST_TEST(circa::cosim::pick_layers(fashion(), "").size() == 4u);
  BOOST_TEST(circa::cosim::pick_layers(fashion(), "fc1").at(0).name == "fc1");
  BOOST_CHECK_EXCEPTION(circa::cosim::pick_layers(fashion(), "fc9"), circa::ConfigError,
                        [](const circa::ConfigError& e) {
                          return std::string(e.what()).find("no layer 'fc9'") != std::string::npos;
                        });
}
