#include "data/idx.hpp"

#include <zlib.h>

#include <filesystem>
#include <memory>

#include "common/error.hpp"

namespace circa::data {
namespace {

constexpr int kUnsignedByte = 0x08;
constexpr int64_t kMaxDim = int64_t{1} << 31;    // IDX dimensions are 32-bit
constexpr int64_t kMaxBytes = int64_t{1} << 34;  // far above any dataset here; no overflow

struct GzCloser {
  void operator()(gzFile_s* f) const { gzclose(f); }
};
using Gz = std::unique_ptr<gzFile_s, GzCloser>;

[[noreturn]] void fail(const std::string& file, const std::string& problem) {
  throw ConfigError(file + ": not a usable IDX file: " + problem);
}

// Reads exactly n bytes or fails naming what was being read (truncation, or zlib's complaint).
void read_exact(gzFile f, void* dst, int64_t n, const std::string& file, const char* what) {
  auto* p = static_cast<char*>(dst);
  while (n > 0) {
    const unsigned chunk = static_cast<unsigned>(std::min<int64_t>(n, 1 << 30));
    const int got = gzread(f, p, chunk);
    if (got < 0) {
      int code = 0;
      const std::string msg = gzerror(f, &code);
      // zlib reports a gzip stream cut short as Z_BUF_ERROR ("unexpected end of file").
      if (code == Z_BUF_ERROR)
        fail(file, std::string("truncated in the ") + what + " (" + msg + ")");
      fail(file, std::string("corrupt gzip data in the ") + what + " (" + msg + ")");
    }
    if (got == 0) fail(file, std::string("truncated in the ") + what);
    p += got;
    n -= got;
  }
}

}  // namespace

IdxArray read_idx(const std::string& file, int dims, int64_t max_items) {
  if (!std::filesystem::is_regular_file(file))
    throw ConfigError(file +
                      ": missing (Fashion-MNIST comes with 'apt-get install "
                      "dataset-fashion-mnist', which bash cmake/install-deps.sh runs)");
  Gz f(gzopen(file.c_str(), "rb"));  // gzread reads plain files as they are
  if (!f) fail(file, "cannot be opened");
  unsigned char magic[4];
  read_exact(f.get(), magic, 4, file, "magic number");
  if (magic[0] != 0 || magic[1] != 0) fail(file, "wrong magic (first two bytes must be 0)");
  if (magic[2] != kUnsignedByte)
    fail(file, "wrong magic (element type " + std::to_string(magic[2]) +
                   "; only unsigned bytes, type 8, are read)");
  if (magic[3] != dims)
    fail(file, std::to_string(magic[3]) + " dimensions, expected " + std::to_string(dims));
  IdxArray a;
  int64_t total = 1;
  for (int d = 0; d < dims; ++d) {
    unsigned char b[4];
    read_exact(f.get(), b, 4, file, "dimensions");
    const int64_t n = int64_t{b[0]} << 24 | b[1] << 16 | b[2] << 8 | b[3];
    if (n <= 0 || n >= kMaxDim) fail(file, "dimension " + std::to_string(n));
    a.shape.push_back(n);
    total *= n;
    if (total > kMaxBytes) fail(file, "more than 2^34 elements");
  }
  if (max_items > 0 && max_items < a.shape[0]) {
    total = total / a.shape[0] * max_items;
    a.shape[0] = max_items;
  }
  a.values.resize(static_cast<size_t>(total));
  read_exact(f.get(), a.values.data(), total, file, "data");
  return a;
}

void write_idx_gz(const std::string& file, const std::vector<int64_t>& shape,
                  const std::vector<uint8_t>& values) {
  Gz f(gzopen(file.c_str(), "wb"));
  if (!f) throw ConfigError(file + ": cannot be written");
  std::vector<unsigned char> head = {0, 0, kUnsignedByte, static_cast<unsigned char>(shape.size())};
  for (int64_t n : shape)
    for (int s = 24; s >= 0; s -= 8) head.push_back(static_cast<unsigned char>(n >> s));
  const bool ok =
      gzwrite(f.get(), head.data(), static_cast<unsigned>(head.size())) > 0 &&
      (values.empty() || gzwrite(f.get(), values.data(), static_cast<unsigned>(values.size())) > 0);
  if (!ok || gzclose(f.release()) != Z_OK) throw ConfigError(file + ": cannot be written");
}

}  // namespace circa::data
