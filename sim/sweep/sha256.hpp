// SHA-256 (FIPS 180-4), for content keys of sweep points: a point's key is the hash of its
// canonical configuration text, so equal configurations share a key across runs and machines.
#pragma once

#include <string>
#include <string_view>

namespace circa::sweep {

/// The SHA-256 digest of `data` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace circa::sweep
