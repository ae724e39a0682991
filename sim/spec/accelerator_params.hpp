#pragma once

#include <vector>

#include "spec/accelerator_spec.hpp"
#include "spec/param.hpp"
#include "spec/workload.hpp"

namespace circa {

/// Every accelerator parameter, in the order `config dump` and `config schema` print them.
const std::vector<Param<AcceleratorSpec>>& accelerator_params();

/// Every workload-layer parameter; ParamInfo::applies_to names the layer kinds that take it.
const std::vector<Param<Layer>>& layer_params();

/// Whether a layer parameter belongs to layers of this kind.
bool applies_to(const ParamInfo& p, LayerKind kind);

/// Top-level workload parameters (name, dataset); `layers` is a list handled by the loader.
const std::vector<Param<Workload>>& workload_params();

}  // namespace circa
