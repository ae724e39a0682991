// What logic each hardware unit is built of (adders, multipliers, registers, muxes by width),
// counted from the spec the same way the generator builds it. Area is this inventory priced by
// the logic model; energy per event prices the operators one event exercises.
#pragma once

#include <string>
#include <vector>

#include "power/logic_model.hpp"
#include "spec/accelerator_spec.hpp"

namespace circa::power {

/// `count` instances of operator `op` of `bits` bits (a x b multipliers: bits = sqrt(a*b)).
struct OpCount {
  Op op;
  double bits;
  double count;
};

struct UnitInventory {
  std::string unit;  ///< fft, ifft, mac_array, accumulators, twiddle_rom, peripheral, controller
  std::vector<OpCount> ops;
};

/// The logic of the whole datapath for the spec's largest block size (memories excluded: the
/// weight SRAM and activation buffer are priced by the SRAM model).
std::vector<UnitInventory> datapath_inventory(const AcceleratorSpec& s);

/// Operators one event exercises.
std::vector<OpCount> butterfly_ops(const FixedFormat& data, const FixedFormat& twiddle);
std::vector<OpCount> complex_mac_ops(const DatapathFormats& f);
std::vector<OpCount> peripheral_ops(const DatapathFormats& f);

/// Sums energy (pJ) and area (um2) of a list of operators at a node.
Cost price(const std::vector<OpCount>& ops, int node_nm,
           const LogicModel& m = LogicModel::builtin());

}  // namespace circa::power
