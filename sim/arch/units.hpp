// The unit registry: one descriptor per hardware unit, in one vocabulary of names. The cost
// report, the Yosys area cross-check, the generator's manifest and the SystemC top loop over it
// (or switch on UnitId, which the compiler checks for completeness); nothing dispatches on a
// unit's name. Adding a unit: its numerics kernel, its SystemC module, its generator, its
// descriptor here (with its inventory in unit_inventory.cpp), its tests.
#pragma once

#include <optional>
#include <vector>

#include "arch/events.hpp"
#include "arch/memory_map.hpp"
#include "arch/unit_inventory.hpp"

namespace circa::arch {

enum class UnitId {
  fft,
  ifft,
  twiddle_rom,
  mac_array,
  accumulators,
  peripheral,
  lstm_cell,
  weight_stream_fifo,
  controller,
  weight_sram,
  activation_buffer,
  spectrum_buffer,
  offchip,
};
inline constexpr int kUnitCount = static_cast<int>(UnitId::offchip) + 1;

/// How the cost model prices a unit: its logic inventory, an SRAM macro, or off-chip accesses.
enum class Pricing { logic, memory, offchip, none };

/// A module the generator emits for a unit, as the manifest names it (its role).
struct GeneratedModule {
  const char* role;                          ///< key in manifest.json "units"
  Ops (*inventory)(const AcceleratorSpec&);  ///< what one instance is built of (area check)
  bool flatten_when_unrolled;  ///< synthesize flat (constant twiddles fold into multipliers)
};

/// Energy per event: `count` events of the unit, each exercising `ops`, reported when `applies`.
struct EventEnergy {
  bool (*applies)(const AcceleratorSpec&);
  double (*count)(const AcceleratorSpec&, const Events&);
  Ops (*ops)(const AcceleratorSpec&);
};

/// Word accesses of a memory unit, for its SRAM energy.
struct MemoryAccesses {
  double (*reads)(const AcceleratorSpec&, const Events&);
  double (*writes)(const AcceleratorSpec&, const Events&);
};

struct UnitDescriptor {
  UnitId id;
  const char* name;    ///< the one name: cost report, manifest, SystemC instance, stats.json
  const char* params;  ///< the spec parameters it reads (documentation and `circa config schema`)
  Pricing pricing;
  /// Whether the spec builds this unit (e.g. no separate IFFT when fft.shared_ifft).
  bool (*present)(const AcceleratorSpec&);
  Ops (*inventory)(const AcceleratorSpec&);  ///< logic area (Pricing::logic), else null
  std::optional<EventEnergy> energy;         ///< logic or off-chip energy per event
  std::optional<MemoryId> memory;            ///< Pricing::memory: its shape in the memory map
  std::optional<MemoryAccesses> accesses;    ///< Pricing::memory: words read and written
  std::vector<GeneratedModule> modules;      ///< generated modules, manifest roles
};

/// Every unit, in report order (logic, then memories, then the off-chip interface).
const std::vector<UnitDescriptor>& units();
const UnitDescriptor& unit(UnitId id);
const char* to_string(UnitId id);

}  // namespace circa::arch
