// The layer switch (SCHEDULE.md): a network's cycles are its layers' cycles, each measured by
// simulating that layer alone, plus arch::kLayerSwitchCycles between consecutive layers, in both
// the SystemC and the analytical model; products within a layer stay back to back.
#define BOOST_TEST_MODULE layer_switch
#include <boost/test/unit_test.hpp>

#include "../default_spec.hpp"
#include "analytical/estimate.hpp"
#include "arch/layer_program.hpp"
#include "sysc/simulate.hpp"

using namespace circa;

namespace {

Layer fc_layer(const std::string& name, int in, int out) {
  Layer l;
  l.name = name;
  l.in_features = in;
  l.out_features = out;
  return l;
}

Layer lstm_layer(int input, int hidden, int steps) {
  Layer l;
  l.name = "lstm";
  l.kind = LayerKind::lstm;
  l.input_size = input;
  l.hidden_size = hidden;
  l.time_steps = steps;
  return l;
}

Workload network(const std::vector<Layer>& layers) {
  Workload w;
  w.name = "net";
  w.layers = layers;
  return w;
}

/// The SystemC model's report of `w` (bit-exact checked).
nlohmann::json simulated(const AcceleratorSpec& s, const Workload& w) {
  const nlohmann::json r = sysc::simulate_in_child(s, w, sysc::SimOptions{});
  BOOST_TEST(r["bit_exact"].get<bool>(), r["mismatch"].get<std::string>());
  return r["report"];
}

int64_t simulated_cycles(const AcceleratorSpec& s, const Workload& w) {
  return simulated(s, w)["cycles"].get<int64_t>();
}

/// Both models on the network of `a` then `b` against the two layers simulated alone.
void check_pair(const AcceleratorSpec& s, const Layer& a, const Layer& b) {
  const int64_t alone_a = simulated_cycles(s, network({a}));
  const int64_t alone_b = simulated_cycles(s, network({b}));
  const int64_t expected = alone_a + alone_b + arch::kLayerSwitchCycles;
  const nlohmann::json sim = simulated(s, network({a, b}));
  const arch::RunReport est = ana::estimate(s, network({a, b}));
  BOOST_TEST_MESSAGE(a.name << " alone " << alone_a << ", " << b.name << " alone " << alone_b
                            << ", both: sim " << sim["cycles"] << ", estimate " << est.cycles);
  BOOST_TEST(sim["cycles"].get<int64_t>() == expected);
  BOOST_TEST(est.cycles == expected);
  // The switch belongs to neither layer: the second starts after it.
  BOOST_TEST(sim["layers"][1]["start_cycle"].get<int64_t>() == alone_a + arch::kLayerSwitchCycles);
  BOOST_TEST(est.layers[1].start_cycle == alone_a + arch::kLayerSwitchCycles);
  BOOST_TEST(sim["layers"][1]["cycles"].get<int64_t>() == alone_b);
}

}  // namespace

BOOST_AUTO_TEST_CASE(two_fc_layers_take_their_runs_alone_plus_one_switch) {
  check_pair(test::default_spec(), fc_layer("fc1", 100, 70), fc_layer("fc2", 70, 10));
}

// Time steps run back to back inside the lstm layer; the switch comes only before the fc.
BOOST_AUTO_TEST_CASE(lstm_then_fc_switches_once) {
  const AcceleratorSpec s = test::default_spec();
  const Layer lstm = lstm_layer(20, 16, 3);
  const auto h_all = static_cast<int>(geometry(lstm, s.block_size).output_elements);
  check_pair(s, lstm, fc_layer("fc", h_all, 10));
}

BOOST_AUTO_TEST_CASE(products_within_a_layer_stay_back_to_back) {
  const nlohmann::json r = simulated(test::default_spec(), network({lstm_layer(20, 16, 3)}));
  const nlohmann::json& l = r["layers"][0];
  BOOST_TEST(l["products"].get<int64_t>() == 3);
  BOOST_TEST(l["cycles"].get<int64_t>() ==
             l["products"].get<int64_t>() * l["product_cycles"].get<int64_t>());
  BOOST_TEST(r["cycles"].get<int64_t>() == l["cycles"].get<int64_t>());
}
