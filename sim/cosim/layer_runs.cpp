#include "cosim/layer_runs.hpp"

#include "arch/offchip.hpp"
#include "common/error.hpp"
#include "cosim/cosim.hpp"
#include "gen/top.hpp"
#include "numerics/fixed_point.hpp"
#include "numerics/output_stage.hpp"
#include "numerics/random_data.hpp"
#include "numerics/reference.hpp"

namespace circa::cosim {
namespace {

Bits bits_of_hex(const std::string& h) {
  Bits b(static_cast<size_t>(sysc::words_of(static_cast<int>(h.size()) * 4)), 0u);
  for (size_t i = 0; i < h.size(); ++i) {
    const size_t nib = h.size() - 1 - i;  // nibble index from the least significant
    const uint32_t v = static_cast<uint32_t>(std::stoul(h.substr(i, 1), nullptr, 16));
    b[nib / 8] |= v << (4 * (nib % 8));
  }
  return b;
}

/// The golden output codes in the order the bench keeps the top's (LayerRun::kept_output): a
/// conv layer's channel-major (pooled) maps pixel-major.
std::vector<int64_t> kept_order(const LayerRun& r, const std::vector<int64_t>& y) {
  return r.layer.kind == LayerKind::conv ? num::pixel_major(r.layer, y) : y;
}

}  // namespace

int64_t LayerRun::kept_output(int64_t n) const {
  if (layer.kind == LayerKind::lstm) return n < kept_outputs() ? n : -1;  // h_t step after step
  if (layer.kind != LayerKind::conv) return n < layer.out_features ? n : -1;
  const int64_t per_pixel = int64_t{p} * plan.geom.k, c = n % per_pixel;
  return c < layer.out_channels ? n / per_pixel * layer.out_channels + c : -1;
}

int64_t LayerRun::kept_outputs() const {
  if (layer.kind == LayerKind::lstm) return int64_t{layer.time_steps} * layer.hidden_size;
  return layer.kind == LayerKind::conv ? out_pixels * layer.out_channels : layer.out_features;
}

std::vector<LayerRun> layer_runs(const AcceleratorSpec& s, const std::vector<Layer>& layers,
                                 uint64_t seed) {
  const int k = s.block_size, S = std::min(s.fft.samples_per_cycle, k);
  Workload w;
  w.name = "cosim";
  w.layers = layers;
  const std::vector<arch::LayerPlan> plans = arch::plan_workload(s, w);
  const arch::NetworkProgram np = arch::network_program(s, layers, plans);
  std::vector<LayerRun> runs;
  for (size_t li = 0; li < layers.size(); ++li) {
    LayerRun lr;
    lr.layer = layers[li];
    lr.w = num::random_layer_weights(lr.layer, k, seed + li);
    const num::QuantisedLayer ql = num::quantise_layer(s, lr.layer, lr.w);
    lr.bias = ql.bias;
    for (const std::string& h : gen::weight_rows_hex(s, ql.spectra)) lr.rows.push_back(bits_of_hex(h));
    lr.plan = plans[li];
    lr.desc = np.layers[li];
    lr.stream = lr.desc.stream;
    const LayerGeometry g = geometry(lr.layer, k);
    lr.p = g.p, lr.q = g.q;
    lr.products = g.products;
    lr.out_pixels = lr.desc.out_pixels();
    const Layer& l = lr.layer;
    lr.beats_in =
        l.kind == LayerKind::conv
            ? int64_t{l.in_height} * l.in_width * num::blocks_for(l.in_channels, k) * k / S
        : l.kind == LayerKind::lstm ? int64_t{l.time_steps} * lr.desc.lstm_shape.x_blocks * k / S
                                    : int64_t{g.q} * k / S;
    lr.beats_out = lr.desc.out_blocks() * k / S;
    runs.push_back(std::move(lr));
  }
  return runs;
}

std::vector<Bits> offchip_image(const std::vector<LayerRun>& runs) {
  std::vector<Bits> image;
  for (const LayerRun& r : runs) {
    if (!r.stream) continue;
    CIRCA_CHECK(static_cast<int64_t>(image.size()) == r.desc.weight_base, "off-chip image order");
    image.insert(image.end(), r.rows.begin(), r.rows.end());
  }
  return image;
}

int64_t offchip_request_bytes(const std::vector<LayerRun>& runs, int64_t row) {
  for (const LayerRun& r : runs)
    if (r.stream && row >= r.desc.weight_base &&
        row < r.desc.weight_base + static_cast<int64_t>(r.rows.size()))
      return arch::stream_request_bytes(r.plan, row - r.desc.weight_base);
  throw InternalError("cosim: a weight-stream request for row " + std::to_string(row) +
                      " outside every streamed layer");
}

std::vector<int64_t> first_input(const AcceleratorSpec& s, const Layer& first, uint64_t seed,
                                 int run) {
  return num::random_input_codes(first, s.block_size, s.formats.input, 0.5, seed + 1 + run);
}

std::vector<Bits> input_rows(const AcceleratorSpec& s, const LayerRun& first,
                             const std::vector<int64_t>& codes) {
  const int k = s.block_size, S = std::min(s.fft.samples_per_cycle, k);
  const int ib = s.formats.input.bits;
  const Layer& l = first.layer;
  std::vector<int64_t> x = codes;
  if (l.kind == LayerKind::lstm) {  // x_t after x_t, each zero-padded to whole blocks
    const int64_t xs = num::blocks_for(l.input_size, k) * k;
    x.assign(static_cast<size_t>(l.time_steps * xs), 0);
    for (int64_t t = 0; t < l.time_steps; ++t)
      std::copy_n(codes.begin() + t * l.input_size, l.input_size, x.begin() + t * xs);
  }
  if (l.kind == LayerKind::conv) {  // channel-major -> pixel-major, channels padded to blocks
    const int64_t pixels = int64_t{l.in_height} * l.in_width,
                  cpad = num::blocks_for(l.in_channels, k) * k;
    x.assign(static_cast<size_t>(pixels * cpad), 0);
    for (int64_t c = 0; c < l.in_channels; ++c)
      for (int64_t px = 0; px < pixels; ++px) x[px * cpad + c] = codes[c * pixels + px];
  }
  std::vector<Bits> rows;
  for (int64_t b = 0; b < first.beats_in; ++b) {
    Bits v(static_cast<size_t>(sysc::words_of(S * ib)), 0u);
    for (int i = 0; i < S; ++i)
      if (static_cast<size_t>(b * S + i) < x.size())
        sysc::put_field(v, i * ib, ib, x[static_cast<size_t>(b * S + i)]);
    rows.push_back(v);
  }
  return rows;
}

std::vector<int64_t> next_input(const AcceleratorSpec& s, const std::vector<int64_t>& y) {
  std::vector<int64_t> x(y.size());
  for (size_t i = 0; i < y.size(); ++i)
    x[i] = num::requantize(y[i], s.formats.output.frac, s.formats.input, nullptr);
  return x;
}

std::string golden_check(const AcceleratorSpec& s, const std::vector<LayerRun>& runs,
                         const std::vector<std::vector<int64_t>>& first_inputs,
                         const std::vector<std::vector<int64_t>>& rtl_outputs) {
  for (size_t run = 0; run < first_inputs.size(); ++run) {
    std::vector<int64_t> x = first_inputs[run], y;
    for (size_t li = 0; li < runs.size(); ++li) {
      y = num::run_layer_fixed(s, runs[li].layer, runs[li].w, x).output;
      if (li + 1 < runs.size())
        x = next_input(s, num::next_layer_input(runs[li].layer, runs[li + 1].layer, y));
    }
    y = kept_order(runs.back(), y);
    const std::vector<int64_t>& rtl = rtl_outputs.at(run);
    const std::string where =
        "inference " + std::to_string(run) + ", layer '" + runs.back().layer.name + "'";
    if (rtl.size() != y.size())
      return where + ": the RTL gave " + std::to_string(rtl.size()) + " outputs, golden " +
             std::to_string(y.size());
    for (size_t i = 0; i < y.size(); ++i)
      if (rtl[i] != y[i])
        return where + ", output " + std::to_string(i) + ": RTL " + std::to_string(rtl[i]) +
               " != golden " + std::to_string(y[i]);
  }
  return "";
}

}  // namespace circa::cosim
