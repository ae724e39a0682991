// A co-simulation in a forked child (SystemC elaborates once per process), its result sent back
// to the parent as JSON: every field by name, none read back by position.
#pragma once

#include <nlohmann/json.hpp>

#include "cosim/cosim.hpp"

namespace circa::cosim {

nlohmann::json to_json(const CosimResult& r);
/// The inverse of to_json; throws nlohmann::json::exception on a missing field.
CosimResult cosim_result_from_json(const nlohmann::json& j);

/// run_cosim(o, s, layers) in a child process (sysc::run_in_child): errors come back as the
/// exceptions the child threw (ConfigError, ToolError, else InternalError).
CosimResult run_cosim_in_child(const CosimOptions& o, const AcceleratorSpec& s,
                               const std::vector<Layer>& layers);

}  // namespace circa::cosim
