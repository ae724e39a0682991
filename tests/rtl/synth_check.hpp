// Shared by test_rtl_synth and test_rtl_synth_long: one bundled config through Yosys.
#pragma once

#include <boost/test/unit_test.hpp>
#include <cctype>
#include <string>
#include <vector>

#include "gen/generator.hpp"
#include "gen/synth.hpp"
#include "golden_vectors.hpp"

namespace circa::rtltest {

/// Generates a bundled config (its top, or its units while it has none) and checks each with Yosys.
inline void check_config_synthesizes(const std::string& cfg, const std::vector<std::string>& overrides = {}) {
  const AcceleratorSpec s = spec_of(cfg, overrides);
  const gen::Design d = gen::generate_design(s, {});
  std::string dir = "synth_" + cfg;
  for (const auto& o : overrides)
    for (const char ch : "_" + o) dir += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  const auto results = gen::synthesize_design(work_dir(dir), d,
                                              gen::render(d, s, gen::header_for(s, {})));
  BOOST_TEST(results.size() == gen::synth_tops(d).size());
  for (const auto& [top, r] : results) {
    BOOST_TEST_CONTEXT(top) {
      BOOST_TEST(r.ok);
      for (const auto& p : r.problems) BOOST_TEST_MESSAGE(p);
      BOOST_TEST(r.stat.find("Number of cells") != std::string::npos);
    }
  }
}

}  // namespace circa::rtltest
