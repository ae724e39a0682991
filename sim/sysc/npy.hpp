// A strict reader for NumPy .npy files (format 1.0/2.0/3.0): little-endian float32, float64,
// int32 or int64, C order. Anything else is refused with a ConfigError naming the file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace circa::sysc {

struct NpyArray {
  std::vector<int64_t> shape;
  std::vector<double> values;  ///< converted to double, C order
  bool integral = false;       ///< the file held integers (exactly representable here)
};

NpyArray read_npy(const std::string& file);

/// Writes float64 little-endian C-order (for tests and for exporting random weights).
void write_npy(const std::string& file, const std::vector<int64_t>& shape,
               const std::vector<double>& values);
/// The same with int64 elements ('<i8'), e.g. integer codes that must compare exactly.
void write_npy_int64(const std::string& file, const std::vector<int64_t>& shape,
                     const std::vector<int64_t>& values);

}  // namespace circa::sysc
