// The microarchitecture's timing and sizing, derived from the spec in one place. The SystemC
// model, the analytical model and the Verilog generator all take unit latencies, throughputs and
// memory shapes from here, so no latency is kept by hand in two places. SCHEDULE.md explains it.
#pragma once

#include <cstdint>
#include <vector>

#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::arch {

/// Register stages of one complex multiply-accumulate lane: multiply, then accumulate.
constexpr int kMacLatency = 2;
/// Register stages of the peripheral unit: requantise + bias + activation in one stage.
constexpr int kPeripheralLatency = 1;
/// Register stages of the lstm cell unit (gen/lstm_cell.cpp): the products sig(f) c and
/// sig(i) tanh(g) (and sig(o)) into registers, then c' and h = sig(o) tanh(c') into the output
/// registers, so that no stage holds more than one multiply (critical_paths.cpp, lstm_path).
constexpr int kLstmCellLatency = 2;

/// One k-point transform on the FFT (or IFFT) unit. Cycle 0 is the first input beat.
struct FftTiming {
  int k = 0;
  int beats = 0;            ///< cycles to stream a block in (and out): ceil(k / samples_per_cycle)
  int latency = 0;          ///< first input beat to first output beat
  int ii = 0;               ///< initiation interval: cycles between the first beats of two blocks
  int64_t butterflies = 0;  ///< radix-2 butterflies per transform: (k/2) log2 k

  /// Cycles from the first input beat of the first of n back-to-back blocks to one past the
  /// last output beat of the last.
  int64_t span(int64_t n) const { return n <= 0 ? 0 : (n - 1) * ii + latency + beats; }
};
FftTiming fft_timing(const AcceleratorSpec& s, int k);

/// The frequency-domain MAC array working on one (output block, input block) pair.
struct MacTiming {
  int slots = 0;            ///< complex words per block spectrum (k/2+1 or k/2, by layout)
  int parallel_blocks = 0;  ///< output blocks processed side by side (lanes / slots, >= 1)
  int issue_cycles = 0;     ///< cycles to issue one input block to all parallel output blocks
  int weight_bits = 0;      ///< bits of one stored complex weight word (2 x weight bits)
};
MacTiming mac_timing(const AcceleratorSpec& s, int k);

/// How one layer maps onto the hardware.
struct LayerPlan {
  LayerGeometry geom;
  FftTiming fft;
  MacTiming mac;
  int groups = 0;                ///< ceil(p / parallel_blocks) output-block groups
  int64_t weight_words = 0;      ///< p * q * slots stored complex words
  int64_t weight_bytes = 0;      ///< weight_words * weight_bits / 8
  int64_t weight_rows = 0;       ///< rows it occupies in the weight SRAM (memory_map.hpp)
  bool weights_on_chip = false;  ///< resident in the weight SRAM, else streamed every inference
  int64_t weight_base_row = 0;   ///< a resident layer's first row in the weight SRAM
};

/// A layer's stored weight spectra: p * q * slots complex words of weight_bits (LayerPlan's
/// weight_words and weight_bytes) without planning the workload.
int64_t layer_weight_words(const AcceleratorSpec& s, const LayerGeometry& g);
int64_t layer_weight_bytes(const AcceleratorSpec& s, const LayerGeometry& g);

/// Output blocks of group g: min(parallel_blocks, p - g*parallel_blocks).
int group_blocks(const LayerPlan& pl, int g);

/// The weight SRAM's read latency: cycles from a row's read (the MAC's read stage) to its data at
/// the MAC lanes, weight_sram.read_latency. Its default, 0, is resolved from the SRAM's timing by
/// eval::apply_timing_policy before a run (eval/run_spec.hpp); an unresolved 0 is an internal
/// error.
/// Every other memory (activation buffer, spectrum buffer, stream FIFO) reads in one cycle.
int weight_read_latency(const AcceleratorSpec& s);
/// Cycles from a group's last issue cycle to its final accumulators: kMacLatency, plus the
/// weight SRAM's read latency beyond one for a resident layer (the issue waits for its rows; the
/// spectrum read is delayed to meet them). A streamed layer's rows come from the stream FIFO,
/// never through the SRAM, so it keeps kMacLatency.
int group_ready_latency(const AcceleratorSpec& s, const LayerPlan& pl);

/// Plans every layer (ConfigError from check_conv_dataflow for a conv layer the spec's
/// conv_dataflow cannot run); weight residency is decided greedily in layer order against the
/// weight rows the SRAM holds as the RTL lays them out (memory_map.hpp): a layer whose rows do not
/// fit in what is left streams its weights from off-chip.
std::vector<LayerPlan> plan_workload(const AcceleratorSpec& s, const Workload& w);
struct MemoryMap;
/// The same with the spec's memory map already built (memory_map(s)).
std::vector<LayerPlan> plan_workload(const AcceleratorSpec& s, const Workload& w,
                                     const MemoryMap& m);

/// Reads per row of the lstm cell update: the row's four gates (i, f, g, o) and its cell state,
/// one after another through the activation buffer's read port.
constexpr int kLstmReadsPerRow = 5;
/// Cycles of the update after its last read: the read's data (1), the cell unit's registers
/// (kLstmCellLatency), then h_t and c written one after the other on the write port (1).
constexpr int kLstmUpdateTail = 1 + kLstmCellLatency + 1;

/// Whether the lstm cell unit can be built for this output format: its hard sigmoid adds 1/2 and
/// clamps at 1, so it needs a fraction bit and an integer bit (1 <= frac < bits).
bool lstm_cell_fits(const FixedFormat& output);

/// Rows of S = min(samples_per_cycle, k) hidden units the lstm cell update walks (0 for fc/conv).
int64_t lstm_update_rows(const AcceleratorSpec& s, const Layer& l);
/// Cycles of an lstm layer's element-wise cell update after each product (0 for fc/conv):
/// kLstmReadsPerRow x lstm_update_rows + kLstmUpdateTail (SCHEDULE.md, "LSTM").
int64_t lstm_update_cycles(const AcceleratorSpec& s, const Layer& l);
/// Hidden-unit samples one cell update walks: lstm_update_rows x S (the last row's padding lanes
/// included, since the update reads and writes whole rows).
int64_t lstm_update_samples(const AcceleratorSpec& s, const Layer& l);

int log2_exact(int v);  ///< log2 of a power of two

}  // namespace circa::arch
