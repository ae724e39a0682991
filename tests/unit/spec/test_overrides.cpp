// -p key.path=value overrides: applied after the files, validated like file values, and named in
// errors by the override itself.
#include <boost/test/unit_test.hpp>

#include "spec/config_loader.hpp"

using namespace circa;

namespace {
const std::string kDefault = std::string(CIRCA_SOURCE_DIR) + "/configs/default.yaml";

std::string error_of(const std::vector<std::string>& args) {
  try {
    load_accelerator(kDefault, parse_overrides(args));
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

BOOST_AUTO_TEST_SUITE(overrides)

BOOST_AUTO_TEST_CASE(override_replaces_the_file_value) {
  const auto spec = load_accelerator(kDefault, {parse_override("mac.lanes=16")}).spec;
  BOOST_TEST(spec.mac.lanes == 16);
}

BOOST_AUTO_TEST_CASE(unknown_override_suggests_the_closest_parameter) {
  const std::string e = error_of({"mac.lane=16"});
  BOOST_TEST(e.find("-p mac.lane=16: error: mac.lane: unknown parameter (did you mean 'mac.lanes'?)") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(override_value_is_range_checked) {
  const std::string e = error_of({"block_size=3"});
  BOOST_TEST(e.find("-p block_size=3: error: block_size: value '3': must be a power of two") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(override_is_cross_checked_against_the_file) {
  const std::string e = error_of({"block_size=2"});
  BOOST_TEST(e.find("fft.samples_per_cycle: value 4 exceeds block_size 2") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(malformed_override_is_refused) {
  const std::string e = error_of({"mac.lanes"});
  BOOST_TEST(e.find("override 'mac.lanes' is not key.path=value") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(workload_block_size_must_fit_the_accelerator) {
  Workload w;
  Layer l;
  l.name = "fc1";
  l.block_size = 128;
  w.layers.push_back(l);
  auto spec = default_accelerator();
  BOOST_CHECK_EXCEPTION(check_workload_fits(w, spec), ConfigError, [](const ConfigError& e) {
    return std::string(e.what()).find("uses block_size 128 but the accelerator's FFT handles at most 64") != std::string::npos;
  });
}

BOOST_AUTO_TEST_SUITE_END()
