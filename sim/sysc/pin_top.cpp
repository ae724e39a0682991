#include "sysc/pin_top.hpp"

#include <algorithm>

#include "arch/conv_dataflow.hpp"
#include "arch/memory_map.hpp"
#include "common/error.hpp"
#include "numerics/fixed_point.hpp"
#include "numerics/output_stage.hpp"
#include "sysc/weight_rows.hpp"

namespace circa::sysc {
namespace {

/// An fc layer of p x q whole blocks: what the top's layer registers describe.
Layer pin_layer(int k, int p, int q, bool relu, bool bias) {
  Layer l;
  l.name = "top";
  l.kind = LayerKind::fc;
  l.in_features = q * k;
  l.out_features = p * k;
  l.activation = relu ? Activation::relu : Activation::none;
  l.bias = bias;
  return l;
}

arch::LayerPlan plan_of(const AcceleratorSpec& s, const Layer& l) {
  Workload w;
  w.name = "top";
  w.layers.push_back(l);
  return arch::plan_workload(s, w).at(0);
}

/// Two program slots the products alternate between (a start may come while the units still
/// hold references into the previous product's slot).
Program pin_program(const AcceleratorSpec& s, const std::deque<Layer>& layers) {
  Program prog;
  prog.spec = &s;
  prog.layers.resize(layers.size());
  for (size_t i = 0; i < layers.size(); ++i) {
    prog.layers[i].layer = &layers[i];
    prog.layers[i].plan = plan_of(s, layers[i]);
    prog.layers[i].fft = std::make_unique<num::FixedFft>(s.block_size, s.formats, s.fft.scaling);
  }
  return prog;
}

}  // namespace

PinTop::PinTop(const sc_core::sc_module_name& name, const AcceleratorSpec& s, std::vector<Pin> pins,
               sc_core::sc_time period, PinTopFaults faults)
    : sc_core::sc_module(name),
      spec_(s),
      samples_(std::min(s.fft.samples_per_cycle, s.block_size)),
      reuse_(s.controller.conv_dataflow == ConvDataflow::reuse),
      pins_(std::move(pins)),
      faults_(faults),
      ctx_{period},
      layers_(2, pin_layer(s.block_size, 1, 1, false, false)),
      prog_(pin_program(spec_, layers_)),
      dp_("dp", ctx_, prog_, nullptr, true),
      map_(arch::memory_map(s)) {
  for (const Pin& p : pins_) values_.push_back(Bits(static_cast<size_t>(words_of(p.width)), 0u));
  rst_i_ = index("rst"), start_i_ = index("start"), in_valid_i_ = index("in_valid"),
  in_data_i_ = index("in_data"), out_ready_i_ = index("out_ready"), cfg_we_i_ = index("cfg_we"),
  cfg_addr_i_ = index("cfg_addr"), cfg_data_i_ = index("cfg_data"), w_we_i_ = index("w_we"),
  w_addr_i_ = index("w_addr"),
  w_data_i_ = index("w_data"), b_we_i_ = index("b_we"), b_addr_i_ = index("b_addr"),
  b_data_i_ = index("b_data"), ws_valid_i_ = index("ws_valid"), ws_data_i_ = index("ws_data"),
  ws_req_ready_i_ = index("ws_req_ready", false);
  done_o_ = index("done"), busy_o_ = index("busy"), in_ready_o_ = index("in_ready"),
  out_valid_o_ = index("out_valid"), out_data_o_ = index("out_data"),
  ws_ready_o_ = index("ws_ready"), ws_req_valid_o_ = index("ws_req_valid", false),
  ws_req_addr_o_ = index("ws_req_addr", false);
  input_rows_.assign(static_cast<size_t>(map_.input_buffer.depth), Bits(values_[in_data_i_].size()));
  weight_rows_.assign(static_cast<size_t>(map_.weight_rows.rows), Bits(values_[w_data_i_].size()));
  bias_.assign(static_cast<size_t>(map_.max_bias_blocks) * s.block_size, 0);
  table_.assign(static_cast<size_t>(s.controller.max_layers), arch::LayerDescriptor{});
  outputs_.assign(static_cast<size_t>(map_.max_p) * s.block_size, 0);
  dp_.clk(clk);
  dp_.rst(rst_);
  dp_.weight_stream().on_row = [this](int64_t row, const Bits& data) {
    LayerProgram& lp = prog_.layers[slot_];
    decode_weight_row(spec_, lp.plan.mac, data, row, lp.params.spectra);
  };
  SC_METHOD(edge);
  sensitive << clk.pos();
  dont_initialize();
  SC_METHOD(host_tick);
  sensitive << settle_ev_;
  dont_initialize();
}

int PinTop::index(const char* name, bool required) const {
  for (size_t i = 0; i < pins_.size(); ++i)
    if (pins_[i].name == name) return static_cast<int>(i);
  if (required) throw InternalError(std::string("pin top: the top has no port ") + name);
  return -1;
}

void PinTop::set(int port, const Bits& v) {
  Bits& d = values_.at(static_cast<size_t>(port));
  for (size_t i = 0; i < d.size(); ++i) d[i] = i < v.size() ? v[i] : 0u;
  if (port == rst_i_) rst_.write(in(rst_i_));
}

// The datapath's last output write, then for an lstm step the cell update's cycles.
int64_t PinTop::done_cycle() const {
  const int64_t d = dp_.controller().done_cycle();
  return d < start_cycle_ ? -1 : d + update_cycles_ + (faults_.done_late ? 1 : 0);
}

Bits PinTop::get(int port) {
  const int64_t t = ctx_.cycle();
  const bool running = state_ == State::run;
  Bits v(values_.at(static_cast<size_t>(port)).size(), 0u);
  const WeightStream::PortOut& ws = dp_.weight_stream().out();
  const bool stream = running && streaming_;
  if (port == in_ready_o_) {
    v[0] = !busy() && !in(start_i_);
  } else if (port == busy_o_) {
    v[0] = busy();
  } else if (port == done_o_) {
    v[0] = running && last_layer() && last_product() && done_cycle() == t;
  } else if (port == out_valid_o_) {
    v[0] = out_have_;
  } else if (port == out_data_o_) {
    const int O = spec_.formats.output.bits;
    for (int l = 0; l < samples_; ++l) {
      const size_t i = static_cast<size_t>(out_row_ * samples_ + l);
      if (i < outputs_.size()) put_field(v, l * O, O, outputs_[i]);
    }
  } else if (port == ws_ready_o_) {
    v[0] = stream && ws.ready;
  } else if (port == ws_req_valid_o_) {
    v[0] = stream && ws.req_valid;
  } else if (port == ws_req_addr_o_) {
    if (stream && ws.req_valid)  // 0 while no request is offered
      put_field(v, 0, pins_[port].width, stream_base_ + ws.req_addr);
  } else {
    v = values_.at(static_cast<size_t>(port));
  }
  return v;
}

void PinTop::edge() {
  settle_ev_.notify(ctx_.settle());
}

// Cycle t's registers from cycle t-1's: the inputs still hold the values driven in t-1.
void PinTop::host_tick() {
  const int64_t t = ctx_.cycle();
  if (in(rst_i_)) {
    state_ = State::idle;
    in_ptr_ = drain_row_ = 0;
    layer_ = 0;
    out_have_ = false;
    return;
  }
  const bool running = state_ == State::run, start = in(start_i_);
  const bool start_fire = state_ == State::idle && start;
  const bool switch_fire = state_ == State::layer_switch;
  const bool in_fire = in(in_valid_i_) && !busy() && !start;
  const bool drain_ok = !out_have_ || in(out_ready_i_);
  const arch::LayerDescriptor& d = table_[static_cast<size_t>(layer_)];
  const int64_t beats = spec_.block_size / samples_;
  const int64_t drain_rows = (d.out_base + d.out_blocks()) * beats;
  const bool draining = state_ == State::drain;
  const bool drain_read = draining && drain_row_ < drain_rows && drain_ok;
  const bool drain_end = draining && drain_row_ == drain_rows && drain_ok;
  if (in(cfg_we_i_) && !busy()) {
    const int64_t a = in_value(cfg_addr_i_), li = a / arch::kDescriptorWords;
    const int f = static_cast<int>(a % arch::kDescriptorWords);
    if (li < static_cast<int64_t>(table_.size()) &&
        f < arch::kDescFields)
      arch::set_descriptor_word(table_[static_cast<size_t>(li)], static_cast<arch::DescField>(f),
                                static_cast<uint32_t>(unsigned_field(values_[cfg_data_i_], 0, 32)));
  }
  if (in(w_we_i_) && !busy()) {
    const int64_t a = in_value(w_addr_i_);
    if (a < static_cast<int64_t>(weight_rows_.size())) weight_rows_[a] = values_[w_data_i_];
  }
  if (in(b_we_i_) && !busy()) {
    const int64_t a = in_value(b_addr_i_);
    if (a < static_cast<int64_t>(bias_.size()))
      bias_[a] = signed_field(values_[b_data_i_], 0, pins_[b_data_i_].width);
  }
  if (in_fire && in_ptr_ < static_cast<int64_t>(input_rows_.size()))
    input_rows_[in_ptr_] = values_[in_data_i_];
  const bool product_end = running && done_cycle() == t - 1;
  if (product_end) keep_outputs();
  const bool next_product = product_end && !last_product();
  const bool layer_end = product_end && last_product(), last = last_layer();
  const State next = start_fire || switch_fire ? State::run
                     : layer_end                ? (last ? State::drain : State::layer_switch)
                     : draining && drain_end    ? State::idle
                                                : state_;
  // The weight stream's registers take cycle t-1's handshakes (a product's start clears them).
  if (streaming_ && !start_fire && !switch_fire && !next_product) {
    const WeightStream::PortIn port{in(ws_valid_i_), &values_[ws_data_i_],
                                    ws_req_ready_i_ >= 0 && in(ws_req_ready_i_)};
    dp_.weight_stream().tick(t, next == State::run, port);
  }
  state_ = next;
  if (layer_end && !last) ++layer_;
  if (draining && drain_end) layer_ = 0;
  if (start_fire || switch_fire || next_product) {
    if (start_fire) in_ptr_ = 0;
    if (!next_product) {  // a layer's start: its drain would read its output region
      drain_row_ = table_[static_cast<size_t>(layer_)].out_base * beats;
      out_have_ = false;
    }
    product_ = next_product ? product_ + 1 : 0;
    launch(t, layer_, product_);
    return;
  }
  if (in_fire) ++in_ptr_;
  if (drain_read) {
    out_row_ = drain_row_++;
    out_have_ = true;
  } else if (in(out_ready_i_)) {
    out_have_ = false;
  }
}

// Product cycle 0 of layer li's product n is t, the cycle after its first row is read (in the
// start's cycle, the switch from the layer before, or a conv layer's previous product's last
// output write): its descriptor, configured rows and bias and its input become the datapath's
// next product.
void PinTop::launch(int64_t t, int li, int64_t n) {
  const int k = spec_.block_size;
  const arch::LayerDescriptor& d = table_[static_cast<size_t>(li)];
  const int p = d.p, q = d.q;
  CIRCA_CHECK(p >= 1 && p <= map_.max_p && q >= 1 && q <= map_.max_q,
              "pin top: layer " + std::to_string(li) + "'s p / q outside the top's buffers");
  CIRCA_CHECK(!d.bias || (d.bias_base + p) * k <= static_cast<int64_t>(bias_.size()),
              "pin top: layer " + std::to_string(li) + "'s bias outside the bias banks");
  const bool reuse = d.conv && reuse_;  // the datapath fills the line buffer from the map itself
  std::vector<int64_t> x = reuse    ? std::vector<int64_t>{}
                           : d.conv ? conv_window(d, n)
                           : d.lstm ? lstm_input(d, n)
                                    : layer_input(d);
  update_cycles_ = d.lstm ? arch::lstm_update_cycles(spec_, lstm_layer(d)) : 0;
  slot_ ^= 1;
  start_cycle_ = t - 1;
  streaming_ = d.stream;
  stream_base_ = d.weight_base;
  layers_[slot_] = reuse ? conv_layer(d) : pin_layer(k, p, q, d.relu, d.bias);
  LayerProgram& lp = prog_.layers[slot_];
  lp.plan = plan_of(spec_, layers_[slot_]);
  lp.plan.weights_on_chip = !streaming_;
  lp.plan.weight_base_row = streaming_ ? 0 : d.weight_base;
  lp.params.spectra = {p, q, k, std::vector<num::CFixed>(static_cast<size_t>(p) * q * (k / 2 + 1))};
  lp.params.bias.clear();
  if (d.bias)
    lp.params.bias.assign(bias_.begin() + d.bias_base * k, bias_.begin() + (d.bias_base + p) * k);
  lp.events = {};
  lp.events.sram_reads_per_bank.assign(spec_.weight_sram.banks, 0);
  if (!streaming_) decode_resident_rows(lp, d.weight_base);
  if (!reuse)
    dp_.activations().feed_from_host(std::move(x), int64_t{p} * k);
  else if (n == 0)  // the map stays in the buffer for the layer's row fills
    dp_.activations().feed_from_host(conv_map(d), int64_t{p} * k);
  const Command c{slot_, reuse ? n : 0};
  // A reuse row fill comes first: the product's cycle 0, from which its weights stream, is the
  // fill's end, when the controller hands the weight stream the product.
  const bool fill =
      reuse && n % d.geom.out_width == 0 &&
      arch::fill_blocks(layers_[slot_], k, static_cast<int>(n / d.geom.out_width)) > 0;
  if (streaming_ && fill)
    dp_.weight_stream().idle(t);
  else if (streaming_)
    dp_.weight_stream().begin(c, t);
  dp_.requests()->push(c, t);
}

// Samples at and above in_features read as 0; after a conv layer with padding channels the
// samples skip them (arch::LayerDescriptor::input_sample_at), as the RTL's row walk does.
std::vector<int64_t> PinTop::layer_input(const arch::LayerDescriptor& d) const {
  std::vector<int64_t> x(static_cast<size_t>(d.q) * spec_.block_size, 0);
  const int64_t n = std::min<int64_t>(d.in_features, static_cast<int64_t>(x.size()));
  for (int64_t i = 0; i < n; ++i) x[i] = input_code(d, d.input_sample_at(i, spec_.block_size));
  return x;
}

// Layer 0 reads the input rows the host loaded; a later layer reads the layer before's outputs
// from its region of the output banks, re-quantised to formats.input on the way (as the RTL's
// read path does).
int64_t PinTop::input_code(const arch::LayerDescriptor& d, int64_t sample) const {
  if (layer_ > 0) {
    const size_t at = static_cast<size_t>(d.in_base * spec_.block_size + sample);
    CIRCA_CHECK(at < outputs_.size(), "pin top: an input read beyond the output banks");
    return num::requantize(outputs_[at], spec_.formats.output.frac, spec_.formats.input, nullptr);
  }
  const int I = spec_.formats.input.bits;
  return signed_field(input_rows_[sample / samples_], static_cast<int>(sample % samples_) * I, I);
}

// Output pixel n's window, tap (u, v) row-major then channel block cb (numerics/conv_gather.hpp's
// order), from the pixel-major input (input_code): the blocks as stored, zeros off the image and
// at and above in_channels (the layer before's padding outputs, as in RTL).
std::vector<int64_t> PinTop::conv_window(const arch::LayerDescriptor& d, int64_t n) const {
  const int k = spec_.block_size, cb_n = d.channel_blocks(k);
  const arch::ConvGeometry& g = d.geom;
  CIRCA_CHECK(int64_t{g.in_height} * g.in_width * cb_n <= map_.max_q && g.out_width > 0,
              "pin top: the conv layer's input exceeds the input buffer");
  std::vector<int64_t> x(static_cast<size_t>(d.q) * k, 0);
  const arch::Pixel px = pixel_of(d, n);
  const int64_t oy = px.y, ox = px.x;
  for (int u = 0; u < g.kernel; ++u)
    for (int v = 0; v < g.kernel; ++v) {
      const int64_t iy = oy * g.stride + u - g.padding, ix = ox * g.stride + v - g.padding;
      if (iy < 0 || iy >= g.in_height || ix < 0 || ix >= g.in_width) continue;
      for (int cb = 0; cb < cb_n; ++cb) {
        const int64_t j = (int64_t{u} * g.kernel + v) * cb_n + cb;
        const int64_t from = ((iy * g.in_width + ix) * cb_n + cb) * k;
        for (int i = 0; i < k && j < d.q && cb * k + i < d.in_features; ++i)
          x[j * k + i] = input_code(d, from + i);
      }
    }
  return x;
}

Layer PinTop::conv_layer(const arch::LayerDescriptor& d) const {
  const arch::ConvGeometry& g = d.geom;
  Layer l;
  l.name = "top";
  l.kind = LayerKind::conv;
  l.in_channels = static_cast<int>(d.in_features);
  l.out_channels = d.p * spec_.block_size;
  l.in_height = g.in_height, l.in_width = g.in_width;
  l.kernel = g.kernel, l.stride = g.stride, l.padding = g.padding;
  l.activation = d.relu ? Activation::relu : Activation::none;
  l.bias = d.bias;  // pooling is the pin top's (keep_outputs), as the output banks' in RTL
  return l;
}

// Channel c of input pixel (y, x) sits at sample ((y*W + x)*Cb*k + c) of the pixel-major input.
std::vector<int64_t> PinTop::conv_map(const arch::LayerDescriptor& d) const {
  const int k = spec_.block_size;
  const arch::ConvGeometry& g = d.geom;
  const int64_t pixels = int64_t{g.in_height} * g.in_width, pixel_samples = d.channel_blocks(k) * k;
  CIRCA_CHECK(pixels * d.channel_blocks(k) <= map_.max_q,
              "pin top: the conv layer's input exceeds the input buffer");
  std::vector<int64_t> map(static_cast<size_t>(d.in_features * pixels));
  for (int64_t c = 0; c < d.in_features; ++c)
    for (int64_t px = 0; px < pixels; ++px)
      map[c * pixels + px] = input_code(d, px * pixel_samples + c);
  return map;
}

// Step t's [x_t; h_{t-1}]: x_t's blocks where the layer's input keeps them (step after step,
// x_blocks each; samples at and above in_features read as 0), then h_{t-1} from the layer's
// output region re-quantised (zeros at t = 0), as the RTL's read path gives them.
std::vector<int64_t> PinTop::lstm_input(const arch::LayerDescriptor& d, int64_t t) const {
  const int k = spec_.block_size;
  const int64_t xs = int64_t{d.lstm_shape.x_blocks} * k, hs = int64_t{d.hidden_blocks()} * k;
  std::vector<int64_t> x(static_cast<size_t>(d.q) * k, 0);
  for (int64_t i = 0; i < std::min(d.in_features, xs); ++i) x[i] = input_code(d, t * xs + i);
  for (int64_t i = 0; t > 0 && i < hs; ++i)
    x[xs + i] = num::requantize(outputs_.at(d.out_base * k + (t - 1) * hs + i),
                                spec_.formats.output.frac, spec_.formats.input, nullptr);
  return x;
}

Layer PinTop::lstm_layer(const arch::LayerDescriptor& d) const {
  Layer l;
  l.name = "top";
  l.kind = LayerKind::lstm;
  l.hidden_size = d.hidden_blocks() * spec_.block_size;
  return l;
}

// An lstm step's gates go to their region; the cell update then reads them and c row by row
// and writes c and h_t (num::lstm_cell_unit, the function the RTL's cell unit is proved
// against), c starting from 0 at step 0.
void PinTop::lstm_update(const arch::LayerDescriptor& d, const std::vector<int64_t>& gates) {
  const int64_t k = spec_.block_size, hid = int64_t{d.hidden_blocks()} * k;
  const int64_t g0 = d.lstm_shape.gate_base * k, c0 = d.lstm_shape.cell_base * k;
  const int64_t h0 = (d.out_base + product_ * d.hidden_blocks()) * k;
  const auto size = static_cast<int64_t>(outputs_.size());
  CIRCA_CHECK(c0 + hid <= size && h0 + hid <= size &&
                  g0 + static_cast<int64_t>(gates.size()) <= size,
              "pin top: lstm state beyond the output banks");
  std::copy(gates.begin(), gates.end(), outputs_.begin() + g0);
  uint64_t ovf = 0;
  for (int64_t u = 0; u < hid; ++u) {
    int64_t c = product_ == 0 ? 0 : outputs_[c0 + u];
    auto gate = [&](int n) { return outputs_[g0 + n * hid + u]; };
    outputs_[h0 + u] =
        num::lstm_cell_unit(gate(0), gate(1), gate(2), gate(3), &c, spec_.formats.output, &ovf);
    outputs_[c0 + u] = c;
  }
}

// A pooling layer's product keeps the max with what its window's earlier products wrote (the
// first of the four writes its own): 2x2 max pooling of the activated outputs, as in RTL. A
// pixel of an odd last row or column writes nothing.
void PinTop::keep_outputs() {
  const std::vector<int64_t>& y = dp_.activations().outputs();
  const arch::LayerDescriptor& d = table_[static_cast<size_t>(layer_)];
  if (d.lstm) return lstm_update(d, y);
  const arch::Pixel px = d.pool ? pixel_of(d, product_) : arch::Pixel{};
  const arch::PoolWrite how =
      d.pool ? arch::pool_write(d.geom.out_height, d.geom.out_width, px) : arch::PoolWrite::write;
  if (how == arch::PoolWrite::dropped) return;
  const bool first = how == arch::PoolWrite::write;
  const int64_t slot = d.pool ? px.y / 2 * (d.geom.out_width / 2) + px.x / 2 : product_;
  const size_t at =
      static_cast<size_t>(d.out_base * spec_.block_size) + static_cast<size_t>(slot) * y.size();
  CIRCA_CHECK(at + y.size() <= outputs_.size(), "pin top: outputs beyond the output banks");
  for (size_t i = 0; i < y.size(); ++i)
    outputs_[at + i] = first ? y[i] : std::max(outputs_[at + i], y[i]);
}

void PinTop::decode_resident_rows(LayerProgram& lp, int64_t base) {
  const int64_t rows = int64_t{lp.plan.groups} * lp.plan.geom.q * lp.plan.mac.issue_cycles;
  CIRCA_CHECK(base + rows <= static_cast<int64_t>(weight_rows_.size()),
              "pin top: the layer's weight rows exceed the weight SRAM");
  for (int64_t r = 0; r < rows; ++r)
    decode_weight_row(spec_, lp.plan.mac, weight_rows_[base + r], r, lp.params.spectra);
}

}  // namespace circa::sysc
