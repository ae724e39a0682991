// Every malformed file under tests/data/bad must be refused with a one-line message that contains
// each "# expect: ..." line written at the top of that file (location, YAML path, problem, fix).
#define BOOST_TEST_MODULE spec_errors
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "spec/config_loader.hpp"

namespace fs = std::filesystem;
namespace bdata = boost::unit_test::data;
using namespace circa;

namespace {

const fs::path kBadDir = fs::path(CIRCA_SOURCE_DIR) / "tests" / "data" / "bad";

std::vector<std::string> bad_files() {
  std::vector<std::string> v;
  for (const auto& e : fs::directory_iterator(kBadDir))
    if (e.path().extension() == ".yaml") v.push_back(e.path().filename().string());
  std::sort(v.begin(), v.end());
  return v;
}

std::vector<std::string> expectations(const fs::path& file) {
  std::ifstream in(file);
  std::vector<std::string> v;
  const std::string tag = "# expect: ";
  for (std::string line; std::getline(in, line);)
    if (line.rfind(tag, 0) == 0) v.push_back(line.substr(tag.size()));
  return v;
}

/// Loads the file as what its name says (a* accelerator, w* workload); returns the error text.
std::string error_of(const fs::path& file) {
  try {
    if (file.filename().string()[0] == 'w')
      load_workload(file.string());
    else
      load_accelerator(file.string());
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(there_are_at_least_25_malformed_inputs) {
  BOOST_TEST(bad_files().size() >= 25u);
}

BOOST_DATA_TEST_CASE(malformed_input_is_refused_with_a_precise_message, bdata::make(bad_files()),
                     name) {
  const fs::path file = kBadDir / name;
  const auto expected = expectations(file);
  BOOST_TEST_REQUIRE(!expected.empty(), name << " has no '# expect:' line");
  const std::string message = error_of(file);
  BOOST_TEST_MESSAGE(name << " -> " << message);
  BOOST_TEST_REQUIRE(!message.empty(), name << " was accepted");
  BOOST_TEST(message.find('\n') == std::string::npos, "message is not one line: " << message);
  BOOST_TEST(message.find(name) != std::string::npos, "message does not name the file");
  for (const auto& want : expected)
    BOOST_TEST(message.find(want) != std::string::npos, "missing '" << want << "' in: " << message);
}
