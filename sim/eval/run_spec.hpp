// The spec a run uses, made in one place for every entry point (CLI commands, benches, the
// Python module, tests): the config file with its overrides, under apply_timing_policy.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "spec/accelerator_spec.hpp"
#include "spec/config_loader.hpp"

namespace circa::eval {

/// load_accelerator(config, overrides), then apply_timing_policy (derate, and
/// weight_sram.read_latency 0 derived from the timing); the policy's note, when there is one, goes
/// to `notes` as one "note: ..." line. ConfigError as both.
AcceleratorSpec load_run_spec(const std::string& config, const std::vector<Override>& overrides,
                              std::ostream& notes);

}  // namespace circa::eval
