// What the benchmarks run: configs/default.yaml with one n x n fc layer at the accelerator's k.
#pragma once

#include <string>

#include "spec/workload.hpp"

namespace circa::sysc {

/// The benchmark's workload: one fc layer, n inputs to n outputs, k = the accelerator's.
Workload fc_workload(int n);

/// The bundled default configuration's path (compiled in; CIRCA_ROOT overrides the root).
std::string default_config_path();

}  // namespace circa::sysc
