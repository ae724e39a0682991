// The memory map: every memory of the accelerator as the RTL lays it out (banks, word widths,
// depths, ports, weight rows and their padding), computed from the spec in one place. The cost
// model prices these shapes, the generator builds them, the SystemC model and the planner decide
// weight residency in the rows the RTL really has, and the checks compare against them.
#pragma once

#include <cstdint>
#include <vector>

#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::arch {

enum class MemoryId {
  weight_sram,         ///< weight spectra, resident layers (SRAM macro banks)
  activation_buffer,   ///< the spec's activation SRAM, as the cost model prices it
  input_buffer,        ///< the top's half of the activation buffer for a layer's input
  spectrum_buffer,     ///< one input spectrum per input block (phase A -> MAC)
  bias_banks,          ///< bias per output sample, banked like the outputs
  output_banks,        ///< the top's half of the activation buffer for a layer's output
  accumulators,        ///< per MAC lane: accumulator words (banks x issue cycles)
  weight_stream_fifo,  ///< off-chip weight rows waiting for their issue
  /// conv_dataflow: reuse: the spectrum buffer as its own SRAM beside the activation buffer,
  /// max_q spectra (the line buffer of every conv layer it admits), in activation-buffer banks
  /// and words; depth 0 (absent) under recompute, where spectra live in the activation buffer.
  line_buffer,
};

struct MemoryShape {
  MemoryId id;
  int banks = 1;      ///< independent arrays side by side
  int64_t depth = 0;  ///< words per bank
  int word_bits = 0;
  int read_write_ports = 1, read_ports = 0, write_ports = 0;  ///< per bank

  int64_t bits() const { return int64_t{banks} * depth * word_bits; }
  /// One read/write port (rtl/circa_sram_1rw) or a read and a write port (circa_sram_1r1w).
  bool single_port() const { return read_write_ports == 1 && read_ports == 0 && write_ports == 0; }
};

/// How weight rows sit in the weight SRAM. A row is what the MAC lanes read in one issue cycle
/// (mac.lanes weight words); it spans `banks_per_row` banks side by side (a power of two, the
/// spare bits padding) and rows interleave over `banks / banks_per_row` groups of banks.
struct WeightRows {
  int banks_per_row = 1;
  int bank_groups = 0;   ///< banks / banks_per_row groups rows interleave over (0: row too wide)
  int row_bits = 0;      ///< banks_per_row x word_bits, padding included
  int64_t rows = 0;      ///< rows the whole SRAM holds
  bool row_fits = true;  ///< banks_per_row <= banks: one row per cycle (else port-limited)
};

struct MemoryMap {
  MemoryShape weight_sram, activation_buffer, input_buffer, spectrum_buffer, bias_banks,
      output_banks, accumulators, weight_stream_fifo, line_buffer;
  WeightRows weight_rows;
  int max_q = 0, max_p = 0;  ///< largest layer the top's buffers hold (input, output blocks)
  int64_t max_bias_blocks = 0;  ///< bias blocks (k codes each) the bias banks hold, all layers
  /// Weight rows of the largest layer the top's buffers hold: ceil(max_p / parallel_blocks) x
  /// max_q x issue_cycles (the range of a weight-stream request's row address).
  int64_t max_stream_rows = 0;

  const MemoryShape& at(MemoryId id) const;
  std::vector<MemoryShape> all() const;  ///< every memory, in MemoryId order
};

/// The map for the spec's block size.
MemoryMap memory_map(const AcceleratorSpec& s);

/// The map's max_q, max_p and max_bias_blocks alone (what the layer program's field widths and
/// the conv checks read), without building the rest of the map.
struct BufferBlocks {
  int max_q = 0, max_p = 0;
  int64_t max_bias_blocks = 0;
};
BufferBlocks buffer_blocks(const AcceleratorSpec& s);

/// The map's weight_stream_fifo.depth alone (rows): the power of two >= stream_fifo_issues(s)
/// issues of rows, at least 2.
int64_t weight_stream_fifo_depth(const AcceleratorSpec& s);

/// MAC issues the weight-stream FIFO holds (its depth is the power of two >= this many issues
/// of rows): enough requests in flight to cover the off-chip latency at full bandwidth, counted
/// in full issues (parallel_blocks blocks, rounded up to whole bursts) and capped by
/// offchip.max_outstanding, plus 3: 3 + min(max_outstanding, ceil(L * R / full_issue_bus_bytes)).
int64_t stream_fifo_issues(const AcceleratorSpec& s);

/// One weight row's access (a read in an issue cycle, or a configuration write): a row that fits
/// takes one word of each of its group's banks_per_row banks (group = row mod bank_groups) in one
/// cycle. A row wider than all banks (port-limited, no generated top) takes banks_per_row / banks
/// words of every bank, its read ports (read/write + read) at a time.
struct RowAccess {
  int first_bank = 0;
  int banks = 0;           ///< banks first_bank .. first_bank + banks - 1
  int words_per_bank = 1;  ///< words each of them reads or writes
  int cycles = 1;          ///< cycles the read occupies the banks' ports
};
RowAccess row_access(const MemoryMap& m, int64_t row);

/// Weight rows one layer occupies: ceil(p / parallel_blocks) groups x q input blocks x
/// issue_cycles rows (the last group's unused words are padding).
int64_t layer_weight_rows(const AcceleratorSpec& s, const LayerGeometry& g);

const char* to_string(MemoryId id);

}  // namespace circa::arch
