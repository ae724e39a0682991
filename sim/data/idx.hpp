// A strict reader for IDX files (the MNIST family's format), gzip-compressed or plain: a 4-byte
// magic (0, 0, type, number of dimensions), the dimensions as big-endian uint32, then the data.
// Only unsigned bytes (type 0x08) are read: images and labels of Fashion-MNIST are both.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace circa::data {

struct IdxArray {
  std::vector<int64_t> shape;   ///< shape[0] is the item count (after `max_items`)
  std::vector<uint8_t> values;  ///< C order
};

/// Reads `file` expecting `dims` dimensions. max_items > 0 reads only the first items. Every
/// problem (missing, not gzip/IDX, wrong magic or rank, truncated) is one ConfigError naming
/// the file.
IdxArray read_idx(const std::string& file, int dims, int64_t max_items = 0);

/// Writes a gzip IDX file of unsigned bytes (test fixtures and dataset subsets).
void write_idx_gz(const std::string& file, const std::vector<int64_t>& shape,
                  const std::vector<uint8_t>& values);

}  // namespace circa::data
