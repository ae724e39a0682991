// Splitting a sweep over independent jobs (`circa sweep FILE --shard I/N`, any scheduler): shard I
// of N evaluates the points whose index in the sweep is I modulo N, into its own folder's store.
// Each store records which sweep filled it (a hash of what decides its points and goals), the
// tool version and the shard, so `circa sweep merge` can refuse a store of another sweep.
#pragma once

#include <cstddef>
#include <string>

#include "sweep/point.hpp"
#include "sweep/sweep_spec.hpp"

namespace circa::sweep {

struct Shard {
  size_t index = 0;  ///< I, in [0, count)
  size_t count = 1;  ///< N
  bool given = false;  ///< set by parse_shard: a shard (even 0/1) writes no reports, confirms none

  bool whole() const { return !given; }
  /// The number of the sweep's `n` points (indices) that fall in this shard.
  size_t size(size_t n) const { return n > index ? (n - index + count - 1) / count : 0; }
  /// The sweep index of this shard's j-th point.
  size_t point(size_t j) const { return index + j * count; }
  std::string text() const { return std::to_string(index) + "/" + std::to_string(count); }
};

/// Parses `--shard I/N`; ConfigError naming the flag and the fix when malformed or I >= N.
Shard parse_shard(const std::string& text);

/// The sweep's identity: sha256 over its goals, axes and values, seed, and the texts of its base
/// accelerator, workload and accuracy section. Equal for every shard of one sweep.
std::string sweep_hash(const SweepSpec& s, const SweepContext& ctx);

/// Names of the store's meta rows that identify a sweep's store.
inline constexpr const char* kMetaSweepHash = "sweep_hash";
inline constexpr const char* kMetaToolVersion = "tool_version";
inline constexpr const char* kMetaShard = "shard";         ///< "I/N"; absent for a whole sweep
inline constexpr const char* kMetaShardPoints = "points";  ///< points of the store's sweep or shard

}  // namespace circa::sweep
