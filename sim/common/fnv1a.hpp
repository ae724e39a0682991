// FNV-1a, 64 bit: the one stable, portable hash of the project (std::hash is neither). It keys
// caches (CACTI results, Verilator builds), names generated modules and configs, splits the SRAM
// fit's hold-out rows, seeds the per-channel stalls and checksums outputs. Not cryptographic.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace circa {

constexpr std::uint64_t kFnv1aOffset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnv1aPrime = 0x100000001b3ULL;

/// FNV-1a over `bytes`, continuing from `h` (the standard offset basis for a fresh hash).
inline std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t h = kFnv1aOffset) {
  for (unsigned char c : bytes) h = (h ^ c) * kFnv1aPrime;
  return h;
}

/// FNV-1a over each code as 8 little-endian bytes (output checksums).
inline std::uint64_t fnv1a64_codes(const std::vector<std::int64_t>& codes,
                                   std::uint64_t h = kFnv1aOffset) {
  for (std::int64_t c : codes) {
    auto u = static_cast<std::uint64_t>(c);
    for (int i = 0; i < 8; ++i, u >>= 8) h = (h ^ (u & 0xff)) * kFnv1aPrime;
  }
  return h;
}

}  // namespace circa
