#include "sysc/act_buffer.hpp"

#include <algorithm>

#include "arch/conv_dataflow.hpp"
#include "arch/layer_program.hpp"
#include "common/error.hpp"
#include "numerics/conv_gather.hpp"
#include "numerics/output_stage.hpp"

namespace circa::sysc {

ActivationBuffer::ActivationBuffer(const sc_core::sc_module_name& name, SimContext& ctx,
                                   Program& prog, Link<Command>& cmd, Link<Block>& to_fft,
                                   Link<OutputWrite>& from_peripheral, LayerCheck check)
    : Unit(name, ctx, prog),
      cmd_(cmd),
      to_fft_(to_fft),
      from_peripheral_(from_peripheral),
      check_(std::move(check)) {
  CIRCA_CLOCKED_THREAD(read_port);
  CIRCA_CLOCKED_THREAD(write_port);
}

void ActivationBuffer::read_port() {
  std::vector<int64_t>& v = product_codes_;
  wait();
  while (true) {
    const Command c = cmd_.pop();
    if (!host_fed_ && c.layer != loaded_) load_layer(c.layer);
    if (c.fill) {
      stream_fill(c.layer, c.product);
      continue;
    }
    LayerProgram& lp = layer(c.layer);
    const int k = lp.plan.geom.k, q = lp.plan.geom.q;
    product_input(c.layer, c.product, v);
    for (int j = 0; j < q; ++j)
      stream_block(
          lp, j, std::vector<int64_t>(v.begin() + int64_t{j} * k, v.begin() + int64_t{j + 1} * k));
  }
}

void ActivationBuffer::stream_block(LayerProgram& lp, int index, std::vector<int64_t> codes) {
  const int beats = lp.plan.fft.beats;
  lp.events.act_sample_reads += static_cast<int64_t>(codes.size());
  const int64_t t = send(to_fft_, Block{index, std::move(codes)});
  act_.busy(t, t + beats);
  ctx_.wait_until(t + beats);  // the read port streams one block at a time
}

// A reuse conv row fill: the output row's new input rows, pixel by pixel, Cb blocks a pixel.
void ActivationBuffer::stream_fill(int li, int64_t n) {
  LayerProgram& lp = layer(li);
  const Layer& l = *lp.layer;
  const int k = lp.plan.geom.k, cb = static_cast<int>(num::blocks_for(l.in_channels, k));
  const arch::Span rows = arch::fill_rows(l, static_cast<int>(n / lp.plan.geom.out_width));
  std::vector<int64_t> block;
  int index = 0;
  for (int r = rows.first; r <= rows.last; ++r)
    for (int x = 0; x < l.in_width; ++x)
      for (int c = 0; c < cb; ++c) {
        num::gather_pixel_block(l, k, in_, r, x, c, block);
        stream_block(lp, index++, std::move(block));
      }
}

void ActivationBuffer::feed_from_host(std::vector<int64_t> input, int64_t outputs) {
  host_fed_ = true;
  in_ = std::move(input);
  out_.assign(static_cast<size_t>(outputs), 0);
}

// The double buffer swaps: the finished layer's outputs become this layer's inputs.
void ActivationBuffer::load_layer(int li) {
  LayerProgram& lp = layer(li);
  const DatapathFormats& f = spec().formats;
  uint64_t* ovf = &lp.overflow[num::Stage::input];
  if (li == 0) {
    in_.resize(prog_.input.size());
    for (size_t i = 0; i < in_.size(); ++i) in_[i] = num::fit(prog_.input[i], f.input, ovf);
  } else {
    if (!finish_layer(li - 1)) {
      stopped_ = true;
      sc_core::sc_stop();
      while (true) wait();
    }
    in_ = num::next_layer_input(*layer(li - 1).layer, *lp.layer, final_);
    for (int64_t& x : in_) x = num::requantize(x, f.output.frac, f.input, ovf);
  }
  CIRCA_CHECK(static_cast<int64_t>(in_.size()) == lp.plan.geom.input_elements,
              "layer input size");
  const Layer& l = *lp.layer;
  out_.assign(l.kind == LayerKind::conv
                  ? int64_t{l.out_channels} * lp.plan.geom.out_height * lp.plan.geom.out_width
                  : lp.plan.geom.output_elements,
              0);
  recurrent_.assign(l.kind == LayerKind::lstm ? l.hidden_size : 0, 0);
  loaded_ = li;
}

bool ActivationBuffer::finish_layer(int li) {
  const LayerProgram& lp = layer(li);
  const Layer& l = *lp.layer;
  final_ = l.kind == LayerKind::conv
               ? num::pool2(out_, l.out_channels, lp.plan.geom.out_height,
                            lp.plan.geom.out_width, l.pool, spec().formats.output)
               : out_;
  return check_ ? check_(li, final_) : true;
}

const std::vector<int64_t>& ActivationBuffer::finish() {
  if (!stopped_ && loaded_ >= 0 && !finish_layer(loaded_)) stopped_ = true;
  return final_;
}

void ActivationBuffer::product_input(int li, int64_t n, std::vector<int64_t>& v) const {
  const LayerProgram& lp = prog_.layers[li];
  const Layer& l = *lp.layer;
  const int k = lp.plan.geom.k;
  v.assign(static_cast<size_t>(lp.plan.geom.q) * k, 0);
  if (l.kind == LayerKind::fc) {
    std::copy(in_.begin(), in_.end(), v.begin());
  } else if (l.kind == LayerKind::lstm) {
    std::copy_n(in_.begin() + n * l.input_size, l.input_size, v.begin());
    const int64_t h_offset = (l.input_size + k - 1) / k * k;
    std::copy(recurrent_.begin(), recurrent_.end(), v.begin() + h_offset);
  } else {  // conv: the golden model's gather, tap (u, t) row-major, channels padded
    const int ow_n = lp.plan.geom.out_width;
    num::gather_conv_input(l, k, in_, static_cast<int>(n / ow_n), static_cast<int>(n % ow_n), v);
  }
}

void ActivationBuffer::write_port() {
  wait();
  while (true) {
    const OutputWrite w = from_peripheral_.pop();
    act_.busy(now(), now() + 1);
    store(w);
  }
}

// The output banks' accesses of a write: with 2x2 pooling a window's first pixel writes, the
// other three read back and write the max, and a pixel of an odd last row or column writes
// nothing (the generated top's write path; SCHEDULE.md, "Events counted").
void ActivationBuffer::count_output_writes(LayerProgram& lp, const OutputWrite& w) {
  const int64_t n = static_cast<int64_t>(w.values.size());
  const LayerGeometry& g = lp.plan.geom;
  if (lp.layer->kind != LayerKind::conv || lp.layer->pool == Pooling::none) {
    lp.events.act_output_writes += n;
    return;
  }
  const arch::Pixel px{w.product / g.out_width, w.product % g.out_width};
  switch (arch::pool_write(g.out_height, g.out_width, px)) {
    case arch::PoolWrite::write:
      lp.events.act_output_writes += n;
      break;
    case arch::PoolWrite::max_with:
      lp.events.act_output_writes += n;
      lp.events.act_pool_reads += n;
      break;
    case arch::PoolWrite::dropped:
      break;
  }
}

void ActivationBuffer::store(const OutputWrite& w) {
  LayerProgram& lp = layer(w.layer);
  const Layer& l = *lp.layer;
  if (w.kind == OutputWrite::recurrent) {  // h_t: a layer output and the next step's input
    std::copy(w.values.begin(), w.values.end(), out_.begin() + w.product * l.hidden_size);
    const DatapathFormats& f = spec().formats;
    for (size_t u = 0; u < w.values.size(); ++u)
      recurrent_[u] = num::requantize(w.values[u], f.output.frac, f.input,
                                      &lp.overflow[num::Stage::input]);
    return;
  }
  count_output_writes(lp, w);
  if (l.kind == LayerKind::fc || host_fed_) {  // the pin top takes each product's outputs
    std::copy(w.values.begin(), w.values.end(), out_.begin() + w.first_row);
  } else if (l.kind == LayerKind::conv) {
    const int64_t pixels = int64_t{lp.plan.geom.out_height} * lp.plan.geom.out_width;
    for (size_t e = 0; e < w.values.size(); ++e)
      out_[(w.first_row + static_cast<int64_t>(e)) * pixels + w.product] = w.values[e];
  }  // lstm gate rows stay in the peripheral's cell update; only h is kept
}

}  // namespace circa::sysc
