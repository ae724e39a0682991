// `circa sweep FILE --slurm`: the sweep as a Slurm job array. Circa writes two batch scripts into
// OUT/slurm/ and submits them with sbatch: an array of N tasks, task I running `circa sweep FILE
// --shard I/N --out OUT/shards/shard-I-of-N`, and a job that starts after the array has ended
// (--dependency=afterany) and runs `circa sweep merge OUT OUT/shards/shard-*-of-N`. Submitting
// again runs only the points the shards' stores do not hold yet.
#pragma once

#include <string>

#include "sweep/command.hpp"

namespace circa::sweep {

struct SlurmOptions {
  int tasks = 4;          ///< array tasks (shards); capped at the sweep's point count
  std::string partition;  ///< sbatch --partition; "" = the cluster's default
  std::string time;       ///< sbatch --time per task; "" = the partition's default
  std::string circa;      ///< absolute path of the circa executable the tasks run
};

/// Writes the scripts and submits them; prints the job ids. ConfigError for bad options,
/// ToolError when sbatch is missing or refuses a script. Returns the exit status (0).
int slurm_command(const SweepCommandOptions& o, const SlurmOptions& so);

}  // namespace circa::sweep
