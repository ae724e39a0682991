// A network to run: an ordered list of layers, each mapped onto the block-circulant kernel.
// Built by the config loader; parameters declared once in workload_params.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/enum_names.hpp"

namespace circa {

enum class LayerKind { fc, conv, lstm };
enum class Activation { none, relu, sigmoid, tanh };
enum class Pooling { none, max2, avg2 };  ///< 2x2, stride 2, after the activation (conv only)

struct Layer {
  std::string name;
  LayerKind kind = LayerKind::fc;
  int block_size = 0;  ///< k of this layer's circulant blocks; 0 = the accelerator's k
  bool bias = true;
  Activation activation = Activation::relu;
  // fc
  int in_features = 0;
  int out_features = 0;
  // conv (square kernels, NCHW)
  int in_channels = 0;
  int out_channels = 0;
  int in_height = 0;
  int in_width = 0;
  int kernel = 0;
  int stride = 1;
  int padding = 0;
  Pooling pool = Pooling::none;
  // lstm (one layer, gates i, f, g, o stacked; hard sigmoid / hard tanh in fixed point)
  int input_size = 0;
  int hidden_size = 0;
  int time_steps = 1;

  SourceLocation where;  ///< the layer's mapping in its YAML file, for later errors
};

/// The block-circulant matrix a layer becomes, and how often it is applied per inference.
/// fc: W is out x in. conv (CirCNN): for each of kernel^2 taps the out_channels x in_channels
/// slice is block-circulant; one output pixel is one matrix-vector product over all taps.
/// lstm: the four gates stacked (4*hidden rows) over [x; h] (input_size + hidden_size columns),
/// x and h padded to whole blocks separately.
struct LayerGeometry {
  int k = 0;
  int p = 0;             ///< output blocks
  int q = 0;             ///< input blocks (all taps / both parts)
  int64_t rows = 0;      ///< m before padding
  int64_t cols = 0;      ///< n before padding (conv: kernel^2 * in_channels)
  int64_t products = 0;  ///< matrix-vector products per inference (pixels or time steps)
  int out_height = 1;    ///< conv output size before pooling
  int out_width = 1;
  int64_t output_elements = 0;  ///< per inference, after pooling
  int64_t input_elements = 0;   ///< per inference
  int64_t dense_macs = 0;       ///< multiply-accumulates of the equivalent dense layer
  int64_t weight_params = 0;    ///< p * q * k stored reals (compression k against dense)
};

LayerGeometry geometry(const Layer& layer, int accelerator_k);

struct Workload {
  std::string name;
  std::string dataset;
  std::vector<Layer> layers;
};

/// The same layers, field for field (where their YAML was aside); names and datasets aside.
bool same_layers(const Workload& a, const Workload& b);

const EnumNames<LayerKind>& enum_names(LayerKind);
const EnumNames<Activation>& enum_names(Activation);
const EnumNames<Pooling>& enum_names(Pooling);
const char* to_string(LayerKind);
const char* to_string(Activation);
const char* to_string(Pooling);

}  // namespace circa
