// `circa cosim` end to end: the Verilated generated top against the SystemC reference of its
// pins, under seeded random input gaps and output back-pressure. Each case runs in a forked
// child (SystemC elaborates once per process); the Verilated models are cached in cosim-cache/
// of the test's working directory.
#define BOOST_TEST_MODULE cosim
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <sstream>

#include "cosim/cosim.hpp"
#include "sysc/child_process.hpp"

namespace {
namespace fs = std::filesystem;
using circa::cosim::CosimOptions;
using circa::cosim::CosimResult;

const std::string kSrc = CIRCA_SOURCE_DIR;

CosimOptions options(std::vector<std::string> overrides, uint64_t seed, const std::string& vcd,
                     const std::string& workload = "fc_small.yaml") {
  CosimOptions o;
  o.config = kSrc + "/configs/small.yaml";
  o.overrides = std::move(overrides);
  o.workload = kSrc + "/tests/cosim/data/" + workload;
  o.seed = seed;
  o.work = fs::absolute("cosim-cache").string();
  o.vcd = fs::absolute(vcd).string();
  return o;
}

struct Outcome {
  bool ok = false;
  long long mismatch_cycle = -1, compared = 0, outputs = 0, products = 0, T = 0;
  std::string port, report;
};

/// run_cosim in a child; the fields the tests check, one per line, then the report.
Outcome cosim(const CosimOptions& o) {
  const std::string s = circa::sysc::run_in_child([&] {
    const CosimResult r = circa::cosim::run_cosim(o);
    std::ostringstream out;
    out << r.ok << "\n"
        << r.mismatch_cycle << "\n"
        << r.compared << "\n"
        << r.outputs_checked << "\n"
        << r.products_done << "\n"
        << r.product_cycles << "\n"
        << (r.mismatch_port.empty() ? "-" : r.mismatch_port) << "\n"
        << circa::cosim::describe(r);
    return out.str();
  });
  std::istringstream in(s);
  Outcome c;
  in >> c.ok >> c.mismatch_cycle >> c.compared >> c.outputs >> c.products >> c.T >> c.port;
  std::getline(in, c.report);
  c.report = std::string(std::istreambuf_iterator<char>(in), {});
  BOOST_TEST_MESSAGE(c.report);
  return c;
}

void expect_agreement(const CosimOptions& o) {
  const Outcome c = cosim(o);
  BOOST_TEST(c.ok, c.report);
  BOOST_TEST(c.mismatch_cycle == -1);
  BOOST_TEST(c.products == o.products);
  BOOST_TEST(c.outputs > 0);
  BOOST_TEST(c.T > 0);
}

}  // namespace

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
