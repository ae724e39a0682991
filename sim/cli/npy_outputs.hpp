// Arrays of codes as `circa sim --out` writes them (sysc/outputs_npy.hpp), for `circa accuracy
// --out` and `circa cosim --out`: the int64 codes in <stem>.npy and the reals they stand for in
// <stem>_real.npy, through the one .npy writer (sysc/npy.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "spec/fixed_format.hpp"

namespace circa::cli {

/// Creates the --out folder; ConfigError naming it when it cannot be created.
void make_out_dir(const std::string& dir);

/// <stem>.npy (int64 codes) and <stem>_real.npy (float64, code * 2^-f.frac), both of `shape`.
void write_codes(const std::string& stem, const std::vector<int64_t>& shape,
                 const std::vector<int64_t>& codes, const FixedFormat& f);

}  // namespace circa::cli
