// The accelerator's memories (as the memory map lays them out) priced by the SRAM model the spec
// selects: each bank is one single-bank macro (banks are independent arrays, and the built-in model
// covers 1-4 banks).
#pragma once

#include <array>
#include <memory>

#include "arch/memory_map.hpp"
#include "arch/units.hpp"
#include "common/source_text.hpp"
#include "cost/sram_query.hpp"
#include "spec/accelerator_spec.hpp"

namespace circa::eval {

struct MemoryCost {
  SramResult macro;  ///< one bank
  int banks = 1;
  int word_bits = 0;
  /// The macro's sources, interned (figures carry them without copying text).
  SourceText energy_source, area_source, leakage_source, timing_source;
  double area_mm2() const { return banks * macro.area_mm2.value; }
  double leakage_mw() const { return banks * macro.leakage_total_mw.value; }
  /// Energy of `accesses` word reads (or writes) spread over the banks.
  double read_pj(double accesses) const { return accesses * macro.read_energy_pj.value; }
  double write_pj(double accesses) const { return accesses * macro.write_energy_pj.value; }
};

/// The SRAM model of the spec: built-in, or the user's CACTI through the adapter.
std::unique_ptr<SramEstimator> sram_estimator(const AcceleratorSpec& s);

/// One memory of the map (arch/memory_map.hpp), each bank priced as a single-bank macro.
MemoryCost memory_cost(const AcceleratorSpec& s, const SramEstimator& m, arch::MemoryId id);

/// The same with the spec's own SRAM model, from a memory map already built; the built-in
/// model's results are cached per memory shape and technology (the same figures, computed once
/// per thread, shared by every point with that shape).
std::shared_ptr<const MemoryCost> memory_cost(const AcceleratorSpec& s, const arch::MemoryMap& map,
                                              arch::MemoryId id);

/// Every memory unit the spec builds, priced as memory_cost does, indexed by arch::UnitId (null
/// for absent units and for units that are not memories).
using UnitMemories = std::array<std::shared_ptr<const MemoryCost>, arch::kUnitCount>;
UnitMemories unit_memories(const AcceleratorSpec& s, const arch::MemoryMap& map);

}  // namespace circa::eval
