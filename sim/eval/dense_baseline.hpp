// The other side of the papers' ratios: a dense weight-stationary MAC array priced by the same
// cost model as the CirCNN design it is compared with (README "The dense baseline"). Same
// technology, clock, formats, SRAM model, weight SRAM, activation buffer, peripheral, controller,
// weight-stream FIFO and off-chip model; the CirCNN design's remaining area (FFT, IFFT, twiddle
// ROM, MAC array, accumulators, spectrum buffer) buys processing elements (PEs: one multiplier
// input x weight bits, one accumulator-wide adder, weight, input and partial-sum registers). It
// runs the dense form of the workload (the m x n matrices the circulant blocks replace).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "arch/report.hpp"
#include "eval/cost_report.hpp"
#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::eval {

/// One layer of the dense form on the baseline array.
struct DenseLayer {
  std::string name;
  int64_t weights = 0;  ///< rows x cols dense weights
  int64_t macs = 0;     ///< dense multiply-accumulates per inference
  int64_t passes = 1;   ///< times every weight is fetched per inference
  bool weights_on_chip = true;
  int64_t sram_words = 0;     ///< weight SRAM words read per inference (resident layers)
  int64_t offchip_bytes = 0;  ///< bus bytes streamed per inference (whole bursts)
  int64_t input_reads = 0;    ///< input samples read from the activation buffer
  int64_t compute_cycles = 0, sram_cycles = 0, offchip_cycles = 0;
  int64_t cycles = 0;  ///< the largest of the three bounds
  std::string bound;   ///< "compute", "weight_sram" or "offchip"
};

struct DenseBaseline {
  int64_t pes = 0;           ///< processing elements the area budget buys
  double pe_area_um2 = 0;    ///< one PE at the spec's node
  double pe_budget_mm2 = 0;  ///< the CirCNN area left for PEs
  std::vector<DenseLayer> layers;
  int64_t cycles = 0;
  double weight_bits = 0;         ///< dense weights x formats.weight.bits, all layers
  double circnn_weight_bits = 0;  ///< the CirCNN design's stored weight spectra
  CostReport cost;                ///< area, energy and throughput of the baseline
};

/// Dense over CirCNN for energy per inference, weight memory and area; CirCNN over dense for
/// throughput (inferences per second). Above 1: CirCNN is better (area: the same design size).
struct BaselineRatios {
  double energy = 0, throughput = 0, weight_memory = 0, area = 0;
};

/// Prices the dense baseline of the CirCNN design `s` (run `run`, priced `circnn`) on `w`.
/// ConfigError when the CirCNN design's area leaves no room for one PE.
DenseBaseline dense_baseline(const AcceleratorSpec& s, const Workload& w,
                             const arch::RunReport& run, const CostReport& circnn);
/// The same without its cost report's note (text for readers) and timing (the CirCNN design's,
/// copied for reports): what a sweep's points need.
DenseBaseline dense_figures(const AcceleratorSpec& s, const Workload& w, const arch::RunReport& run,
                            const CostReport& circnn);

BaselineRatios ratios(const DenseBaseline& d, const CostReport& circnn);

nlohmann::json to_json(const DenseBaseline& d, const CostReport& circnn);
/// The baseline's layers and cost table, then the four ratios.
void print_dense_baseline(std::ostream& os, const DenseBaseline& d, const CostReport& circnn);

}  // namespace circa::eval
