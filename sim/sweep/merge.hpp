// The stores of a sharded sweep (`circa sweep FILE --shard I/N`) brought together: `circa sweep
// merge OUT DIR...` copies every shard's rows into OUT's store (a row per key, version and
// fidelity, so merging again changes nothing) and writes the reports; `circa sweep status DIR...`
// counts each store's points done, failed and still to run.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace circa::sweep {

/// Merges the stores of `dirs` into `out`'s (created when needed) and writes its reports. Every
/// store must be of one sweep (one sweep hash, also `out`'s when it has rows) and of `version`;
/// ConfigError otherwise, before anything is written. Returns the exit status (0).
int merge_command(const std::string& out, const std::vector<std::string>& dirs,
                  const std::string& version);

/// Prints a line per store (a folder holding results.sqlite; a folder with shards/ adds each
/// shard under it): its shard, points ok, failed, still to run and total, then the sum over the
/// shards. Returns 0.
int status_command(const std::vector<std::string>& dirs, const std::string& version,
                   std::ostream& out);

}  // namespace circa::sweep
