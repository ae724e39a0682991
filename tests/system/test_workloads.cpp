// System tier: every bundled workload on every bundled accelerator (pairs that do not fit are
// skipped, as check_workload_fits refuses them), simulated bit-exact against the golden model,
// without stalls (where the cycle count must equal the analytical model's) and with random
// back-pressure on every channel (outputs unchanged, cycles only longer).
#define BOOST_TEST_MODULE system_workloads
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <iostream>

#include "analytical/estimate.hpp"
#include "common/error.hpp"
#include "eval/run_spec.hpp"
#include "spec/config_loader.hpp"
#include "sysc/simulate.hpp"

namespace bdata = boost::unit_test::data;
using namespace circa;

namespace {

const char* const kConfigs[] = {"default", "small", "clstm_fpga"};
const char* const kWorkloads[] = {"lenet300", "cifar_cnn", "clstm_google", "alexnet_fc"};
const double kStalls[] = {0.0, 0.25};

std::string path(const std::string& dir, const std::string& name) {
  return std::string(CIRCA_SOURCE_DIR) + "/" + dir + "/" + name + ".yaml";
}

}  // namespace

BOOST_DATA_TEST_CASE(bit_exact,
                     bdata::make(kConfigs) * bdata::make(kWorkloads) * bdata::make(kStalls), config,
                     workload, stall) {
  const AcceleratorSpec s = eval::load_run_spec(path("configs", config), {}, std::cerr);
  const Workload w = load_workload(path("workloads", workload));
  try {
    check_workload_fits(w, s);
  } catch (const ConfigError& e) {
    BOOST_TEST_MESSAGE("skipped, does not fit: " << e.what());
    return;
  }
  sysc::SimOptions o;
  o.seed = 11;
  o.stall_prob = stall;
  const nlohmann::json r = sysc::simulate_in_child(s, w, o);
  BOOST_TEST(r["bit_exact"].get<bool>(), r["mismatch"].get<std::string>());
  const int64_t cycles = r["report"]["cycles"].get<int64_t>();
  const int64_t expected = ana::estimate(s, w).cycles;
  bool streams = false;
  for (const auto& l : r["report"]["layers"])
    streams = streams || !l["weights_on_chip"].get<bool>();
  // Random stalls hit the off-chip memory's channels only (the RTL has no handshakes between
  // units): only a streamed layer can lose cycles to them (none when the stream runs far
  // enough ahead of the MAC array).
  if (stall == 0.0 || !streams)
    BOOST_TEST(cycles == expected);
  else
    BOOST_TEST(cycles >= expected);
}
