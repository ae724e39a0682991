#include "arch/layer_program.hpp"

#include <algorithm>

#include "arch/memory_map.hpp"
#include "common/error.hpp"

namespace circa::arch {
namespace {

uint32_t bit(bool b, int at) {
  return b ? uint32_t{1} << at : 0u;
}

std::string n2s(int64_t v) {
  return std::to_string(v);
}

uint32_t field(uint32_t w, int at, int bits) {
  return (w >> at) & ((uint32_t{1} << bits) - 1u);
}

/// Hidden blocks of an lstm layer (h_t's blocks; the gates take 4 of them).
int64_t hidden_blocks(const Layer& l, int k) {
  return (l.hidden_size + k - 1) / k;
}

/// Output-bank blocks of a layer's outputs, as the next layer reads them: a conv layer's pixels
/// (its whole 2x2 windows when it pools) times p, an lstm layer's h_t of every step.
int64_t output_blocks(const Layer& l, const LayerGeometry& g) {
  if (l.kind == LayerKind::lstm) return int64_t{l.time_steps} * hidden_blocks(l, g.k);
  if (l.kind != LayerKind::conv) return g.p;
  const int64_t pixels = l.pool != Pooling::none ? int64_t{g.out_height / 2} * (g.out_width / 2)
                                                 : int64_t{g.out_height} * g.out_width;
  return pixels * g.p;
}

/// Output-bank blocks the layer occupies while it runs: its outputs, and an lstm layer's gates
/// (4 x hidden blocks) and cell state (hidden blocks) after them.
int64_t region_blocks(const Layer& l, const LayerGeometry& g) {
  return output_blocks(l, g) + (l.kind == LayerKind::lstm ? 5 * hidden_blocks(l, g.k) : 0);
}

struct Region {
  int64_t in_base = 0, out_base = 0;  ///< output-bank blocks
};

/// Each layer's input and output regions in the output banks (SCHEDULE.md, "Activation
/// regions"), or why they do not fit. Layer 0 reads the input buffer. An fc layer reads its
/// whole input in phase A before its first write, so it writes from block 0, over its input. A
/// conv layer writes pixel after pixel while later pixels still read their windows (an lstm
/// layer step after step while later steps read their x_t), so after another layer its region
/// goes where its input is not: from block 0 when it fits below it, else right after it.
std::string place_activations(const std::vector<Layer>& layers, int k, int64_t max_p,
                              std::vector<Region>* regions) {
  int64_t prev_base = 0, prev_blocks = 0;
  for (size_t i = 0; i < layers.size(); ++i) {
    const Layer& l = layers[i];
    const LayerGeometry g = geometry(l, k);
    const bool apart = l.kind == LayerKind::conv || l.kind == LayerKind::lstm;
    const int64_t out_blocks = output_blocks(l, g), region = region_blocks(l, g);
    Region r;
    r.in_base = i == 0 ? 0 : prev_base;
    if (i > 0 && apart) r.out_base = region <= prev_base ? 0 : prev_base + prev_blocks;
    if (r.out_base + region > max_p)
      return "layer '" + l.name + "': its outputs (" + n2s(region) +
             " blocks) do not fit the output banks (" + n2s(max_p) + " blocks) beside its input (" +
             n2s(prev_blocks) + " blocks from block " + n2s(prev_base) +
             "); raise activation_buffer.capacity_kib";
    regions->push_back(r);
    prev_base = r.out_base, prev_blocks = out_blocks;
  }
  return "";
}

/// Why the top cannot run lstm layer `l` at position i ("" when it can).
std::string lstm_unsupported(const AcceleratorSpec& s, const MemoryMap& m, const Layer& l,
                             size_t i) {
  const int k = s.block_size;
  if (!lstm_cell_fits(s.formats.output))
    return "the lstm cell unit needs 1 <= formats.output.frac < formats.output.bits (its hard "
           "sigmoid adds 1/2 and clamps at 1)";
  if (l.hidden_size % k != 0)
    return "hidden_size " + n2s(l.hidden_size) + " is not a multiple of k = " + n2s(k) +
           ": the top keeps each gate in whole blocks";
  if (i > 0 && l.input_size % k != 0)
    return "input_size " + n2s(l.input_size) + " is not a multiple of k = " + n2s(k) +
           ": after another layer each x_t must start a block of its outputs";
  if (l.time_steps >= (1 << kConvSizeBits))
    return "at most " + n2s((1 << kConvSizeBits) - 1) + " time steps in the top";
  const int64_t x_blocks = (l.input_size + k - 1) / k;
  if (i == 0 && l.time_steps * x_blocks > m.max_q)
    return "its input (" + n2s(l.time_steps) + " steps x " + n2s(x_blocks) +
           " blocks) does not fit the input buffer (" + n2s(m.max_q) +
           " blocks); raise activation_buffer.capacity_kib";
  return "";
}

}  // namespace

bool ConvGeometry::operator==(const ConvGeometry& o) const {
  return in_height == o.in_height && in_width == o.in_width && kernel == o.kernel &&
         stride == o.stride && padding == o.padding && out_height == o.out_height &&
         out_width == o.out_width;
}

bool LstmShape::operator==(const LstmShape& o) const {
  return x_blocks == o.x_blocks && steps == o.steps && gate_base == o.gate_base &&
         cell_base == o.cell_base;
}

bool LayerDescriptor::operator==(const LayerDescriptor& o) const {
  return p == o.p && q == o.q && in_features == o.in_features && relu == o.relu && bias == o.bias &&
         stream == o.stream && last == o.last && conv == o.conv && lstm == o.lstm &&
         pool == o.pool && weight_base == o.weight_base && bias_base == o.bias_base &&
         in_base == o.in_base && out_base == o.out_base && geom == o.geom &&
         lstm_shape == o.lstm_shape && pixel_channels == o.pixel_channels;
}

int bits_to_hold(int64_t max_value) {
  // The least b >= 1 with 2^b > max_value (the bit length of max_value), at most 62: a bit scan
  // rather than a loop over b (the area model asks it for every field at every point).
  if (max_value < 2) return 1;
  const int length = 64 - __builtin_clzll(static_cast<uint64_t>(max_value));
  return std::min(length, 62);
}

DescriptorBits descriptor_bits(const AcceleratorSpec& s) {
  const BufferBlocks m = buffer_blocks(s);
  DescriptorBits d;
  d.p = bits_to_hold(m.max_p);
  d.q = bits_to_hold(m.max_q);
  d.in_features = bits_to_hold(int64_t{m.max_q} * s.block_size);
  d.bias_base = bits_to_hold(m.max_bias_blocks - 1);
  // A conv layer's input pixels fit the input buffer's blocks.
  d.size = std::min(kConvSizeBits, bits_to_hold(m.max_q));
  d.act_base = bits_to_hold(m.max_p - 1);
  d.steps = std::min(kConvSizeBits, bits_to_hold(m.max_p));  // h_t of every step fits the banks
  return d;
}

Pixel product_pixel(const LayerDescriptor& d, int64_t n, bool row_major) {
  const int64_t w = d.geom.out_width, pairs = d.geom.out_height / 2;
  if (!d.pool || row_major) return {n / w, n % w};
  if (n >= pairs * 2 * w) return {2 * pairs, n - pairs * 2 * w};  // an odd last row
  const int64_t y0 = n / (2 * w) * 2, m = n % (2 * w), whole = 4 * (w / 2);
  if (m >= whole) return {y0 + (m - whole), w - 1};  // an odd last column: (0,0) (1,0)
  return {y0 + m % 4 / 2, m / 4 * 2 + m % 2};
}

PoolWrite pool_write(int64_t out_height, int64_t out_width, Pixel px) {
  if (px.y >= out_height / 2 * 2 || px.x >= out_width / 2 * 2) return PoolWrite::dropped;
  return px.y % 2 == 0 && px.x % 2 == 0 ? PoolWrite::write : PoolWrite::max_with;
}

uint32_t descriptor_word(const LayerDescriptor& d, DescField f) {
  switch (f) {
    case DescField::control:
      return bit(d.relu, kCtlRelu) | bit(d.bias, kCtlBias) | bit(d.stream, kCtlStream) |
             bit(d.last, kCtlLast) | bit(d.conv, kCtlConv) | bit(d.pool, kCtlPool) |
             bit(d.lstm, kCtlLstm);
    case DescField::p: return static_cast<uint32_t>(d.p);
    case DescField::q: return static_cast<uint32_t>(d.q);
    case DescField::in_features: return static_cast<uint32_t>(d.in_features);
    case DescField::weight_base: return static_cast<uint32_t>(d.weight_base);
    case DescField::bias_base: return static_cast<uint32_t>(d.bias_base);
    case DescField::conv_in:
      return static_cast<uint32_t>(d.geom.in_height) |
             static_cast<uint32_t>(d.geom.in_width) << kConvWidthAt |
             static_cast<uint32_t>(d.geom.kernel) << kConvKernelAt |
             static_cast<uint32_t>(d.geom.stride) << kConvStrideAt;
    case DescField::conv_out:
      return static_cast<uint32_t>(d.geom.out_height) |
             static_cast<uint32_t>(d.geom.out_width) << kConvWidthAt |
             static_cast<uint32_t>(d.geom.padding) << kConvPadAt;
    case DescField::in_base: return static_cast<uint32_t>(d.in_base);
    case DescField::out_base: return static_cast<uint32_t>(d.out_base);
    case DescField::lstm_shape:
      return static_cast<uint32_t>(d.lstm_shape.x_blocks) |
             static_cast<uint32_t>(d.lstm_shape.steps) << kLstmStepsAt;
    case DescField::gate_base:
      return static_cast<uint32_t>(d.lstm_shape.gate_base);
    case DescField::cell_base:
      return static_cast<uint32_t>(d.lstm_shape.cell_base);
    case DescField::pixel_channels:
      return static_cast<uint32_t>(d.pixel_channels);
  }
  return 0;
}

void set_descriptor_word(LayerDescriptor& d, DescField f, uint32_t w) {
  switch (f) {
    case DescField::control:
      d.relu = (w >> kCtlRelu) & 1u, d.bias = (w >> kCtlBias) & 1u,
      d.stream = (w >> kCtlStream) & 1u, d.last = (w >> kCtlLast) & 1u,
      d.conv = (w >> kCtlConv) & 1u, d.pool = (w >> kCtlPool) & 1u, d.lstm = (w >> kCtlLstm) & 1u;
      break;
    case DescField::p: d.p = static_cast<int>(w); break;
    case DescField::q: d.q = static_cast<int>(w); break;
    case DescField::in_features: d.in_features = w; break;
    case DescField::weight_base: d.weight_base = w; break;
    case DescField::bias_base: d.bias_base = w; break;
    case DescField::conv_in:
      d.geom.in_height = static_cast<int>(field(w, 0, kConvSizeBits));
      d.geom.in_width = static_cast<int>(field(w, kConvWidthAt, kConvSizeBits));
      d.geom.kernel = static_cast<int>(field(w, kConvKernelAt, kConvSmallBits));
      d.geom.stride = static_cast<int>(field(w, kConvStrideAt, kConvSmallBits));
      break;
    case DescField::conv_out:
      d.geom.out_height = static_cast<int>(field(w, 0, kConvSizeBits));
      d.geom.out_width = static_cast<int>(field(w, kConvWidthAt, kConvSizeBits));
      d.geom.padding = static_cast<int>(field(w, kConvPadAt, kConvSmallBits));
      break;
    case DescField::in_base: d.in_base = w; break;
    case DescField::out_base: d.out_base = w; break;
    case DescField::lstm_shape:
      d.lstm_shape.x_blocks = static_cast<int>(field(w, 0, kLstmStepsAt));
      d.lstm_shape.steps = static_cast<int>(field(w, kLstmStepsAt, kConvSizeBits));
      break;
    case DescField::gate_base:
      d.lstm_shape.gate_base = w;
      break;
    case DescField::cell_base:
      d.lstm_shape.cell_base = w;
      break;
    case DescField::pixel_channels:
      d.pixel_channels = w;
      break;
  }
}

std::vector<CfgWrite> encode_program(const std::vector<LayerDescriptor>& layers) {
  std::vector<CfgWrite> out;
  for (size_t i = 0; i < layers.size(); ++i)
    for (int f = 0; f < kDescFields; ++f)
      out.push_back({static_cast<int64_t>(i) * kDescriptorWords + f,
                     descriptor_word(layers[i], static_cast<DescField>(f))});
  return out;
}

std::string network_unsupported(const AcceleratorSpec& s, const std::vector<Layer>& layers) {
  const MemoryMap m = memory_map(s);
  if (layers.empty()) return "the network has no layers";
  if (static_cast<int>(layers.size()) > s.controller.max_layers)
    return n2s(static_cast<int64_t>(layers.size())) + " layers exceed controller.max_layers = " +
           n2s(s.controller.max_layers) + "; raise it";
  int64_t bias_blocks = 0;
  for (size_t i = 0; i < layers.size(); ++i) {
    const Layer& l = layers[i];
    const std::string at = "layer '" + l.name + "': ";
    if (l.kind == LayerKind::lstm) {
      const std::string why = lstm_unsupported(s, m, l, i);
      if (!why.empty()) return at + why;
    }
    if (i > 0 && l.kind == LayerKind::conv && layers[i - 1].kind != LayerKind::conv)
      return at + "a conv layer after an fc layer: the top reads conv inputs pixel-major, and " +
             "an fc layer's outputs are not";
    const int spc = std::min(s.fft.samples_per_cycle, s.block_size);
    if (i > 0 && l.kind == LayerKind::fc && layers[i - 1].kind == LayerKind::conv &&
        layers[i - 1].out_channels % spc != 0)
      return at + "follows a conv layer of " + n2s(layers[i - 1].out_channels) +
             " channels, not a multiple of the " + n2s(spc) +
             " samples a row (fft.samples_per_cycle): the top keeps each pixel's channels in "
             "whole blocks and the fc layer reads whole rows past their padding";
    if (l.kind == LayerKind::conv) {
      const LayerGeometry g = geometry(l, s.block_size);
      if (l.pool == Pooling::avg2)
        return at +
               "avg2 pooling: the top pools max2 only (an average needs 2 more bits in "
               "the output banks for its partial sums); use pool: max2";
      if (l.pool != Pooling::none && (g.out_height < 2 || g.out_width < 2))
        return at + "pools a " + n2s(g.out_height) + " x " + n2s(g.out_width) +
               " output, which leaves no 2x2 window";
      const int small = (1 << kConvSmallBits) - 1, size = (1 << kConvSizeBits) - 1;
      if (l.kernel > small || l.stride > small || l.padding > small)
        return at + "kernel, stride and padding must be at most " + n2s(small) + " in the top";
      if (l.in_height > size || l.in_width > size)
        return at + "height and width must be at most " + n2s(size) + " in the top";
    }
    if (l.kind != LayerKind::lstm && l.activation != Activation::relu &&
        l.activation != Activation::none)
      return at + "activation " + to_string(l.activation) +
             ": the top's peripheral has relu and none";
    const LayerGeometry g = geometry(l, s.block_size);
    if (g.k != s.block_size)
      return at + "block size " + n2s(g.k) + " differs from the top's k = " + n2s(s.block_size);
    if (g.p > m.max_p || g.q > m.max_q)
      return at + n2s(g.p) + " x " + n2s(g.q) + " blocks; the top's buffers hold up to p = " +
             n2s(m.max_p) + ", q = " + n2s(m.max_q) + " (activation_buffer.capacity_kib)";
    if (l.kind == LayerKind::conv) {  // the whole feature maps sit in the buffers
      const int64_t cb = (l.in_channels + g.k - 1) / g.k;
      const int64_t in_blocks = int64_t{l.in_height} * l.in_width * cb;
      const int64_t out_blocks = output_blocks(l, g);
      if (in_blocks > m.max_q || out_blocks > m.max_p)
        return at + "feature maps of " + n2s(in_blocks) + " input and " + n2s(out_blocks) +
               " output blocks; the top's buffers hold " + n2s(m.max_q) + " and " + n2s(m.max_p) +
               " (activation_buffer.capacity_kib)";
    }
    if (i > 0 && g.input_elements != geometry(layers[i - 1], s.block_size).output_elements)
      return at + "takes " + n2s(g.input_elements) + " inputs; the layer before gives " +
             n2s(geometry(layers[i - 1], s.block_size).output_elements);
    if (l.bias) bias_blocks += g.p;
  }
  if (bias_blocks > m.max_bias_blocks)
    return "the network's bias takes " + n2s(bias_blocks) + " blocks; the bias banks hold " +
           n2s(m.max_bias_blocks) + " (controller.bias_kib)";
  std::vector<Region> regions;
  return place_activations(layers, s.block_size, m.max_p, &regions);
}

NetworkProgram network_program(const AcceleratorSpec& s, const std::vector<Layer>& layers,
                               const std::vector<LayerPlan>& plans) {
  const std::string why = network_unsupported(s, layers);
  if (!why.empty()) throw ConfigError("no whole-network program for " + s.name + ": " + why);
  CIRCA_CHECK(plans.size() == layers.size(), "one plan per layer");
  std::vector<Region> regions;
  CIRCA_CHECK(place_activations(layers, s.block_size, memory_map(s).max_p, &regions).empty(),
              "activation regions");
  NetworkProgram np;
  for (size_t i = 0; i < layers.size(); ++i) {
    const Layer& l = layers[i];
    const LayerPlan& pl = plans[i];
    LayerDescriptor d;
    d.p = pl.geom.p, d.q = pl.geom.q;
    d.in_features = l.in_features;
    if (l.kind == LayerKind::lstm) {
      d.lstm = true;
      d.in_features = l.input_size;
      const int64_t h = hidden_blocks(l, pl.geom.k);
      d.lstm_shape.x_blocks = pl.geom.q - static_cast<int>(h);
      d.lstm_shape.steps = l.time_steps;
      d.lstm_shape.gate_base = regions[i].out_base + int64_t{l.time_steps} * h;
      d.lstm_shape.cell_base = d.lstm_shape.gate_base + 4 * h;
    }
    if (l.kind == LayerKind::conv) {
      d.conv = true;
      d.pool = l.pool != Pooling::none;
      d.in_features = l.in_channels;
      d.geom = {l.in_height, l.in_width,         l.kernel,         l.stride,
                l.padding,   pl.geom.out_height, pl.geom.out_width};
    }
    if (l.kind == LayerKind::fc && i > 0 && layers[i - 1].kind == LayerKind::conv &&
        layers[i - 1].out_channels % pl.geom.k != 0)
      d.pixel_channels = layers[i - 1].out_channels;
    d.relu = l.kind != LayerKind::lstm && l.activation == Activation::relu;
    d.bias = l.bias;
    d.stream = !pl.weights_on_chip;
    d.last = i + 1 == layers.size();
    if (d.stream) {
      d.weight_base = np.offchip_rows;
      np.offchip_rows += pl.weight_rows;
    } else {
      d.weight_base = pl.weight_base_row;
    }
    if (d.bias) {
      d.bias_base = np.bias_blocks;
      np.bias_blocks += d.p;
    }
    d.in_base = regions[i].in_base, d.out_base = regions[i].out_base;
    np.layers.push_back(d);
  }
  return np;
}

}  // namespace circa::arch
