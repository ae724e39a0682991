// FNV-1a, 64 bit: the output checksum and the per-channel stall seeds (portable, unlike
// std::hash, so a seed means the same stalls on every platform).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace circa::sysc {

constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr uint64_t kFnvPrime = 0x100000001b3ULL;

inline uint64_t fnv1a(const void* data, size_t n, uint64_t h = kFnvOffset) {
  const auto* b = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < n; ++i) h = (h ^ b[i]) * kFnvPrime;
  return h;
}
inline uint64_t fnv1a(const std::string& s) { return fnv1a(s.data(), s.size()); }

/// Checksum of output codes: FNV-1a over each code as 8 little-endian bytes.
inline uint64_t fnv1a_codes(const std::vector<int64_t>& codes, uint64_t h = kFnvOffset) {
  for (int64_t c : codes) {
    uint64_t u = static_cast<uint64_t>(c);
    for (int i = 0; i < 8; ++i, u >>= 8) h = (h ^ (u & 0xff)) * kFnvPrime;
  }
  return h;
}

}  // namespace circa::sysc
