#include "sysc/npy.hpp"

#include <charconv>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include "common/error.hpp"

namespace circa::sysc {
namespace {

constexpr uint32_t kMaxHeaderBytes = 1 << 20;
constexpr int64_t kMaxElements = int64_t{1} << 40;  // far above any weight array; no overflow

[[noreturn]] void fail(const std::string& file, const std::string& problem) {
  throw ConfigError(file + ": not a usable .npy file: " + problem);
}

std::string read_header(std::ifstream& in, const std::string& file) {
  char magic[8];
  if (!in.read(magic, 8) || std::memcmp(magic, "\x93NUMPY", 6) != 0)
    fail(file, "missing the \\x93NUMPY magic");
  const int major = static_cast<unsigned char>(magic[6]);
  if (major < 1 || major > 3) fail(file, "format version " + std::to_string(major) + " unknown");
  unsigned char len[4] = {0, 0, 0, 0};
  const int len_bytes = major == 1 ? 2 : 4;
  if (!in.read(reinterpret_cast<char*>(len), len_bytes)) fail(file, "truncated header");
  const uint32_t n = len[0] | len[1] << 8 | len[2] << 16 | uint32_t{len[3]} << 24;
  // numpy pads its header to a multiple of 64 bytes; a longer one is not worth allocating.
  if (n > kMaxHeaderBytes)
    fail(file, "header of " + std::to_string(n) + " bytes (numpy writes a few hundred)");
  std::string header(n, '\0');
  if (!in.read(header.data(), n)) fail(file, "truncated header");
  return header;
}

constexpr const char* kSpace = " \t\n\v\f\r";

/// Where the value of the header dict's `'key':` starts, or npos. Plain scanning, not std::regex:
/// libstdc++'s regex recurses once per character it matches, so a long value (the header may
/// have up to kMaxHeaderBytes) overflowed the stack.
size_t value_of(const std::string& header, const std::string& key) {
  const std::string quoted = "'" + key + "'";
  for (size_t at = header.find(quoted); at != std::string::npos; at = header.find(quoted, at + 1)) {
    size_t p = header.find_first_not_of(kSpace, at + quoted.size());
    if (p == std::string::npos || header[p] != ':') continue;
    p = header.find_first_not_of(kSpace, p + 1);
    if (p != std::string::npos) return p;
  }
  return std::string::npos;
}

/// The text between `open` at `p` and the next `close`, or nullopt.
std::optional<std::string> enclosed(const std::string& header, size_t p, char open, char close) {
  if (p == std::string::npos || header[p] != open) return std::nullopt;
  const size_t end = header.find(close, p + 1);
  if (end == std::string::npos) return std::nullopt;
  return header.substr(p + 1, end - p - 1);
}

std::vector<int64_t> parse_shape(const std::string& header, const std::string& file) {
  const std::optional<std::string> dims = enclosed(header, value_of(header, "shape"), '(', ')');
  if (!dims) fail(file, "header has no 'shape'");
  std::vector<int64_t> shape;
  std::stringstream ss(*dims);
  std::string item;
  while (std::getline(ss, item, ',')) {
    const size_t b = item.find_first_not_of(kSpace);
    if (b == std::string::npos) continue;
    const size_t e = item.find_last_not_of(kSpace) + 1;
    int64_t d = 0;
    const auto [end, ec] = std::from_chars(item.data() + b, item.data() + e, d);
    if (ec != std::errc() || end != item.data() + e) fail(file, "bad shape entry '" + item + "'");
    shape.push_back(d);
  }
  return shape;
}

}  // namespace

NpyArray read_npy(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError(file + ": cannot open the file");
  const std::string header = read_header(in, file);
  const std::optional<std::string> dtype = enclosed(header, value_of(header, "descr"), '\'', '\'');
  if (!dtype) fail(file, "header has no 'descr'");
  const std::string& descr = *dtype;
  if (descr != "<f4" && descr != "<f8" && descr != "<i4" && descr != "<i8")
    fail(file, "dtype '" + descr + "'; use little-endian float32/float64/int32/int64");
  const size_t order = value_of(header, "fortran_order");
  if (order == std::string::npos || header.compare(order, 5, "False") != 0)
    fail(file, "Fortran order; save a C-order array (np.ascontiguousarray)");
  NpyArray a;
  a.shape = parse_shape(header, file);
  a.integral = descr[1] == 'i';
  int64_t count = 1;
  for (int64_t d : a.shape) {
    if (d < 0) fail(file, "negative dimension " + std::to_string(d) + " in its shape");
    if (d > 0 && count > kMaxElements / d) fail(file, "shape too large to be a weight array");
    count *= d;
  }
  const int size = descr[2] == '4' ? 4 : 8;
  // Compare with what the file holds before allocating, so a lying shape costs nothing.
  const std::streampos data_start = in.tellg();
  in.seekg(0, std::ios::end);
  const std::streamoff available = in.tellg() - data_start;
  in.seekg(data_start);
  if (available < count * size) fail(file, "data shorter than its shape says");
  std::vector<char> raw(static_cast<size_t>(count) * size);
  if (!in.read(raw.data(), static_cast<std::streamsize>(raw.size())))
    fail(file, "data shorter than its shape says");
  if (in.peek() != std::char_traits<char>::eof()) fail(file, "data longer than its shape says");
  a.values.resize(count);
  for (int64_t i = 0; i < count; ++i) {
    const char* p = raw.data() + i * size;
    if (descr == "<f4") { float v; std::memcpy(&v, p, 4); a.values[i] = v; }
    else if (descr == "<f8") { double v; std::memcpy(&v, p, 8); a.values[i] = v; }
    else if (descr == "<i4") { int32_t v; std::memcpy(&v, p, 4); a.values[i] = v; }
    else { int64_t v; std::memcpy(&v, p, 8); a.values[i] = static_cast<double>(v); }
  }
  return a;
}

namespace {

/// A version-1.0 .npy file: magic, header (padded to 64 bytes), then `bytes` of little-endian
/// elements of type `descr`.
void write_npy_raw(const std::string& file, const std::vector<int64_t>& shape, const char* descr,
                   const void* data, size_t bytes) {
  std::string dims;
  for (int64_t d : shape) dims += std::to_string(d) + ",";
  if (shape.size() > 1) dims.pop_back();
  std::string header = std::string("{'descr': '") + descr +
                       "', 'fortran_order': False, 'shape': (" + dims + "), }";
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::ofstream out(file, std::ios::binary);
  const uint16_t n = static_cast<uint16_t>(header.size());
  out.write("\x93NUMPY\x01\x00", 8);
  const char len[2] = {static_cast<char>(n & 0xff), static_cast<char>(n >> 8)};
  out.write(len, 2);
  out << header;
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(bytes));
  if (!out) throw ConfigError(file + ": cannot write the file; check the folder is writable");
}

}  // namespace

void write_npy(const std::string& file, const std::vector<int64_t>& shape,
               const std::vector<double>& values) {
  write_npy_raw(file, shape, "<f8", values.data(), values.size() * sizeof(double));
}

void write_npy_int64(const std::string& file, const std::vector<int64_t>& shape,
                     const std::vector<int64_t>& values) {
  write_npy_raw(file, shape, "<i8", values.data(), values.size() * sizeof(int64_t));
}

}  // namespace circa::sysc
