// The co-simulation tests' helpers: a case's options on configs/small.yaml, run_cosim in a child
// with its outcome, and the Verilator lint of the co-simulated top.
#pragma once

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <sstream>

#include "cosim/cosim.hpp"
#include "cosim/cosim_child.hpp"
#include "eval/run_spec.hpp"
#include "gen/run_program.hpp"

namespace circa::cosim_test {
namespace fs = std::filesystem;
using circa::cosim::CosimOptions;
using circa::cosim::CosimResult;

inline const std::string kSrc = CIRCA_SOURCE_DIR;

inline CosimOptions options(std::vector<std::string> overrides, uint64_t seed,
                            const std::string& vcd, const std::string& workload = "fc_small.yaml") {
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
  std::string port, build_dir, report;
  std::vector<int64_t> done_cycles, first_beats;
};

/// run_cosim in a child (on `layer` when given, else o.workload's) on the spec `circa cosim`
/// runs, its result back as JSON.
inline Outcome cosim(const CosimOptions& o, const circa::Layer* layer = nullptr) {
  std::ostringstream notes;
  const circa::AcceleratorSpec s =
      circa::eval::load_run_spec(o.config, circa::parse_overrides(o.overrides), notes);
  const CosimResult r = circa::cosim::run_cosim_in_child(
      o, s,
      layer != nullptr ? std::vector<circa::Layer>{*layer} : circa::cosim::cosim_layers(o, s));
  Outcome c;
  c.ok = r.ok;
  c.mismatch_cycle = r.mismatch_cycle;
  c.compared = r.compared;
  c.outputs = r.outputs_checked;
  c.products = r.products_done;
  c.T = r.layers.empty() || r.layers[0].reference.empty() ? 0 : r.layers[0].reference[0];
  c.port = r.mismatch_port.empty() ? "-" : r.mismatch_port;
  c.build_dir = r.build_dir;
  c.done_cycles = r.done_cycles;
  c.first_beats = r.first_beats;
  c.report = circa::cosim::describe(r);
  BOOST_TEST_MESSAGE(c.report);
  return c;
}

/// `verilator --lint-only -Wall` of the co-simulated top (its files in the build folder): the
/// matrix configs must be as lint-clean as the bundled ones.
inline void expect_lint_clean(const std::string& dir) {
  std::string top;
  std::vector<std::string> cmd{"verilator", "--lint-only", "-Wall"};
  for (const auto& sub : {fs::path(dir), fs::path(dir) / "rtl"})
    for (const auto& f : fs::directory_iterator(sub))
      if (f.path().extension() == ".v") {
        cmd.push_back(f.path().string());
        if (f.path().stem().string().rfind("circa_top_", 0) == 0) top = f.path().stem().string();
      }
  BOOST_REQUIRE(!top.empty());
  cmd.insert(cmd.begin() + 3, {"--top-module", top});
  const circa::gen::ProgramResult r = circa::gen::run_program(cmd, dir);
  BOOST_TEST(r.exit_code == 0, top << ":\n" << r.output.substr(0, 2000));
}

inline void expect_agreement(const CosimOptions& o, const circa::Layer* layer = nullptr) {
  const Outcome c = cosim(o, layer);
  BOOST_TEST(c.ok, c.report);
  BOOST_TEST(c.mismatch_cycle == -1);
  BOOST_TEST(c.products == o.products);
  BOOST_TEST(c.outputs > 0);
  BOOST_TEST(c.T > 0);
}

}  // namespace circa::cosim_test
