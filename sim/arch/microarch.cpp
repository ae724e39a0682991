#include "arch/microarch.hpp"

#include <algorithm>

#include "arch/conv_dataflow.hpp"
#include "arch/memory_map.hpp"
#include "common/error.hpp"

namespace circa::arch {

int group_blocks(const LayerPlan& pl, int g) {
  const int P = pl.mac.parallel_blocks;
  return std::min(P, pl.geom.p - g * P);
}

int weight_read_latency(const AcceleratorSpec& s) {
  // 0 is the config's "derive it from the timing": a spec that reaches a model unresolved would
  // run at a latency nobody chose.
  CIRCA_CHECK(s.weight_sram.read_latency >= 1,
              "weight_sram.read_latency 0 is unresolved: pass the spec through "
              "eval::apply_timing_policy (eval/run_spec.hpp) before a run");
  return s.weight_sram.read_latency;
}

int group_ready_latency(const AcceleratorSpec& s, const LayerPlan& pl) {
  return kMacLatency + (pl.weights_on_chip ? weight_read_latency(s) - 1 : 0);
}

int log2_exact(int v) {
  CIRCA_CHECK(v > 0 && (v & (v - 1)) == 0, "not a power of two: " + std::to_string(v));
  int n = 0;
  while ((1 << n) < v) ++n;
  return n;
}

FftTiming fft_timing(const AcceleratorSpec& s, int k) {
  FftTiming t;
  t.k = k;
  const int spc = std::min(s.fft.samples_per_cycle, k);
  const int stages = log2_exact(k);
  t.beats = (k + spc - 1) / spc;
  t.butterflies = int64_t{k / 2} * stages;
  const int pipe = stages * s.fft.stage_latency;
  switch (s.fft.style) {
    case FftStyle::unrolled:  // all stages in space: a block per cycle after the pipeline fills
      t.latency = pipe;
      t.ii = t.beats;
      break;
    case FftStyle::pipelined:  // delay-feedback lines hold one block before the first output
      t.latency = t.beats + pipe;
      t.ii = t.beats;
      break;
    case FftStyle::iterative:  // load, then every stage re-reads the block from one memory
      t.latency = t.beats + stages * t.beats * s.fft.stage_latency;
      t.ii = t.latency + t.beats;
      break;
  }
  return t;
}

MacTiming mac_timing(const AcceleratorSpec& s, int k) {
  MacTiming m;
  m.slots = s.weight_sram.layout == SpectrumLayout::half_complex ? k / 2 + 1 : k / 2;
  m.parallel_blocks = std::max(1, s.mac.lanes / m.slots);
  m.issue_cycles = (m.slots * m.parallel_blocks + s.mac.lanes - 1) / s.mac.lanes;
  m.weight_bits = 2 * s.formats.weight.bits;
  return m;
}

int64_t layer_weight_words(const AcceleratorSpec& s, const LayerGeometry& g) {
  return int64_t{g.p} * g.q * mac_timing(s, g.k).slots;
}

int64_t layer_weight_bytes(const AcceleratorSpec& s, const LayerGeometry& g) {
  return (layer_weight_words(s, g) * mac_timing(s, g.k).weight_bits + 7) / 8;
}

std::vector<LayerPlan> plan_workload(const AcceleratorSpec& s, const Workload& w) {
  return plan_workload(s, w, memory_map(s));
}

std::vector<LayerPlan> plan_workload(const AcceleratorSpec& s, const Workload& w,
                                     const MemoryMap& m) {
  check_conv_dataflow(s, w);
  std::vector<LayerPlan> plans;
  plans.reserve(w.layers.size());
  const int64_t sram_rows = m.weight_rows.rows;
  int64_t free_rows = sram_rows;
  for (const Layer& l : w.layers) {
    LayerPlan p;
    p.geom = geometry(l, s.block_size);
    p.fft = fft_timing(s, p.geom.k);
    p.mac = mac_timing(s, p.geom.k);
    p.groups = (p.geom.p + p.mac.parallel_blocks - 1) / p.mac.parallel_blocks;
    p.weight_words = layer_weight_words(s, p.geom);
    p.weight_bytes = layer_weight_bytes(s, p.geom);
    p.weight_rows = layer_weight_rows(s, p.geom);
    p.weights_on_chip = p.weight_rows <= free_rows;
    if (p.weights_on_chip) {
      p.weight_base_row = sram_rows - free_rows;
      free_rows -= p.weight_rows;
    }
    plans.push_back(p);
  }
  return plans;
}

bool lstm_cell_fits(const FixedFormat& output) {
  return output.frac >= 1 && output.frac < output.bits;
}

int64_t lstm_update_rows(const AcceleratorSpec& s, const Layer& l) {
  if (l.kind != LayerKind::lstm) return 0;
  const int lanes = std::min(s.fft.samples_per_cycle, s.block_size);
  return (l.hidden_size + lanes - 1) / lanes;
}

int64_t lstm_update_cycles(const AcceleratorSpec& s, const Layer& l) {
  if (l.kind != LayerKind::lstm) return 0;
  return kLstmReadsPerRow * lstm_update_rows(s, l) + kLstmUpdateTail;
}

int64_t lstm_update_samples(const AcceleratorSpec& s, const Layer& l) {
  return lstm_update_rows(s, l) * std::min(s.fft.samples_per_cycle, s.block_size);
}

}  // namespace circa::arch
