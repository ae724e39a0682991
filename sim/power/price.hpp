// Prices a list of operators (a unit's inventory from arch, or the operators of one event) with
// the logic model at a node.
#pragma once

#include "arch/unit_inventory.hpp"
#include "power/logic_model.hpp"

namespace circa::power {

/// Sums energy (pJ, one activation of every operator) and area (um2) of `ops` at `node_nm`.
Cost price(const arch::Ops& ops, int node_nm, const LogicModel& m = LogicModel::builtin());

}  // namespace circa::power
