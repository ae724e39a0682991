#include "cosim/layer_runs.hpp"

#include <string>

#include "analytical/offchip.hpp"
#include "analytical/schedule.hpp"
#include "common/error.hpp"
#include "cosim/reference_top.hpp"
#include "gen/top.hpp"
#include "numerics/fixed_point.hpp"
#include "numerics/random_data.hpp"

namespace circa::cosim {
namespace {

LayerFeed layer_feed(const AcceleratorSpec& s, const Layer& l, const num::QuantisedLayer& ql) {
  LayerFeed f;
  const arch::LayerPlan pl = plan_alone(s, l);
  f.stream = !pl.weights_on_chip;
  f.bias = ql.bias;
  for (const std::string& h : gen::weight_rows_hex(s, ql.spectra)) {
    Bits b(static_cast<size_t>(words_of(static_cast<int>(h.size()) * 4)), 0u);
    for (size_t i = 0; i < h.size(); ++i) {
      const size_t nib = h.size() - 1 - i;  // nibble index from the least significant
      const uint32_t v = static_cast<uint32_t>(std::stoul(h.substr(i, 1), nullptr, 16));
      b[nib / 8] |= v << (4 * (nib % 8));
    }
    f.rows.push_back(b);
  }
  if (!f.stream) return f;
  ana::OffchipStream stream(s);
  const int ic = pl.mac.issue_cycles;
  for (int g = 0; g < pl.groups; ++g)
    for (int j = 0; j < pl.geom.q; ++j) {
      const int64_t ready =
          stream.ready_cycle_after(ana::issue_weight_bits(pl.mac, ana::group_blocks(pl, g)));
      for (int i = 0; i < ic; ++i) f.present.push_back(std::max<int64_t>(0, ready - 1 - ic + i));
    }
  CIRCA_CHECK(f.present.size() == f.rows.size(), "one presentation cycle per weight row");
  return f;
}

}  // namespace

void put_field(Bits& v, int lo, int w, int64_t x) {
  for (int b = 0; b < w; ++b)
    if ((static_cast<uint64_t>(x) >> b) & 1u)
      v[static_cast<size_t>((lo + b) / 32)] |= 1u << ((lo + b) % 32);
}

std::vector<LayerRun> layer_runs(const AcceleratorSpec& s, const std::vector<Layer>& layers,
                                 uint64_t seed, int inferences) {
  const int k = s.block_size, S = std::min(s.fft.samples_per_cycle, k);
  std::vector<LayerRun> runs;
  std::vector<std::vector<int64_t>> x(static_cast<size_t>(inferences));
  for (int run = 0; run < inferences; ++run)
    x[run] = num::random_input_codes(layers[0], k, s.formats.input, 0.5, seed + 1 + run);
  for (size_t li = 0; li < layers.size(); ++li) {
    LayerRun lr;
    lr.layer = layers[li];
    lr.w = num::random_layer_weights(lr.layer, k, seed + li);
    lr.feed = layer_feed(s, lr.layer, num::quantise_layer(s, lr.layer, lr.w));
    const LayerGeometry g = geometry(lr.layer, k);
    lr.p = g.p, lr.q = g.q;
    lr.beats_out = int64_t{g.p} * k / S;
    lr.T = ana::product_schedule(s, lr.layer, plan_alone(s, lr.layer)).total;
    for (auto& xi : x) {
      std::vector<Bits> rows;
      for (int b = 0; b < g.q * k / S; ++b) {
        Bits v(static_cast<size_t>(words_of(S * s.formats.input.bits)), 0u);
        for (int i = 0; i < S; ++i)
          if (b * S + i < lr.layer.in_features)
            put_field(v, i * s.formats.input.bits, s.formats.input.bits,
                      xi[static_cast<size_t>(b * S + i)]);
        rows.push_back(v);
      }
      lr.inputs.push_back(rows);
      if (li + 1 == layers.size()) continue;
      const std::vector<int64_t> y = num::run_layer_fixed(s, lr.layer, lr.w, xi).output;
      xi.resize(y.size());
      for (size_t i = 0; i < y.size(); ++i)
        xi[i] = num::requantize(y[i], s.formats.output.frac, s.formats.input, nullptr);
    }
    runs.push_back(std::move(lr));
  }
  return runs;
}

}  // namespace circa::cosim
