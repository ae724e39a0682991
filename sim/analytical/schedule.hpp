// SCHEDULE.md in closed form: the cycle times of one product of a layer (a recurrence over the
// output groups, and over the issues of a group when weights stream from off-chip) and the
// events of one product. No SystemC here: sweeps call this thousands of times per second.
#pragma once

#include <cstdint>
#include <vector>

#include "arch/events.hpp"
#include "arch/memory_map.hpp"
#include "arch/microarch.hpp"
#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::ana {

/// Times of one output group within a product, cycles from the product's cycle 0.
struct GroupTimes {
  int blocks = 0;          ///< P_g
  int64_t mac_start = 0;   ///< M_g: first issue
  int64_t mac_end = 0;     ///< one past the last issue's cycles (the MAC is free for g+1)
  int64_t ready = 0;       ///< R_g: accumulators final
  int64_t ifft_start = 0;  ///< I_g: first block enters the IFFT
  int64_t done = 0;        ///< D_g: one past the last output write
};

struct ProductSchedule {
  int64_t phase_a = 0;  ///< A = span(q)
  std::vector<GroupTimes> groups;
  std::vector<int64_t> issue_starts;  ///< first cycle of every MAC issue (g, j), in issue order
  int64_t lstm_update = 0;            ///< cell-update cycles after the last group (lstm only)
  int64_t total = 0;                  ///< T (+ the lstm term): cycles of one product
};

/// Cycles a MAC issue occupies when weights are on chip: issue_cycles rows, each read in
/// arch::row_access(...).cycles (1 when a row fits in its bank group).
int64_t sram_issue_cycles(const AcceleratorSpec& s, const arch::MacTiming& m);
int64_t sram_issue_cycles(const arch::MemoryMap& map, const arch::MacTiming& m);

/// The schedule of one product (every product of a layer is the same).
ProductSchedule product_schedule(const AcceleratorSpec& s, const Layer& l,
                                 const arch::LayerPlan& pl);

/// The same with `phase_a_blocks` input FFTs before the MAC (q; 0 for a reuse conv product, whose
/// spectra the row fill put in the line buffer) and `issues` MAC issues per group (q; the
/// on-image input blocks for a reuse conv product).
ProductSchedule product_schedule(const AcceleratorSpec& s, const Layer& l,
                                 const arch::LayerPlan& pl, int phase_a_blocks, int issues);

/// product_schedule(s, l, pl).total without recording each issue's start where no stream needs
/// them: an O(groups) walk for layers with their weights on chip (what the estimate uses).
int64_t product_cycles(const AcceleratorSpec& s, const Layer& l, const arch::LayerPlan& pl);

/// Events of one product of the layer (no one-off configuration writes).
arch::Events product_events(const AcceleratorSpec& s, const arch::LayerPlan& pl);

/// Word writes per bank that load a resident layer's weights once, at configuration: every row
/// of the layer written once, through the same banks a read of it takes.
std::vector<int64_t> config_writes(const AcceleratorSpec& s, const arch::LayerPlan& pl);

/// The three above with the spec's memory map already built (memory_map(s)): the estimate builds
/// it once per point.
int64_t product_cycles(const AcceleratorSpec& s, const Layer& l, const arch::LayerPlan& pl,
                       const arch::MemoryMap& map);
arch::Events product_events(const AcceleratorSpec& s, const arch::LayerPlan& pl,
                            const arch::MemoryMap& map);
std::vector<int64_t> config_writes(const AcceleratorSpec& s, const arch::LayerPlan& pl,
                                   const arch::MemoryMap& map);

/// Bits read from the weight SRAM by `reads_per_bank` word reads.
int64_t sram_read_bits(const AcceleratorSpec& s, const std::vector<int64_t>& reads_per_bank);

/// Off-chip bytes of a streamed product that issues `issues` input blocks in every group (its
/// bursts included).
int64_t streamed_bytes(const AcceleratorSpec& s, const arch::LayerPlan& pl, int64_t issues);

/// Word accesses per bank of `rows` consecutive weight rows from `first_row` (closed form of
/// arch::row_access over the rows).
std::vector<int64_t> row_accesses_per_bank(const arch::MemoryMap& m, int64_t first_row,
                                           int64_t rows);

}  // namespace circa::ana
