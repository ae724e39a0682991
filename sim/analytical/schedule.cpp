#include "analytical/schedule.hpp"

#include <algorithm>

#include "analytical/offchip.hpp"

namespace circa::ana {
namespace {

int64_t ceil_div(int64_t a, int64_t b) {
  return (a + b - 1) / b;
}

// The issues of one group from `start` on: q issues of c cycles each, and with a streamed layer
// issue j also waits for its weight bytes. Appends each issue's first cycle to `starts` and
// returns one past the last issue's cycles.
int64_t mac_group_end(const arch::LayerPlan& pl, int blocks, int64_t start, OffchipStream* stream,
                      std::vector<int64_t>* starts) {
  const int q = pl.geom.q;
  const int64_t c = stream == nullptr ? sram_issue_cycles(pl.mac, blocks) : pl.mac.issue_cycles;
  int64_t t = start;
  for (int j = 0; j < q; ++j) {
    if (stream != nullptr) t = std::max(t, stream->issue_ready(blocks, *starts));
    starts->push_back(t);
    t += c;
  }
  return t;
}

}  // namespace

int64_t sram_issue_cycles(const arch::MacTiming& m, int blocks) {
  return std::max<int64_t>(m.issue_cycles,
                           ceil_div(issue_weight_bits(m, blocks), m.sram_bits_per_cycle));
}

int64_t lstm_update_cycles(const AcceleratorSpec& s, const Layer& l) {
  if (l.kind != LayerKind::lstm) return 0;
  return ceil_div(l.hidden_size, s.fft.samples_per_cycle) + arch::kPeripheralLatency;
}

ProductSchedule product_schedule(const AcceleratorSpec& s, const Layer& l,
                                 const arch::LayerPlan& pl) {
  const arch::FftTiming& f = pl.fft;
  const int B = s.mac.accumulator_banks;
  ProductSchedule ps;
  ps.phase_a = f.span(pl.geom.q);
  ps.groups.resize(pl.groups);
  OffchipStream stream(s, pl);
  OffchipStream* streamed = pl.weights_on_chip ? nullptr : &stream;
  int64_t mac_free = ps.phase_a, end = 0;
  for (int g = 0; g < pl.groups; ++g) {
    GroupTimes& gt = ps.groups[g];
    gt.blocks = arch::group_blocks(pl, g);
    gt.mac_start = mac_free;
    if (g >= B) {  // the bank is free once the IFFT has read group g-B's last block
      const GroupTimes& old = ps.groups[g - B];
      gt.mac_start = std::max(gt.mac_start, old.ifft_start + (old.blocks - 1) * f.ii + f.beats);
    }
    gt.mac_end = mac_group_end(pl, gt.blocks, gt.mac_start, streamed, &ps.issue_starts);
    gt.ready = gt.mac_end + arch::kMacLatency;
    gt.ifft_start = g == 0 ? gt.ready
                           : std::max(gt.ready, ps.groups[g - 1].ifft_start +
                                                    int64_t{ps.groups[g - 1].blocks} * f.ii);
    gt.done = gt.ifft_start + f.span(gt.blocks) + arch::kPeripheralLatency;
    mac_free = gt.mac_end;
    end = std::max(end, gt.done);
  }
  ps.lstm_update = lstm_update_cycles(s, l);
  ps.total = end + ps.lstm_update;
  return ps;
}

std::vector<int64_t> striped(int64_t n, int banks) {
  std::vector<int64_t> v(banks, n / banks);
  for (int b = 0; b < n % banks; ++b) ++v[b];
  return v;
}

arch::Events product_events(const AcceleratorSpec& s, const arch::LayerPlan& pl) {
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
  e.sram_reads_per_bank.assign(s.weight_sram.banks, 0);
  if (pl.weights_on_chip) {
    int64_t words = 0;
    for (int gi = 0; gi < pl.groups; ++gi)
      words +=
          q * ceil_div(issue_weight_bits(pl.mac, arch::group_blocks(pl, gi)), s.weight_sram.word_bits);
    e.sram_reads_per_bank = striped(words, s.weight_sram.banks);
    e.sram_read_bits = words * s.weight_sram.word_bits;
  } else {
    const arch::OffchipTiming ot = arch::offchip_timing(s);
    for (int gi = 0; gi < pl.groups; ++gi)
      e.offchip_bytes += q * arch::bus_bytes(ot, arch::issue_bytes(pl.mac, arch::group_blocks(pl, gi)));
  }
  return e;
}

std::vector<int64_t> config_writes(const AcceleratorSpec& s, const arch::LayerPlan& pl) {
  const int64_t bits = pl.weight_words * pl.mac.weight_bits;
  const int64_t words = pl.weights_on_chip ? ceil_div(bits, s.weight_sram.word_bits) : 0;
  return striped(words, s.weight_sram.banks);
}

}  // namespace circa::ana
