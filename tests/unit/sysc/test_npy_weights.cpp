// `circa sim --weights DIR`: .npy weights round-trip into the same layer weights the random
// generator would give, and malformed files are refused with the file named.
#define BOOST_TEST_MODULE npy_weights
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include "common/error.hpp"
#include "spec/config_loader.hpp"
#include "sysc/npy.hpp"
#include "sysc/workload_data.hpp"

using namespace circa;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("circa_npy_" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

const std::string kRoot = CIRCA_SOURCE_DIR;

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(npy_round_trip_keeps_shape_and_values) {
  TempDir d;
  const std::string f = (d.path / "a.npy").string();
  sysc::write_npy(f, {2, 3}, {1.5, -2, 0.25, 3, 4, -0.125});
  const sysc::NpyArray a = sysc::read_npy(f);
  BOOST_TEST(a.shape == (std::vector<int64_t>{2, 3}), boost::test_tools::per_element());
  BOOST_TEST(a.values == (std::vector<double>{1.5, -2, 0.25, 3, 4, -0.125}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(weights_folder_reproduces_the_random_weights) {
  const AcceleratorSpec s = load_accelerator(kRoot + "/configs/small.yaml").spec;
  const Workload w = load_workload(kRoot + "/workloads/lenet300.yaml");
  const sysc::WorkloadData random = sysc::random_data(s, w, 5);
  TempDir d;
  for (size_t i = 0; i < w.layers.size(); ++i) {
    const auto& lw = random.weights[i];
    sysc::write_npy((d.path / (w.layers[i].name + ".weights.npy")).string(),
                    {lw.w.p, lw.w.q, lw.w.k}, lw.w.w);
    sysc::write_npy((d.path / (w.layers[i].name + ".bias.npy")).string(),
                    {int64_t(lw.bias.size())}, lw.bias);
  }
  const sysc::WorkloadData loaded = sysc::load_data(d.path.string(), s, w, 5);
  BOOST_TEST_REQUIRE(loaded.weights.size() == w.layers.size());
  for (size_t i = 0; i < w.layers.size(); ++i) {
    BOOST_TEST(loaded.weights[i].w.w == random.weights[i].w.w, boost::test_tools::per_element());
    BOOST_TEST(loaded.weights[i].bias == random.weights[i].bias, boost::test_tools::per_element());
  }
}

BOOST_AUTO_TEST_CASE(truncated_or_misshapen_files_are_refused_naming_the_file) {
  TempDir d;
  const std::string f = (d.path / "bad.npy").string();
  sysc::write_npy(f, {4}, {1, 2, 3, 4});
  fs::resize_file(f, fs::file_size(f) - 8);
  const std::string e = error_of([&] { sysc::read_npy(f); });
  BOOST_TEST(e.find("bad.npy") != std::string::npos, e);
  std::ofstream(d.path / "junk.npy") << "not an npy file";
  const std::string j = error_of([&] { sysc::read_npy((d.path / "junk.npy").string()); });
  BOOST_TEST(j.find("junk.npy") != std::string::npos, j);
  const AcceleratorSpec s = load_accelerator(kRoot + "/configs/small.yaml").spec;
  const Workload w = load_workload(kRoot + "/workloads/lenet300.yaml");
  const std::string m = error_of([&] { sysc::load_data(d.path.string(), s, w, 1); });
  BOOST_TEST(m.find("fc1.weights.npy") != std::string::npos, m);
}
