#include "cosim/lockstep_bench.hpp"

#include <deque>
#include <fstream>
#include <map>
#include <random>
#include <systemc>

#include "common/error.hpp"

namespace circa::cosim {
namespace {

Bits trim(Bits v, int width) {
  v.resize(static_cast<size_t>(words_of(width)), 0u);
  if (width % 32) v.back() &= (1u << (width % 32)) - 1u;
  return v;
}

std::string hex_of(const Bits& v, int width) {
  std::string s;
  static const char* d = "0123456789abcdef";
  for (int n = (width + 3) / 4 - 1; n >= 0; --n)
    s += d[(v[static_cast<size_t>(n * 4 / 32)] >> (n * 4 % 32)) & 15u];
  return width == 1 ? std::string(1, s.back()) : std::to_string(width) + "'h" + s;
}

std::string bin_of(const Bits& v, int width) {
  std::string s;
  for (int i = width - 1; i >= 0; --i)
    s += (v[static_cast<size_t>(i / 32)] >> (i % 32)) & 1u ? '1' : '0';
  return s;
}

struct Sample {
  int64_t cycle;
  std::vector<Bits> in, ref, dut;  ///< by port index (empty where not that direction)
};

class Bench : public sc_core::sc_module {
 public:
  /// Without a reference (reft null) the bench runs the DUT alone: its outputs pace the phases
  /// and nothing is compared.
  Bench(sc_core::sc_module_name n, ReferenceTop* reft, PinModel* dut, std::vector<gen::Port> ports,
        const CosimOptions& o, std::vector<LayerRun> layers, CosimResult* r)
      : sc_core::sc_module(n),
        ref_(reft != nullptr ? static_cast<PinModel*>(reft) : dut),
        reft_(reft),
        dut_(dut),
        ports_(std::move(ports)),
        o_(o),
        r_(r),
        rng_(o.seed * 0x9e3779b97f4a7c15ULL + 7),
        layers_(std::move(layers)) {
    std::map<std::string, size_t> idx;
    for (size_t i = 0; i < ports_.size(); ++i) {
      idx[ports_[i].name] = i;
      if (!ports_[i].output && ports_[i].name != "clk")
        in_.emplace_back(static_cast<size_t>(words_of(ports_[i].width)), 0u);
      else
        in_.emplace_back();
    }
    held_.assign(ports_.size(), Bits{});
    ix_ = {idx.at("rst"),         idx.at("start"),      idx.at("in_valid"), idx.at("in_data"),
           idx.at("out_ready"),   idx.at("cfg_p"),      idx.at("cfg_q"),    idx.at("cfg_relu"),
           idx.at("cfg_bias_en"), idx.at("cfg_stream"), idx.at("ws_valid"), idx.at("ws_data"),
           idx.at("ws_ready"),    idx.at("w_we"),       idx.at("w_addr"),   idx.at("w_data"),
           idx.at("b_we"),        idx.at("b_addr"),     idx.at("b_data"),   idx.at("done"),
           idx.at("in_ready"),    idx.at("out_valid")};
    int64_t bound = 100;
    for (const LayerRun& l : layers_)
      bound += o.products * (l.T + 4 * static_cast<int64_t>(l.inputs[0].size()) + 4 * l.beats_out +
                             50 + static_cast<int64_t>(config_writes(l)));
    limit_ = o.max_cycles > 0 ? o.max_cycles : bound;
    SC_HAS_PROCESS(Bench);
    SC_THREAD(run);
  }

 private:
  int width(const std::string& p) const {
    for (const auto& q : ports_)
      if (q.name == p) return q.width;
    throw InternalError("cosim: the top has no port " + p);
  }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }

  /// The inputs of this cycle by port index (outputs and clk stay empty), by the bench's phase.
  const std::vector<Bits>& drive() {
    for (size_t i = 0; i < ports_.size(); ++i)
      if (!in_[i].empty()) std::fill(in_[i].begin(), in_[i].end(), 0u);
    const LayerRun& l = layers_[li_];
    put_field(in_[ix_.cfg_p], 0, ports_[ix_.cfg_p].width, l.p);
    put_field(in_[ix_.cfg_q], 0, ports_[ix_.cfg_q].width, l.q);
    in_[ix_.cfg_relu][0] = l.layer.activation == Activation::relu;
    in_[ix_.cfg_bias_en][0] = l.layer.bias;
    in_[ix_.cfg_stream][0] = l.feed.stream;
    for (auto& w : in_[ix_.ws_data]) w = static_cast<uint32_t>(rng_());  // garbage unless valid
    if (const int w = ports_[ix_.ws_data].width; w % 32)
      in_[ix_.ws_data].back() &= (1u << (w % 32)) - 1u;
    in_[ix_.out_ready][0] = !chance(o_.stall);
    Bits& data = in_[ix_.in_data];
    for (auto& w : data) w = static_cast<uint32_t>(rng_());  // garbage unless valid
    if (const int w = ports_[ix_.in_data].width; w % 32) data.back() &= (1u << (w % 32)) - 1u;
    switch (phase_) {
      case Phase::reset:
        in_[ix_.rst][0] = 1;
        break;
      case Phase::config:  // resident weight rows, then bias codes, one write a cycle
        if (cfg_next_ < config_rows(l)) {
          in_[ix_.w_we][0] = 1;
          put_field(in_[ix_.w_addr], 0, ports_[ix_.w_addr].width, static_cast<int64_t>(cfg_next_));
          in_[ix_.w_data] = l.feed.rows[cfg_next_];
        } else {
          const size_t b = cfg_next_ - config_rows(l);
          in_[ix_.b_we][0] = 1;
          put_field(in_[ix_.b_addr], 0, ports_[ix_.b_addr].width, static_cast<int64_t>(b));
          put_field(in_[ix_.b_data], 0, ports_[ix_.b_data].width, l.feed.bias[b]);
        }
        break;
      case Phase::load:
        if (!chance(o_.stall)) {
          in_[ix_.in_valid][0] = 1;
          data = l.inputs[static_cast<size_t>(run_)][static_cast<size_t>(beat_)];
        }
        break;
      case Phase::start:
        in_[ix_.start][0] = 1;
        break;
      case Phase::run:
        in_[ix_.in_valid][0] = chance(0.5);  // ignored while busy
        if (l.feed.stream && ws_next_ < l.feed.rows.size() &&
            cycle_ - product0_ >= l.feed.present[ws_next_]) {
          in_[ix_.ws_valid][0] = 1;
          in_[ix_.ws_data] = l.feed.rows[ws_next_];
        }
        break;
      default:
        break;
    }
    return in_;
  }

  void run() {
    wait(5, sc_core::SC_NS);  // the first falling edge
    std::deque<Sample> hist;
    int64_t stop_at = -1, start_cycle = 0;
    for (int64_t c = 0;; ++c) {
      cycle_ = c;
      const std::vector<Bits>& in = drive();
      for (size_t i = 0; i < ports_.size(); ++i) {
        if (in[i].empty() || in[i] == held_[i]) continue;  // signals hold their values
        ref_->set(static_cast<int>(i), in[i]);
        if (reft_ != nullptr) dut_->set(static_cast<int>(i), in[i]);
        held_[i] = in[i];
      }
      wait(1, sc_core::SC_NS);  // combinational outputs settle; the rising edge is 4 ns away
      if (reft_ != nullptr) {   // alone, the DUT is ref_ and nothing is compared or kept
        Sample smp{c, in, std::vector<Bits>(ports_.size()), std::vector<Bits>(ports_.size())};
        compare(c, &smp, &stop_at);
        hist.push_back(std::move(smp));
        if (hist.size() > 64 && stop_at < 0) hist.pop_front();
      }
      advance(c, in, &start_cycle);
      r_->cycles = c + 1;
      if (phase_ == Phase::finished || c + 1 >= limit_ || (stop_at >= 0 && c >= stop_at)) {
        if (phase_ != Phase::finished && r_->mismatch_cycle < 0) {
          r_->mismatch_cycle = c;
          r_->mismatch_port = "(timeout)";
          r_->expected = "product " + std::to_string(run_ + 1) + " of " +
                         std::to_string(o_.products) + " finished";
          r_->actual = "still running after " + std::to_string(limit_) + " cycles";
        }
        if (r_->mismatch_cycle >= 0) write_vcd(hist);
        break;
      }
      wait(9, sc_core::SC_NS);
    }
    sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO,
                                            sc_core::SC_DO_NOTHING);  // "stopped by user"
    sc_core::sc_stop();
  }

  /// Compares every output port of this cycle (out_data on the lanes the golden model
  /// defines, while out_valid); the first mismatch ends the run 16 cycles later.
  void compare(int64_t c, Sample* smp, int64_t* stop_at) {
    const bool rv = ref_->get(ix_.out_valid)[0] & 1u;
    for (size_t i = 0; i < ports_.size(); ++i) {
      if (!ports_[i].output) continue;
      const int w = ports_[i].width;
      Bits e = trim(ref_->get(static_cast<int>(i)), w), a = trim(dut_->get(static_cast<int>(i)), w);
      smp->ref[i] = e;
      smp->dut[i] = a;
      if (ports_[i].name == "out_data") {
        if (!rv) continue;
        // lanes the golden model does not define are padding rows: not compared
        for (int l = 0; l < lanes_out(); ++l)
          if (!reft_->lane_defined(out_beat_, l))
            for (int b = 0; b < w / lanes_out(); ++b) {
              const int bit = l * (w / lanes_out()) + b;
              e[static_cast<size_t>(bit / 32)] &= ~(1u << (bit % 32));
              a[static_cast<size_t>(bit / 32)] &= ~(1u << (bit % 32));
            }
        ++r_->outputs_checked;
      }
      ++r_->compared;
      if (e != a && r_->mismatch_cycle < 0) {
        r_->mismatch_cycle = c;
        r_->mismatch_port = ports_[i].name;
        r_->expected = hex_of(e, w);
        r_->actual = hex_of(a, w);
        *stop_at = c + 16;
      }
    }
  }

  int lanes_out() const { return lanes_; }

  /// Bookkeeping from this cycle's handshakes (as the rising edge samples them, per the reference).
  void advance(int64_t c, const std::vector<Bits>& in, int64_t* start_cycle) {
    const bool in_ready = ref_->get(ix_.in_ready)[0] & 1u,
               out_valid = ref_->get(ix_.out_valid)[0] & 1u, done = ref_->get(ix_.done)[0] & 1u;
    const bool in_valid = in[ix_.in_valid][0] & 1u, out_ready = in[ix_.out_ready][0] & 1u;
    if (out_valid && out_ready) ++out_beat_;
    switch (phase_) {
      case Phase::reset:
        if (c >= 2) enter_layer(0);
        break;
      case Phase::config:
        if (++cfg_next_ == config_writes(layers_[li_])) configured_ = li_, phase_ = Phase::load;
        break;
      case Phase::load:
        if (in_valid && in_ready &&
            ++beat_ == static_cast<int64_t>(layers_[li_].inputs[static_cast<size_t>(run_)].size()))
          phase_ = Phase::start;
        break;
      case Phase::start:
        r_->expected_cycles.push_back(layers_[li_].T);
        *start_cycle = c;
        product0_ = c + 1;
        ws_next_ = 0;
        phase_ = Phase::run;
        break;
      case Phase::run:
        if ((in[ix_.ws_valid][0] & 1u) && (ref_->get(ix_.ws_ready)[0] & 1u)) ++ws_next_;
        if (done) {
          r_->measured_cycles.push_back(c - *start_cycle);
          phase_ = Phase::drain;
          out_beat_ = 0;
        }
        break;
      case Phase::drain:
        if (out_beat_ == layers_[li_].beats_out) phase_ = Phase::gap, gap_ = 3;
        break;
      case Phase::gap:
        if (--gap_ == 0) {
          ++r_->products_done;
          if (static_cast<size_t>(li_) + 1 < layers_.size())
            enter_layer(li_ + 1);
          else if (++run_ == o_.products)
            phase_ = Phase::tail, gap_ = 4;
          else
            enter_layer(0);
        }
        break;
      case Phase::tail:
        if (--gap_ == 0) phase_ = Phase::finished;
        break;
      case Phase::finished:
        break;
    }
  }

  void write_vcd(const std::deque<Sample>& hist) {
    std::ofstream f(vcd_path_);
    f << "$date circa cosim $end\n$timescale 1ns $end\n$scope module cosim $end\n";
    f << "$var wire 1 ! clk $end\n";
    auto id = [](size_t i, int which) {
      return "s" + std::to_string(which) + "_" + std::to_string(i);
    };
    for (size_t i = 0; i < ports_.size(); ++i) {
      const auto& p = ports_[i];
      if (p.name == "clk") continue;
      if (!p.output)
        f << "$var wire " << p.width << " " << id(i, 0) << " " << p.name << " $end\n";
      else
        f << "$var wire " << p.width << " " << id(i, 1) << " ref_" << p.name << " $end\n$var wire "
          << p.width << " " << id(i, 2) << " dut_" << p.name << " $end\n";
    }
    f << "$var wire 1 !m mismatch $end\n$upscope $end\n$enddefinitions $end\n";
    auto val = [&](const Bits& v, int w, const std::string& k) {
      if (w == 1)
        f << (v[0] & 1u) << k << "\n";
      else
        f << "b" << bin_of(v, w) << " " << k << "\n";
    };
    for (const Sample& s : hist) {
      // Inputs change at the falling edge before the sampling rising edge (cycle*10 + 10).
      f << "#" << s.cycle * 10 + 5 << "\n0!\n";
      for (size_t i = 0; i < ports_.size(); ++i) {
        const auto& p = ports_[i];
        if (p.name == "clk") continue;
        if (!p.output)
          val(s.in[i], p.width, id(i, 0));
        else
          val(s.ref[i], p.width, id(i, 1)), val(s.dut[i], p.width, id(i, 2));
      }
      f << (s.cycle == r_->mismatch_cycle ? "1" : "0") << "!m\n";
      f << "#" << s.cycle * 10 + 10 << "\n1!\n";
    }
    r_->vcd = vcd_path_;
  }

 public:
  std::string vcd_path_;
  int lanes_ = 1;

 private:
  enum class Phase { reset, config, load, start, run, drain, gap, tail, finished };
  static size_t config_rows(const LayerRun& l) { return l.feed.stream ? 0 : l.feed.rows.size(); }
  static size_t config_writes(const LayerRun& l) { return config_rows(l) + l.feed.bias.size(); }

  /// The next product runs layer li: its weights and bias are written first unless they are
  /// the ones the top holds, and the reference switches to it.
  void enter_layer(int li) {
    li_ = li;
    beat_ = 0;
    cfg_next_ = 0;
    const LayerRun& l = layers_[li_];
    if (reft_ != nullptr && layers_.size() > 1) reft_->select(l.layer, l.w);
    phase_ = li_ != configured_ && config_writes(l) > 0 ? Phase::config : Phase::load;
  }
  PinModel* ref_;
  ReferenceTop* reft_;
  PinModel* dut_;
  std::vector<gen::Port> ports_;
  struct PortIndex {
    size_t rst, start, in_valid, in_data, out_ready, cfg_p, cfg_q, cfg_relu, cfg_bias_en,
        cfg_stream, ws_valid, ws_data, ws_ready, w_we, w_addr, w_data, b_we, b_addr, b_data, done,
        in_ready, out_valid;
  } ix_{};
  std::vector<Bits> in_, held_;  ///< this cycle's inputs; the values last driven
  const CosimOptions& o_;
  CosimResult* r_;
  std::mt19937_64 rng_;
  std::vector<LayerRun> layers_;
  int li_ = 0, configured_ = -1;  ///< the layer running, the one whose weights the top holds
  size_t ws_next_ = 0;            ///< the next weight row to stream
  size_t cfg_next_ = 0;           ///< the next weight-row or bias write of the config phase
  int64_t product0_ = 0;          ///< the cycle of product cycle 0
  int64_t beat_ = 0, out_beat_ = 0, limit_ = 0;
  int64_t cycle_ = 0;
  int run_ = 0, gap_ = 0;  ///< the inference running, a countdown
  Phase phase_ = Phase::reset;
};

}  // namespace

void make_lockstep_bench(ReferenceTop* ref, PinModel* dut, std::vector<gen::Port> ports,
                         const CosimOptions& o, std::vector<LayerRun> layers, int lanes,
                         const std::string& vcd, CosimResult* r) {
  auto* bench = new Bench("bench", ref, dut, std::move(ports), o, std::move(layers), r);
  bench->vcd_path_ = vcd;
  bench->lanes_ = lanes;
}

}  // namespace circa::cosim
