// FNV-1a, 64 bit: a stable, portable hash for cache keys and the deterministic hold-out split.
// Not cryptographic; cache entries also store the full key text and are checked on load.
#pragma once

#include <cstdint>
#include <string_view>

namespace circa {

/// FNV-1a over the bytes of `text`, starting from the standard offset basis xor `seed`.
inline std::uint64_t fnv1a64(std::string_view text, std::uint64_t seed = 0) {
  std::uint64_t h = 0xcbf29ce484222325ULL ^ seed;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace circa
