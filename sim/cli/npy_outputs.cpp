#include "cli/npy_outputs.hpp"

#include <filesystem>

#include "common/error.hpp"
#include "numerics/fixed_point.hpp"
#include "sysc/npy.hpp"

namespace circa::cli {

void make_out_dir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw ConfigError("--out " + dir + ": cannot create the directory: " + ec.message());
}

void write_codes(const std::string& stem, const std::vector<int64_t>& shape,
                 const std::vector<int64_t>& codes, const FixedFormat& f) {
  std::vector<double> reals(codes.size());
  for (size_t i = 0; i < codes.size(); ++i) reals[i] = num::to_double(codes[i], f);
  sysc::write_npy_int64(stem + ".npy", shape, codes);
  sysc::write_npy(stem + "_real.npy", shape, reals);
}

}  // namespace circa::cli
