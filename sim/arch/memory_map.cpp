#include "arch/memory_map.hpp"

#include <algorithm>

#include "arch/microarch.hpp"
#include "arch/offchip.hpp"
#include "common/error.hpp"

namespace circa::arch {
namespace {

int64_t words_per_bank(int capacity_kib, int banks, int word_bits) {
  return int64_t{capacity_kib} * 8192 / banks / word_bits;
}

int pow2_at_least(int64_t v) {
  int p = 1;
  while (p < v) p *= 2;
  return p;
}

WeightRows weight_rows(const AcceleratorSpec& s, const MemoryShape& sram) {
  const MacTiming m = mac_timing(s, s.block_size);
  const int words = (s.mac.lanes * m.weight_bits + sram.word_bits - 1) / sram.word_bits;
  WeightRows r;
  r.banks_per_row = pow2_at_least(words);
  r.row_bits = r.banks_per_row * sram.word_bits;
  r.row_fits = r.banks_per_row <= sram.banks;
  r.bank_groups = sram.banks / r.banks_per_row;
  // A row wider than all banks (port-limited, no generated top) takes several words of each.
  r.rows = r.row_fits ? sram.depth * r.bank_groups : sram.depth * sram.banks / r.banks_per_row;
  return r;
}

}  // namespace

int64_t stream_fifo_issues(const AcceleratorSpec& s) {
  const MacTiming mac = mac_timing(s, s.block_size);
  const OffchipTiming t = offchip_timing(s);
  const int64_t full_issue = bus_bytes(t, issue_bytes(mac, mac.parallel_blocks));
  const int64_t in_flight = ceil_ratio(static_cast<double>(t.latency_cycles) * t.bytes_per_cycle,
                                       static_cast<double>(full_issue));
  return 3 + std::min<int64_t>(t.max_outstanding, in_flight);
}

BufferBlocks buffer_blocks(const AcceleratorSpec& s) {
  const int k = s.block_size;
  const DatapathFormats& f = s.formats;
  // The activation buffer holds a layer's input and its output (double buffered), half each.
  const int64_t half_bits = int64_t{s.activation_buffer.capacity_kib} * 8192 / 2;
  BufferBlocks b;
  b.max_q = static_cast<int>(std::max<int64_t>(1, half_bits / (int64_t{k} * f.input.bits)));
  b.max_p = static_cast<int>(std::max<int64_t>(1, half_bits / (int64_t{k} * f.output.bits)));
  // The bias of every layer stays in the bias banks (a whole network runs per start).
  b.max_bias_blocks =
      std::max<int64_t>(1, int64_t{s.controller.bias_kib} * 8192 / (int64_t{k} * f.output.bits));
  return b;
}

int64_t weight_stream_fifo_depth(const AcceleratorSpec& s) {
  return std::max(2,
                  pow2_at_least(stream_fifo_issues(s) * mac_timing(s, s.block_size).issue_cycles));
}

MemoryMap memory_map(const AcceleratorSpec& s) {
  const int k = s.block_size;
  const int spc = std::min(s.fft.samples_per_cycle, k), beats = k / spc;
  const MacTiming mac = mac_timing(s, k);
  const DatapathFormats& f = s.formats;
  MemoryMap m;
  const SramSpec& w = s.weight_sram;
  m.weight_sram = {MemoryId::weight_sram,
                   w.banks,
                   words_per_bank(w.capacity_kib, w.banks, w.word_bits),
                   w.word_bits,
                   w.read_write_ports,
                   w.read_ports,
                   w.write_ports};
  m.weight_rows = weight_rows(s, m.weight_sram);
  const BufferSpec& a = s.activation_buffer;
  m.activation_buffer = {MemoryId::activation_buffer,
                         a.banks,
                         words_per_bank(a.capacity_kib, a.banks, a.word_bits),
                         a.word_bits,
                         1,
                         0,
                         0};
  const BufferBlocks blocks = buffer_blocks(s);
  m.max_q = blocks.max_q;
  m.max_p = blocks.max_p;
  m.input_buffer = {
      MemoryId::input_buffer, 1, int64_t{m.max_q} * beats, spc * f.input.bits, 1, 0, 0};
  m.spectrum_buffer = {MemoryId::spectrum_buffer, 1, m.max_q, mac.slots * 2 * f.fft.bits, 0, 1, 1};
  m.max_bias_blocks = blocks.max_bias_blocks;
  m.bias_banks = {MemoryId::bias_banks, spc, m.max_bias_blocks * beats, f.output.bits, 1, 0, 0};
  // A read and a write port: pooling reads a pooled pixel's outputs while writing the next
  // product's max over them (SCHEDULE.md, "Conv in the whole-network top").
  m.output_banks = {MemoryId::output_banks, spc, int64_t{m.max_p} * beats, f.output.bits, 0, 1, 1};
  m.accumulators = {MemoryId::accumulators,
                    s.mac.lanes,
                    int64_t{s.mac.accumulator_banks} * mac.issue_cycles,
                    2 * f.accumulator.bits,
                    0,
                    1,
                    1};
  m.max_stream_rows = int64_t{(m.max_p + mac.parallel_blocks - 1) / mac.parallel_blocks} * m.max_q *
                      mac.issue_cycles;
  m.weight_stream_fifo = {MemoryId::weight_stream_fifo,
                          1,
                          weight_stream_fifo_depth(s),
                          m.weight_rows.row_bits,
                          0,
                          1,
                          1};
  // Reuse keeps up to max_q spectra (check_conv_dataflow refuses a larger line buffer) in a
  // separate array shaped like the activation buffer's banks.
  const int64_t spectra_bits = int64_t{m.max_q} * mac.slots * 2 * f.fft.bits;
  const int64_t bank_bits = int64_t{a.banks} * a.word_bits;
  m.line_buffer = {MemoryId::line_buffer,
                   a.banks,
                   s.controller.conv_dataflow == ConvDataflow::reuse
                       ? (spectra_bits + bank_bits - 1) / bank_bits
                       : 0,
                   a.word_bits,
                   1,
                   0,
                   0};
  return m;
}

namespace {

/// Every memory once: its id, its name and where the map keeps it.
struct MemoryEntry {
  MemoryId id;
  const char* name;
  MemoryShape MemoryMap::*shape;
};
constexpr MemoryEntry kMemories[] = {
    {MemoryId::weight_sram, "weight_sram", &MemoryMap::weight_sram},
    {MemoryId::activation_buffer, "activation_buffer", &MemoryMap::activation_buffer},
    {MemoryId::input_buffer, "input_buffer", &MemoryMap::input_buffer},
    {MemoryId::spectrum_buffer, "spectrum_buffer", &MemoryMap::spectrum_buffer},
    {MemoryId::bias_banks, "bias_banks", &MemoryMap::bias_banks},
    {MemoryId::output_banks, "output_banks", &MemoryMap::output_banks},
    {MemoryId::accumulators, "accumulators", &MemoryMap::accumulators},
    {MemoryId::weight_stream_fifo, "weight_stream_fifo", &MemoryMap::weight_stream_fifo},
    {MemoryId::line_buffer, "line_buffer", &MemoryMap::line_buffer},
};

const MemoryEntry& entry(MemoryId id) {
  for (const auto& e : kMemories)
    if (e.id == id) return e;
  throw InternalError("memory map has no entry for MemoryId " +
                      std::to_string(static_cast<int>(id)));
}

}  // namespace

const MemoryShape& MemoryMap::at(MemoryId id) const {
  return this->*entry(id).shape;
}

std::vector<MemoryShape> MemoryMap::all() const {
  std::vector<MemoryShape> v;
  for (const auto& e : kMemories) v.push_back(this->*e.shape);
  return v;
}

RowAccess row_access(const MemoryMap& m, int64_t row) {
  const WeightRows& w = m.weight_rows;
  RowAccess a;
  if (w.row_fits) {
    a.banks = w.banks_per_row;
    a.first_bank = static_cast<int>(row % w.bank_groups) * w.banks_per_row;
    return a;
  }
  const MemoryShape& s = m.weight_sram;
  a.banks = s.banks;
  a.words_per_bank = w.banks_per_row / s.banks;  // both powers of two
  const int ports = s.read_write_ports + s.read_ports;
  a.cycles = (a.words_per_bank + ports - 1) / ports;
  return a;
}

int64_t layer_weight_rows(const AcceleratorSpec& s, const LayerGeometry& g) {
  const MacTiming m = mac_timing(s, g.k);
  return int64_t{(g.p + m.parallel_blocks - 1) / m.parallel_blocks} * g.q * m.issue_cycles;
}

const char* to_string(MemoryId id) {
  return entry(id).name;
}

}  // namespace circa::arch
