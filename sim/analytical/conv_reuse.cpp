#include "analytical/conv_reuse.hpp"

#include <map>
#include <tuple>

#include "analytical/schedule.hpp"
#include "arch/conv_dataflow.hpp"
#include "arch/memory_map.hpp"

namespace circa::ana {

arch::Events fill_events(const AcceleratorSpec& s, const arch::LayerPlan& pl, int64_t blocks) {
  const int64_t k = pl.geom.k;
  arch::Events e;
  e.fft_forward = blocks;
  e.butterflies = blocks * pl.fft.butterflies;
  e.act_sample_reads = blocks * k;
  e.act_spectrum_writes = blocks * (k / 2 + 1);
  e.sram_reads_per_bank.assign(s.weight_sram.banks, 0);
  return e;
}

arch::Events reuse_product_events(const AcceleratorSpec& s, const arch::LayerPlan& pl,
                                  const std::vector<int>& js) {
  const LayerGeometry& g = pl.geom;
  const int64_t n = static_cast<int64_t>(js.size()), slots = pl.mac.slots, ic = pl.mac.issue_cycles;
  arch::Events e;
  e.fft_inverse = g.p;
  e.butterflies = g.p * pl.fft.butterflies;
  e.complex_macs = g.p * n * slots;
  e.dense_macs = g.rows * g.cols;
  e.act_spectrum_reads = pl.groups * n * slots;
  e.act_output_writes = g.rows;
  e.sram_reads_per_bank.assign(s.weight_sram.banks, 0);
  if (pl.weights_on_chip) {
    const arch::MemoryMap m = arch::memory_map(s);
    for (int gi = 0; gi < pl.groups; ++gi) {
      // Runs of consecutive blocks read consecutive rows: (g*q + j)*issue_cycles + c.
      for (size_t a = 0; a < js.size();) {
        size_t b = a + 1;
        while (b < js.size() && js[b] == js[b - 1] + 1) ++b;
        const int64_t first = pl.weight_base_row + (int64_t{gi} * g.q + js[a]) * ic;
        const std::vector<int64_t> v =
            row_accesses_per_bank(m, first, static_cast<int64_t>(b - a) * ic);
        for (size_t i = 0; i < v.size(); ++i) e.sram_reads_per_bank[i] += v[i];
        a = b;
      }
    }
    e.sram_read_bits = sram_read_bits(s, e.sram_reads_per_bank);
  } else {
    e.offchip_bytes = streamed_bytes(s, pl, n);
  }
  return e;
}

LayerTotals reuse_conv_layer(const AcceleratorSpec& s, const Layer& l, const arch::LayerPlan& pl) {
  const LayerGeometry& g = pl.geom;
  struct Product {
    int64_t cycles = 0;
    arch::Events events;
  };
  // A product's schedule and events depend only on its window clipped to the image.
  std::map<std::tuple<int, int, int, int>, Product> shapes;
  std::vector<int> js;
  LayerTotals t;
  for (int oy = 0; oy < g.out_height; ++oy) {
    const int64_t blocks = arch::fill_blocks(l, g.k, oy);
    const int64_t fill = pl.fft.span(blocks);
    t.cycles += fill;
    if (blocks > 0) t.events += fill_events(s, pl, blocks);
    const arch::Span rows = arch::window_rows(l, oy);
    const int u0 = oy * l.stride - l.padding;
    for (int ox = 0; ox < g.out_width; ++ox) {
      const arch::Span cols = arch::window_cols(l, ox);
      const int v0 = ox * l.stride - l.padding;
      const auto key =
          std::make_tuple(rows.first - u0, rows.last - u0, cols.first - v0, cols.last - v0);
      auto it = shapes.find(key);
      if (it == shapes.end()) {
        arch::on_image_blocks(l, g.k, oy, ox, js);
        Product p;
        p.cycles = product_schedule(s, l, pl, 0, static_cast<int>(js.size())).total;
        p.events = reuse_product_events(s, pl, js);
        it = shapes.emplace(key, std::move(p)).first;
      }
      if (oy == 0 && ox == 0) t.first_product_cycles = fill + it->second.cycles;
      t.cycles += it->second.cycles;
      t.events += it->second.events;
    }
  }
  return t;
}

}  // namespace circa::ana
