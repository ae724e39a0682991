// Shared helpers of the cost-model tests: where the CACTI reference data is, temp folders, files.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cost/sram_query.hpp"

namespace circa::test {

/// <shared>/reference/cacti: $CIRCA_SHARED_DIR if set, else next to the source tree.
inline std::string reference_dir() {
  const char* env = std::getenv("CIRCA_SHARED_DIR");
  return std::string(env && *env ? env : CIRCA_SOURCE_DIR "/../shared") + "/reference/cacti";
}

inline std::string sample_path(const std::string& name) {
  return reference_dir() + "/samples/" + name;
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("test data missing: " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void spit(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

/// A fresh folder under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "circa-cost-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = std::filesystem::canonical(tmpl).string();
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

/// A query with the reference sweep's baseline settings.
inline SramQuery make_query(std::int64_t size, int block, int tech = 45, int banks = 1) {
  SramQuery q;
  q.size_bytes = size;
  q.block_bytes = block;
  q.tech_nm = tech;
  q.banks = banks;
  return q;
}

}  // namespace circa::test
