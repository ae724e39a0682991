#include "analytical/schedule.hpp"

#include <algorithm>
#include <optional>

#include "analytical/offchip.hpp"

namespace circa::ana {
namespace {

// The issues of one group from `start` on: q issues of c cycles each, and with a streamed layer
// issue j also waits for its weight bytes. Appends each issue's first cycle to `starts` and
// returns one past the last issue's cycles.
int64_t mac_group_end(const arch::LayerPlan& pl, int q, int blocks, int64_t start,
                      int64_t sram_cycles, OffchipStream* stream, std::vector<int64_t>* starts) {
  const int64_t c = stream == nullptr ? sram_cycles : pl.mac.issue_cycles;
  // Without a stream and without a record of the starts, q back-to-back issues of c cycles.
  if (stream == nullptr && starts == nullptr) return start + q * c;
  int64_t t = start;
  for (int j = 0; j < q; ++j) {
    if (stream != nullptr) t = std::max(t, stream->issue_ready(blocks, *starts));
    starts->push_back(t);
    t += c;
  }
  return t;
}

}  // namespace

int64_t sram_issue_cycles(const AcceleratorSpec& s, const arch::MacTiming& m) {
  return sram_issue_cycles(arch::memory_map(s), m);
}

int64_t sram_issue_cycles(const arch::MemoryMap& map, const arch::MacTiming& m) {
  return m.issue_cycles * arch::row_access(map, 0).cycles;
}

ProductSchedule product_schedule(const AcceleratorSpec& s, const Layer& l,
                                 const arch::LayerPlan& pl) {
  return product_schedule(s, l, pl, pl.geom.q, pl.geom.q);
}

namespace {

/// The schedule, into `ps` (whose vectors keep their room: a caller may reuse it); `record` =
/// false skips each issue's start where the weights are on chip (no stream reads them), leaving
/// an O(groups) walk with the same arithmetic.
void schedule(const AcceleratorSpec& s, const Layer& l, const arch::LayerPlan& pl,
              const arch::MemoryMap& map, int phase_a_blocks, int issues, bool record,
              ProductSchedule& ps) {
  const arch::FftTiming& f = pl.fft;
  const int B = s.mac.accumulator_banks;
  ps.phase_a = f.span(phase_a_blocks);
  ps.groups.assign(pl.groups, GroupTimes{});
  ps.issue_starts.clear();
  std::optional<OffchipStream> stream;  // built only for a streamed layer (it reads the map)
  if (!pl.weights_on_chip) stream.emplace(s, pl, map);
  OffchipStream* streamed = stream ? &*stream : nullptr;
  std::vector<int64_t>* starts = record || streamed ? &ps.issue_starts : nullptr;
  if (starts) starts->reserve(static_cast<size_t>(pl.groups) * issues);
  if (streamed) streamed->reserve(static_cast<size_t>(pl.groups) * issues);
  const int64_t sram_cycles = sram_issue_cycles(map, pl.mac);
  const int ready_latency = arch::group_ready_latency(s, pl);
  int64_t mac_free = ps.phase_a, end = 0;
  for (int g = 0; g < pl.groups; ++g) {
    GroupTimes& gt = ps.groups[g];
    gt.blocks = arch::group_blocks(pl, g);
    gt.mac_start = mac_free;
    if (g >= B) {  // the bank is free once the IFFT has read group g-B's last block
      const GroupTimes& old = ps.groups[g - B];
      gt.mac_start = std::max(gt.mac_start, old.ifft_start + (old.blocks - 1) * f.ii + f.beats);
    }
    gt.mac_end = mac_group_end(pl, issues, gt.blocks, gt.mac_start, sram_cycles, streamed, starts);
    gt.ready = gt.mac_end + ready_latency;
    gt.ifft_start = g == 0 ? gt.ready
                           : std::max(gt.ready, ps.groups[g - 1].ifft_start +
                                                    int64_t{ps.groups[g - 1].blocks} * f.ii);
    gt.done = gt.ifft_start + f.span(gt.blocks) + arch::kPeripheralLatency;
    mac_free = gt.mac_end;
    end = std::max(end, gt.done);
  }
  ps.lstm_update = arch::lstm_update_cycles(s, l);
  ps.total = end + ps.lstm_update;
}

}  // namespace

ProductSchedule product_schedule(const AcceleratorSpec& s, const Layer& l,
                                 const arch::LayerPlan& pl, int phase_a_blocks, int issues) {
  ProductSchedule ps;
  schedule(s, l, pl, arch::memory_map(s), phase_a_blocks, issues, true, ps);
  return ps;
}

int64_t product_cycles(const AcceleratorSpec& s, const Layer& l, const arch::LayerPlan& pl) {
  return product_cycles(s, l, pl, arch::memory_map(s));
}

int64_t product_cycles(const AcceleratorSpec& s, const Layer& l, const arch::LayerPlan& pl,
                       const arch::MemoryMap& map) {
  thread_local ProductSchedule ps;  // its vectors' room kept from one call to the next
  schedule(s, l, pl, map, pl.geom.q, pl.geom.q, false, ps);
  return ps.total;
}

std::vector<int64_t> row_accesses_per_bank(const arch::MemoryMap& m, int64_t first_row,
                                           int64_t rows) {
  const arch::WeightRows& w = m.weight_rows;
  std::vector<int64_t> v(m.weight_sram.banks, 0);
  if (!w.row_fits) {  // every row takes words_per_bank words of every bank
    const int64_t words = rows * arch::row_access(m, 0).words_per_bank;
    for (int64_t& n : v) n = words;
    return v;
  }
  // Rows interleave over the groups: rows / G rows in each, one more in the rows % G groups
  // from first_row's group on.
  const int G = w.bank_groups;
  for (int g = 0; g < G; ++g) {
    const int64_t from_first = ((g - first_row % G) % G + G) % G;
    const int64_t n = rows / G + (from_first < rows % G ? 1 : 0);
    for (int b = 0; b < w.banks_per_row; ++b) v[g * w.banks_per_row + b] = n;
  }
  return v;
}

arch::Events product_events(const AcceleratorSpec& s, const arch::LayerPlan& pl) {
  return product_events(s, pl, arch::memory_map(s));
}

arch::Events product_events(const AcceleratorSpec& s, const arch::LayerPlan& pl,
                            const arch::MemoryMap& m) {
  const LayerGeometry& g = pl.geom;
  const int64_t p = g.p, q = g.q, k = g.k, slots = pl.mac.slots;
  arch::Events e;
  e.fft_forward = q;
  e.fft_inverse = p;
  e.butterflies = (p + q) * pl.fft.butterflies;
  e.complex_macs = p * q * slots;
  e.dense_macs = g.rows * g.cols;
  e.act_sample_reads = q * k;
  e.act_spectrum_writes = q * (k / 2 + 1);
  e.act_spectrum_reads = pl.groups * q * slots;
  e.act_output_writes = g.rows;
  if (pl.weights_on_chip) {
    e.sram_reads_per_bank =
        row_accesses_per_bank(m, pl.weight_base_row, int64_t{pl.groups} * q * pl.mac.issue_cycles);
    e.sram_read_bits = sram_read_bits(s, e.sram_reads_per_bank);
  } else {
    e.sram_reads_per_bank.assign(s.weight_sram.banks, 0);
    e.offchip_bytes = streamed_bytes(s, pl, q);
  }
  return e;
}

int64_t sram_read_bits(const AcceleratorSpec& s, const std::vector<int64_t>& reads_per_bank) {
  int64_t words = 0;
  for (int64_t n : reads_per_bank) words += n;
  return words * s.weight_sram.word_bits;
}

int64_t streamed_bytes(const AcceleratorSpec& s, const arch::LayerPlan& pl, int64_t issues) {
  const arch::OffchipTiming ot = arch::offchip_timing(s);
  int64_t bytes = 0;
  for (int gi = 0; gi < pl.groups; ++gi)
    bytes += issues * arch::bus_bytes(ot, arch::issue_bytes(pl.mac, arch::group_blocks(pl, gi)));
  return bytes;
}

std::vector<int64_t> config_writes(const AcceleratorSpec& s, const arch::LayerPlan& pl) {
  return config_writes(s, pl, arch::memory_map(s));
}

std::vector<int64_t> config_writes(const AcceleratorSpec& s, const arch::LayerPlan& pl,
                                   const arch::MemoryMap& map) {
  if (!pl.weights_on_chip) return std::vector<int64_t>(s.weight_sram.banks, 0);
  return row_accesses_per_bank(map, pl.weight_base_row, pl.weight_rows);
}

}  // namespace circa::ana
