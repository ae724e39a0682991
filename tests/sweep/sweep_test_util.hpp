// Helpers for the sweep tests: a private temporary folder, sweep files written into it, the
// paths of the bundled configs, a file's text and a two-objective report.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sweep/results.hpp"

namespace circa::sweep::test {

namespace fs = std::filesystem;

inline const std::string kSource = CIRCA_SOURCE_DIR;
inline const std::string kBase = kSource + "/configs/default.yaml";
inline const std::string kLenet = kSource + "/workloads/lenet300.yaml";

/// 4 x 4 x 2 = 32 points; block_size 2 is below the base config's 4 FFT samples per cycle, so
/// those 8 points are invalid combinations, recorded as failed.
inline const std::string kAxes32 =
    "  mac.lanes: [4, 8, 16, 32]\n  block_size: [2, 16, 64, 128]\n  weight_sram.capacity_kib: [64, "
    "256]\n";

/// A fresh folder under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("circa-sweep-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string path(const std::string& name = "") const {
    return name.empty() ? path_.string() : (path_ / name).string();
  }

  /// Writes `text` to `name` inside the folder and returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return path(name);
  }

 private:
  fs::path path_;
};

/// A sweep file over the default config and LeNet-300 with the given axes block (indented by two
/// spaces) and extra top-level lines.
inline std::string sweep_yaml(const std::string& axes, const std::string& extra = "") {
  return "kind: sweep\nname: t\nbase: " + kBase + "\nworkload: " + kLenet + "\naxes:\n" + axes +
         "objectives:\n  minimise: [energy_per_inference_uj, area_mm2]\n" + extra;
}

/// The whole text of `file` ("" when it cannot be read).
inline std::string read_text(const std::string& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// A report over mac.lanes minimising energy per inference and area.
inline ReportSpec two_objectives() {
  ReportSpec r;
  r.name = "t";
  r.fidelity = "analytical";
  r.axis_params = {"mac.lanes"};
  r.objectives = {{"energy_per_inference_uj", Goal::minimise}, {"area_mm2", Goal::minimise}};
  return r;
}

}  // namespace circa::sweep::test
