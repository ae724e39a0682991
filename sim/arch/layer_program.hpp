// The whole-network top's layer program: one descriptor per layer, which the host writes as
// 32-bit words through the top's cfg_* port (cfg_addr = layer * kDescriptorWords + field) while
// the top is idle; one `start` then runs every layer up to the one marked last. The generator
// lays the table out from here, the SystemC pin top decodes the same words, and the cosim host
// and `circa gen --workload` encode them, so the format is written down once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "arch/microarch.hpp"

namespace circa::arch {

/// Cycles between a layer's last output write and the next layer's product cycle 0: the cycle
/// in which the next layer's first input row is read (a start's own cycle, for layer 0).
constexpr int kLayerSwitchCycles = 1;

constexpr int kDescriptorWords = 16;  ///< cfg words per layer (the fields below, then unused)
constexpr int kCfgDataBits = 32;

/// Field (word) of a descriptor.
enum class DescField : int {
  control = 0,      ///< bit 0 relu, bit 1 bias, bit 2 stream, bit 3 last, bit 4 conv, bit 5 pool
  p = 1,            ///< output blocks (conv: output channel blocks, per pixel)
  q = 2,            ///< input blocks (conv: kernel^2 x channel blocks, per pixel)
  in_features = 3,  ///< fc: input samples the layer reads (those above read as 0); conv: channels
  weight_base = 4,  ///< resident: first weight-SRAM row; streamed: first off-chip row
  bias_base = 5,    ///< first bias block in the bias banks
  conv_in = 6,      ///< conv: in_height | in_width << 12 | kernel << 24 | stride << 28
  conv_out = 7,     ///< conv: out_height | out_width << 12 | padding << 24
  in_base = 8,      ///< later layers: first output-bank block of the input (the layer before's)
  out_base = 9,     ///< first output-bank block the layer writes (lstm: h_t, step after step)
  lstm_shape = 10,  ///< lstm: x blocks per step | time steps << 12
  gate_base = 11,   ///< lstm: first output-bank block of the 4 x hidden gate pre-activations
  cell_base = 12,   ///< lstm: first output-bank block of the cell state c
  /// fc after a conv layer whose channels are not whole blocks: that layer's channels, which each
  /// input pixel holds padded to whole blocks (the fc layer reads past the padding); else 0
  pixel_channels = 13,
};
constexpr int kDescFields = 14;  ///< words 0 .. kDescFields - 1 carry a field
constexpr int kCtlRelu = 0, kCtlBias = 1, kCtlStream = 2, kCtlLast = 3, kCtlConv = 4, kCtlPool = 5,
              kCtlLstm = 6;
constexpr int kLstmStepsAt = 12;  ///< bit offset of lstm_shape's time steps
/// Bit offsets of the conv words' fields (a size takes 12 bits, kernel/stride/padding 4).
constexpr int kConvWidthAt = 12, kConvKernelAt = 24, kConvStrideAt = 28, kConvPadAt = 24;
constexpr int kConvSizeBits = 12, kConvSmallBits = 4;

/// A conv layer's geometry as the top's gather walks it (all 0 for fc). Activations sit in the
/// buffers pixel-major: pixel (y, x) holds its channel blocks one after another, each a block of
/// k samples ("Conv in the whole-network top", SCHEDULE.md).
struct ConvGeometry {
  int in_height = 0, in_width = 0, kernel = 0, stride = 0, padding = 0;
  int out_height = 0, out_width = 0;

  bool operator==(const ConvGeometry& o) const;
};

/// An lstm layer's shape and state regions as the top's time-step loop walks them (all 0 for fc
/// and conv): step t reads x_t (x_blocks blocks) then h_{t-1} (the q - x_blocks hidden blocks),
/// writes the gates from gate_base, then the cell update reads them and c (cell_base) and writes
/// c and h_t at out_base + t x hidden blocks ("LSTM in the whole-network top", SCHEDULE.md).
struct LstmShape {
  int x_blocks = 0, steps = 0;
  int64_t gate_base = 0, cell_base = 0;

  bool operator==(const LstmShape& o) const;
};

struct LayerDescriptor {
  int p = 0, q = 0;
  int64_t in_features = 0;  ///< fc: input samples; conv: channels; lstm: x_t's samples
  /// fc: channels per input pixel when the conv layer before pads them to whole blocks (0: the
  /// input is contiguous): sample i sits at (i / c) x whole blocks + i mod c
  int64_t pixel_channels = 0;
  bool relu = false, bias = false, stream = false, last = false, conv = false, lstm = false;
  bool pool = false;  ///< conv: 2x2 max pooling (an odd last row or column is dropped)
  int64_t weight_base = 0;
  int64_t bias_base = 0;
  int64_t in_base = 0, out_base = 0;  ///< output-bank blocks (SCHEDULE.md, activation regions)
  ConvGeometry geom;
  LstmShape lstm_shape;

  /// Products one inference runs on the layer: output pixels (conv), time steps (lstm), or 1.
  int64_t products() const {
    return conv ? int64_t{geom.out_height} * geom.out_width : lstm ? lstm_shape.steps : 1;
  }
  /// Hidden blocks of an lstm layer (h_t's; the gates are 4 of them each).
  int hidden_blocks() const { return q - lstm_shape.x_blocks; }
  /// Pixels the layer writes: products(), or the whole 2x2 windows when it pools.
  int64_t out_pixels() const {
    return pool ? int64_t{geom.out_height / 2} * (geom.out_width / 2) : products();
  }
  /// Output-bank blocks the layer's outputs take, as the drain streams them: its pixels' (or
  /// whole windows') blocks, or every step's h_t.
  int64_t out_blocks() const {
    return lstm ? int64_t{lstm_shape.steps} * hidden_blocks() : out_pixels() * p;
  }
  /// Channel blocks of one input pixel (conv), or the input blocks (fc).
  int channel_blocks(int k) const { return conv ? static_cast<int>((in_features + k - 1) / k) : q; }
  /// Where input sample i sits in the layer's input region (samples from its first block): past
  /// each pixel's padding channels when pixel_channels is set (an fc layer after such a conv).
  int64_t input_sample_at(int64_t i, int k) const {
    if (pixel_channels == 0) return i;
    return i / pixel_channels * ((pixel_channels + k - 1) / k * k) + i % pixel_channels;
  }

  bool operator==(const LayerDescriptor& o) const;
};

/// The output pixel product n of a conv layer computes: row-major, or with pooling each 2x2
/// window's pixels in a row (row-major within it), the windows row-major; an odd size's last
/// column and row make windows of 2 and 1 pixels, whose outputs pooling drops (SCHEDULE.md).
/// Under conv_dataflow: reuse (`row_major`) the products are row-major, pooling or not: the
/// line buffer holds the rows of one output row's windows.
struct Pixel {
  int64_t y = 0, x = 0;
};
Pixel product_pixel(const LayerDescriptor& d, int64_t n, bool row_major);

/// What the product at output pixel px does with its outputs when its layer pools 2x2 (floor):
/// writes them (a window's first pixel), writes their max with the word there (the other three),
/// or nothing (a pixel of an odd last row or column).
enum class PoolWrite { write, max_with, dropped };
PoolWrite pool_write(int64_t out_height, int64_t out_width, Pixel px);

/// Bits each field keeps in the top's table (the rest of a cfg word is dropped), from the spec's
/// buffer sizes: the generator lays the table out with them, the area model prices them.
struct DescriptorBits {
  int control = 7, p = 0, q = 0, in_features = 0, weight_base = kCfgDataBits, bias_base = 0;
  int size = 0;        ///< bits of each conv height / width (at most kConvSizeBits)
  int act_base = 0;    ///< bits of in_base, out_base, gate_base, cell_base (output-bank blocks)
  int steps = 0;       ///< bits of an lstm layer's time steps (at most kConvSizeBits)
  int total() const {  ///< the conv geometry, the lstm shape, the four bases, pixel channels
    return control + p + q + 2 * in_features + weight_base + bias_base + 4 * size +
           3 * kConvSmallBits + 4 * act_base + q + steps;
  }
};
DescriptorBits descriptor_bits(const AcceleratorSpec& s);

/// Bits to hold 0..max_value (at least 1).
int bits_to_hold(int64_t max_value);

struct CfgWrite {
  int64_t addr = 0;
  uint32_t data = 0;
};

/// Every word of every descriptor, in address order.
std::vector<CfgWrite> encode_program(const std::vector<LayerDescriptor>& layers);
/// Field `f` of descriptor d as the cfg word carries it.
uint32_t descriptor_word(const LayerDescriptor& d, DescField f);
/// Sets field `f` of d from a cfg word (the inverse of descriptor_word).
void set_descriptor_word(LayerDescriptor& d, DescField f, uint32_t word);

/// A network as the whole-network top runs it: the descriptors, where the streamed layers'
/// rows sit in the off-chip weight image, and how much of the bias banks the network takes.
struct NetworkProgram {
  std::vector<LayerDescriptor> layers;
  int64_t offchip_rows = 0;  ///< rows of the off-chip weight image (streamed layers, in order)
  int64_t bias_blocks = 0;   ///< bias blocks used (layers with bias, in order)
};

/// Why the top cannot run `layers` as one program ("" when it can): an lstm layer whose hidden
/// size is not whole blocks, that follows a layer with x_t not whole blocks, or with a
/// formats.output the cell unit cannot take, a conv layer
/// after an fc layer or that pools avg2, an fc layer after a conv
/// layer whose channels are not a multiple of the samples a row, more layers than
/// controller.max_layers, more bias than controller.bias_kib, a layer larger than the activation
/// buffer's halves, feature maps whose regions do not fit the output banks, or a chain whose sizes
/// do not match.
std::string network_unsupported(const AcceleratorSpec& s, const std::vector<Layer>& layers);

/// The program of `layers` with their plans (plan_workload: residency and base rows);
/// ConfigError with network_unsupported's reason when the top cannot run them.
NetworkProgram network_program(const AcceleratorSpec& s, const std::vector<Layer>& layers,
                               const std::vector<LayerPlan>& plans);

}  // namespace circa::arch
