#include <algorithm>
#include <string>

#include "numerics/layer_internal.hpp"
#include "numerics/output_stage.hpp"

namespace circa::num {
namespace {

std::string str(int64_t v) {
  return std::to_string(v);
}

// fc: one product, then bias and activation per output row.
std::vector<int64_t> fc_fixed(const Layer& l, detail::FixedKernel& kern,
                              const std::vector<int64_t>& x) {
  const LayerGeometry& g = kern.geometry();
  std::vector<int64_t> xp(static_cast<size_t>(g.q) * g.k, 0);
  std::copy(x.begin(), x.end(), xp.begin());
  const std::vector<int64_t> y = kern.matvec(xp);
  std::vector<int64_t> out(l.out_features);
  for (int r = 0; r < l.out_features; ++r)
    out[r] = activate(kern.preactivation(y[r], r), l.activation, kern.formats().output);
  return out;
}

// check_layer_numerics before anything is built: a format the layer cannot run is the clearer
// error.
const AcceleratorSpec& checked(const AcceleratorSpec& spec, const Layer& l) {
  check_layer_numerics(spec, l);
  return spec;
}

}  // namespace

void check_layer_numerics(const AcceleratorSpec& spec, const Layer& l) {
  const FixedFormat& out = spec.formats.output;
  const bool hard = l.kind == LayerKind::lstm || l.activation == Activation::sigmoid ||
                    l.activation == Activation::tanh;
  if (hard && out.frac < 1)
    throw ConfigError(
        l.where, l.name,
        "hard sigmoid/tanh need formats.output.frac >= 1 to hold 0.5 (have " + str(out.frac) + ")");
  if (l.kind == LayerKind::lstm && 2 * out.bits > 62)
    throw ConfigError(
        l.where, l.name,
        "LSTM cell products need formats.output.bits <= 31 (have " + str(out.bits) + ")");
}

QuantisedLayer quantise_layer(const AcceleratorSpec& spec, const Layer& l,
                              const LayerWeights& weights) {
  detail::check_weights(l, geometry(l, spec.block_size), weights);
  QuantisedLayer q;
  q.spectra = quantise_weight_spectra(weights.w, spec.formats.weight, q.overflow);
  q.bias.reserve(weights.bias.size());
  for (double b : weights.bias)
    q.bias.push_back(quantize(b, spec.formats.output, &q.overflow[Stage::output]));
  return q;
}

namespace detail {

void check_weights(const Layer& l, const LayerGeometry& g, const LayerWeights& wt) {
  const auto& w = wt.w;
  if (w.p != g.p || w.q != g.q || w.k != g.k || w.w.size() != static_cast<size_t>(g.p) * g.q * g.k)
    throw ConfigError(l.where, l.name,
                      "weights hold " + str(w.p) + "x" + str(w.q) + " blocks of k=" + str(w.k) +
                          " (" + str(static_cast<int64_t>(w.w.size())) +
                          " values); the layer needs " + str(g.p) + "x" + str(g.q) +
                          " blocks of k=" + str(g.k));
  const size_t bias = l.bias ? static_cast<size_t>(g.rows) : 0;
  if (wt.bias.size() != bias)
    throw ConfigError(l.where, l.name,
                      "weights carry " + str(static_cast<int64_t>(wt.bias.size())) +
                          " bias values; the layer needs " + str(static_cast<int64_t>(bias)));
}

FixedKernel::FixedKernel(const PreparedLayer& layer, LayerResult& result)
    : p_(layer), res_(result) {
  // Counted per call, as when every call quantised its own parameters.
  res_.overflow += p_.quantised().overflow;
  res_.overflow[Stage::twiddle] += p_.fft().twiddles().overflows();
}

std::vector<int64_t> FixedKernel::matvec(const std::vector<int64_t>& x) {
  return bc_matvec_fixed(p_.fft(), p_.quantised().spectra, formats(), x, res_.overflow,
                         res_.events);
}

std::vector<CFixed> FixedKernel::forward(const int64_t* block) {
  res_.events.ffts += 1;
  res_.events.butterflies += static_cast<uint64_t>(p_.fft().butterflies_per_transform());
  return p_.fft().forward_real(block, res_.overflow);
}

std::vector<int64_t> FixedKernel::matvec_spectra(
    const std::vector<const std::vector<CFixed>*>& xs) {
  return bc_matvec_spectra(p_.fft(), p_.quantised().spectra, formats(), xs, res_.overflow,
                           res_.events);
}

int64_t FixedKernel::preactivation(int64_t ifft_code, int64_t row) {
  const std::vector<int64_t>& b = p_.quantised().bias;
  return output_preactivation(ifft_code, b.empty() ? nullptr : &b[row], formats(),
                              overflow(Stage::output));
}

}  // namespace detail

PreparedLayer::PreparedLayer(const AcceleratorSpec& spec, const Layer& l, const LayerWeights& w)
    : spec_(checked(spec, l)),
      layer_(l),
      g_(circa::geometry(l, spec.block_size)),
      fft_(g_.k, spec.formats, spec.fft.scaling),
      q_(quantise_layer(spec, l, w)) {}

LayerResult run_layer_fixed(const AcceleratorSpec& spec, const Layer& l,
                            const LayerWeights& weights, const std::vector<int64_t>& input_codes) {
  return run_layer_fixed(PreparedLayer(spec, l, weights), input_codes);
}

LayerResult run_layer_fixed(const PreparedLayer& p, const std::vector<int64_t>& input_codes) {
  const AcceleratorSpec& spec = p.spec();
  const Layer& l = p.layer();
  LayerResult res;
  detail::FixedKernel kern(p, res);
  if (input_codes.size() != static_cast<size_t>(kern.geometry().input_elements))
    throw ConfigError(l.where, l.name,
                      "input has " + str(static_cast<int64_t>(input_codes.size())) +
                          " values; the layer takes " + str(kern.geometry().input_elements));
  std::vector<int64_t> x(input_codes.size());
  for (size_t n = 0; n < x.size(); ++n)
    x[n] = fit(input_codes[n], spec.formats.input, &res.overflow[Stage::input]);
  switch (l.kind) {
    case LayerKind::fc:
      res.output = fc_fixed(l, kern, x);
      break;
    case LayerKind::conv:
      res.output = spec.controller.conv_dataflow == ConvDataflow::reuse
                       ? detail::conv_fixed_reuse(l, kern, x)
                       : detail::conv_fixed(l, kern, x);
      break;
    case LayerKind::lstm:
      res.output = detail::lstm_fixed(l, kern, x);
      break;
  }
  return res;
}

}  // namespace circa::num
