#include "cosim/reference_top.hpp"

#include <algorithm>

#include "analytical/schedule.hpp"
#include "arch/microarch.hpp"
#include "common/error.hpp"
#include "arch/memory_map.hpp"
#include "gen/top.hpp"

namespace circa::cosim {

namespace {

int64_t field(const Bits& v, int lo, int w) {
  uint64_t r = 0;
  for (int b = 0; b < w; ++b) {
    const int i = lo + b;
    if (i / 32 < static_cast<int>(v.size()) && ((v[i / 32] >> (i % 32)) & 1u))
      r |= uint64_t{1} << b;
  }
  return w < 64 && (r >> (w - 1)) & 1u ? static_cast<int64_t>(r | (~uint64_t{0} << w))
                                       : static_cast<int64_t>(r);
}

void put(Bits& v, int lo, int w, int64_t x) {
  for (int b = 0; b < w; ++b) {
    const int i = lo + b;
    if ((static_cast<uint64_t>(x) >> b) & 1u) v[i / 32] |= 1u << (i % 32);
  }
}

}  // namespace

arch::LayerPlan plan_alone(const AcceleratorSpec& s, const Layer& layer) {
  Workload wl;
  wl.name = "cosim";
  wl.layers.push_back(layer);
  return arch::plan_workload(s, wl).at(0);
}

ReferenceTop::ReferenceTop(sc_core::sc_module_name name, const AcceleratorSpec& s,
                           const Layer& layer, const num::LayerWeights& w,
                           const std::vector<gen::Port>& ports)
    : sc_core::sc_module(name), clk("clk"), s_(s), ports_(ports) {
  k_ = s.block_size;
  S_ = std::min(s.fft.samples_per_cycle, k_);
  beats_ = k_ / S_;
  in_bits_ = s.formats.input.bits;
  out_bits_ = s.formats.output.bits;
  ws_depth_ = static_cast<int>(arch::memory_map(s).weight_stream_fifo.depth);
  for (const auto& p : ports_) values_.push_back(Bits(static_cast<size_t>(words_of(p.width)), 0u));
  rst_ = idx("rst"), start_ = idx("start"), in_valid_ = idx("in_valid"), in_data_ = idx("in_data"),
  out_ready_ = idx("out_ready");
  done_ = idx("done"), busy_ = idx("busy"), in_ready_ = idx("in_ready"),
  out_valid_ = idx("out_valid"), out_data_ = idx("out_data");
  ws_valid_ = idx("ws_valid"), ws_ready_ = idx("ws_ready");
  in_rows_.assign(static_cast<size_t>(arch::memory_map(s).max_q) * beats_,
                  Bits(values_[in_data_].size(), 0u));
  select(layer, w);
  SC_HAS_PROCESS(ReferenceTop);
  SC_METHOD(tick);
  sensitive << clk.pos();
  dont_initialize();
}

void ReferenceTop::select(const Layer& layer, const num::LayerWeights& w) {
  if (layer.kind != LayerKind::fc)
    throw ConfigError("cosim: layer " + layer.name +
                      " is not fc; the reference top runs fc layers");
  layer_ = layer;
  w_ = w;
  const LayerGeometry g = geometry(layer, k_);
  p_ = g.p;
  q_ = g.q;
  const arch::LayerPlan plan = plan_alone(s_, layer);
  const ana::ProductSchedule ps = ana::product_schedule(s_, layer, plan);
  T_ = ps.total;
  stream_ = !plan.weights_on_chip;
  pops_.clear();
  for (int64_t t : ps.issue_starts)  // read stages: the cycle before each issue cycle
    for (int c = 0; c < plan.mac.issue_cycles; ++c) pops_.push_back(t - 1 + c);
  out_codes_.assign(static_cast<size_t>(p_) * k_, 0);
}

int ReferenceTop::idx(const std::string& name) const {
  for (size_t i = 0; i < ports_.size(); ++i)
    if (ports_[i].name == name) return static_cast<int>(i);
  throw InternalError("cosim: the top has no port " + name);
}

int64_t ReferenceTop::in(const char* port) const {
  return values_[idx(port)][0];
}

void ReferenceTop::set(int port, const Bits& v) {
  Bits& d = values_.at(port);
  for (size_t i = 0; i < d.size(); ++i) d[i] = i < v.size() ? v[i] : 0u;
}

bool ReferenceTop::lane_defined(int64_t row, int lane) const {
  return row * S_ + lane < layer_.out_features;
}

Bits ReferenceTop::get(int port) {
  const bool start = values_[start_][0] & 1u;
  Bits v(values_.at(port).size(), 0u);
  if (port == in_ready_)
    v[0] = state_ != 1 && !start;
  else if (port == busy_)
    v[0] = state_ == 1;
  else if (port == done_)
    v[0] = state_ == 1 && cnt_ == T_ - 1;
  else if (port == out_valid_)
    v[0] = have_;
  else if (port == ws_ready_)
    v[0] = state_ == 1 && stream_ && ws_cnt_ < ws_depth_;
  else if (port == out_data_) {
    for (int l = 0; l < S_; ++l)
      put(v, l * out_bits_, out_bits_, out_codes_[static_cast<size_t>(row_ * S_ + l)]);
  } else {
    v = values_.at(port);
  }
  return v;
}

void ReferenceTop::tick() {
  const bool rst = values_[rst_][0] & 1u, start = values_[start_][0] & 1u,
             in_valid = values_[in_valid_][0] & 1u, out_ready = values_[out_ready_][0] & 1u;
  if (rst) {
    state_ = 0;
    in_ptr_ = u_ = 0;
    have_ = false;
    return;
  }
  const int64_t u_total = int64_t{p_} * beats_;
  const bool go = state_ == 0 && start;
  const bool in_fire = in_valid && state_ != 1 && !start;
  const bool done = state_ == 1 && cnt_ == T_ - 1;
  const bool d_rd = state_ == 2 && u_ < u_total && (!have_ || out_ready);
  const bool drain_end = state_ == 2 && u_ == u_total && (!have_ || out_ready);
  if (in_fire)
    in_rows_[static_cast<size_t>(in_ptr_++ % static_cast<int64_t>(in_rows_.size()))] =
        values_[in_data_];
  if (go) {
    // The product: the first in_features samples of the rows streamed since the last go.
    std::vector<int64_t> x(static_cast<size_t>(layer_.in_features));
    for (int i = 0; i < layer_.in_features; ++i)
      x[i] = field(in_rows_[i / S_], (i % S_) * in_bits_, in_bits_);
    const std::vector<int64_t> y = num::run_layer_fixed(s_, layer_, w_, x).output;
    std::fill(out_codes_.begin(), out_codes_.end(), 0);
    std::copy(y.begin(), y.end(), out_codes_.begin());
    state_ = 1;
    cnt_ = 0;
    in_ptr_ = u_ = 0;
    have_ = false;
    ws_cnt_ = 0;
    pop_ = 0;
    return;
  }
  if (state_ == 1 && stream_) {
    const bool push = (values_[ws_valid_][0] & 1u) && ws_cnt_ < ws_depth_;
    const bool pop = pop_ < pops_.size() && pops_[pop_] == cnt_;
    pop_ += pop;
    ws_cnt_ += int{push} - int{pop};  // < 0: the stream was late; ws_ready shows the mismatch
  }
  if (state_ == 1) {
    if (done)
      state_ = 2;
    else
      ++cnt_;
  } else if (drain_end) {
    state_ = 0;
  }
  if (d_rd) {
    row_ = u_++;
    have_ = true;
  } else if (out_ready) {
    have_ = false;
  }
}

}  // namespace circa::cosim
