#include "cosim/cosim.hpp"

#include <chrono>
#include <deque>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <systemc>

#include "analytical/offchip.hpp"
#include "analytical/schedule.hpp"
#include "common/error.hpp"
#include "cosim/reference_top.hpp"
#include "cosim/verilated_top.hpp"
#include "gen/generator.hpp"
#include "gen/top.hpp"
#include "numerics/random_data.hpp"
#include "spec/config_loader.hpp"

namespace circa::cosim {
namespace fs = std::filesystem;

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

void put_field(Bits& v, int lo, int w, int64_t x) {
  for (int b = 0; b < w; ++b)
    if ((static_cast<uint64_t>(x) >> b) & 1u)
      v[static_cast<size_t>((lo + b) / 32)] |= 1u << ((lo + b) % 32);
}

/// What the bench feeds the top for a layer: its weight rows in issue order (written through
/// w_* before the first product when resident; streamed on ws_* in every product otherwise)
/// and its bias codes (written through b_*). A streamed row is offered from a product cycle on:
/// the rows of issue n back to back so that the last is accepted by ready(n) - 2, where
/// ready(n) is when SCHEDULE.md's off-chip stream has delivered the issue's bytes
/// (ana::OffchipStream); the top counts a row the cycle after accepting it and reads it the
/// cycle before the issue.
struct LayerFeed {
  std::vector<Bits> rows;
  bool stream = false;
  std::vector<int64_t> present;  ///< streamed rows only
  std::vector<int64_t> bias;
};

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

/// One layer as the bench runs it: its weights, what it feeds the top, its layer registers, its
/// input rows per inference (S codes a beat, zero-padded to q*k) and its schedule length.
struct LayerRun {
  Layer layer;
  num::LayerWeights w;
  LayerFeed feed;
  std::vector<std::vector<Bits>> inputs;  ///< per inference
  int p = 0, q = 0;
  int64_t beats_out = 0, T = 0;
};

class Bench : public sc_core::sc_module {
 public:
  /// Without a reference (reft null) the bench runs the DUT alone: its outputs pace the phases
  /// and nothing is compared.
  Bench(sc_core::sc_module_name n, ReferenceTop* reft, PinModel* dut,
        std::vector<gen::Port> ports, const CosimOptions& o, std::vector<LayerRun> layers,
        CosimResult* r)
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
    ix_ = {idx.at("rst"),        idx.at("start"),      idx.at("in_valid"), idx.at("in_data"),
           idx.at("out_ready"),  idx.at("cfg_p"),      idx.at("cfg_q"),    idx.at("cfg_relu"),
           idx.at("cfg_bias_en"), idx.at("cfg_stream"), idx.at("ws_valid"), idx.at("ws_data"),
           idx.at("ws_ready"),   idx.at("w_we"),       idx.at("w_addr"),   idx.at("w_data"),
           idx.at("b_we"),       idx.at("b_addr"),     idx.at("b_data"),   idx.at("done"),
           idx.at("in_ready"),   idx.at("out_valid")};
    int64_t bound = 100;
    for (const LayerRun& l : layers_)
      bound += o.products * (l.T + 4 * static_cast<int64_t>(l.inputs[0].size()) +
                             4 * l.beats_out + 50 + static_cast<int64_t>(config_writes(l)));
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
    if (const int w = ports_[ix_.ws_data].width; w % 32) in_[ix_.ws_data].back() &= (1u << (w % 32)) - 1u;
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
      if (reft_ != nullptr) {  // alone, the DUT is ref_ and nothing is compared or kept
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
      Bits e = trim(ref_->get(static_cast<int>(i)), w),
           a = trim(dut_->get(static_cast<int>(i)), w);
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
  size_t ws_next_ = 0;    ///< the next weight row to stream
  size_t cfg_next_ = 0;   ///< the next weight-row or bias write of the config phase
  int64_t product0_ = 0;  ///< the cycle of product cycle 0
  int64_t beat_ = 0, out_beat_ = 0, limit_ = 0;
  int64_t cycle_ = 0;
  int run_ = 0, gap_ = 0;  ///< the inference running, a countdown
  Phase phase_ = Phase::reset;
};

/// The workload's layer `name`, or all its layers in order when name is "".
std::vector<Layer> pick_layers(const Workload& w, const std::string& name) {
  if (name.empty()) return w.layers;
  for (const Layer& l : w.layers)
    if (l.name == name) return {l};
  throw ConfigError("cosim: workload " + w.name + " has no layer '" + name + "'");
}

}  // namespace

int weight_capacity_for(const AcceleratorSpec& s, const Layer& l) {
  AcceleratorSpec t = s;
  const LayerGeometry g = geometry(l, s.block_size);
  for (t.weight_sram.capacity_kib = 1;; t.weight_sram.capacity_kib *= 2)
    if (t.weight_sram.capacity_kib >= 65536 ||
        (plan_alone(t, l).weights_on_chip &&
         (!gen::top_unsupported(t).empty() ||
          gen::top_layer_weight_rows(t, g.p, g.q) <= gen::top_weight_rows(t))))
      return t.weight_sram.capacity_kib;
}

std::string cosim_unsupported(const AcceleratorSpec& s, const Layer& l) {
  if (std::string why = gen::top_unsupported(s); !why.empty()) return "no generated top: " + why;
  if (l.kind != LayerKind::fc)
    return "layer " + l.name + " is not fc (the top runs one fc product per start)";
  const int k = s.block_size;
  const LayerGeometry g = geometry(l, k);
  if (g.k != k)
    return "layer " + l.name + " has a block size other than the accelerator's k = " +
           std::to_string(k);
  if (g.q > gen::top_max_q(s) || g.p > gen::top_max_p(s))
    return "layer " + l.name + " does not fit the top's activation buffer (q <= " +
           std::to_string(gen::top_max_q(s)) + ", p <= " + std::to_string(gen::top_max_p(s)) +
           "); raise activation_buffer.capacity_kib";
  const arch::LayerPlan pl = plan_alone(s, l);
  if (pl.weights_on_chip && gen::top_layer_weight_rows(s, g.p, g.q) > gen::top_weight_rows(s))
    return "layer " + l.name + " takes " + std::to_string(gen::top_layer_weight_rows(s, g.p, g.q)) +
           " weight rows, the top's SRAM holds " + std::to_string(gen::top_weight_rows(s)) +
           "; raise weight_sram.capacity_kib";
  if (!pl.weights_on_chip) {
    // The top's stream port takes one row per cycle: the schedule's arrivals must not be faster.
    const ana::OffchipStream st(s);
    const int last = ana::group_blocks(pl, pl.groups - 1);
    const double issue_bytes = ana::issue_weight_bits(pl.mac, std::min(last, pl.mac.parallel_blocks)) / 8.0;
    if (st.latency_cycles() < 1)
      return "offchip.latency_ns gives 0 cycles; the top's weight stream needs >= 1 (raise it)";
    if (st.bytes_per_cycle() * pl.mac.issue_cycles > issue_bytes)
      return "offchip.bandwidth_gb_per_s delivers an issue's weights (" +
             std::to_string(static_cast<int64_t>(issue_bytes)) + " bytes) in fewer than its " +
             std::to_string(pl.mac.issue_cycles) +
             " cycles, faster than the top's one-row-per-cycle weight stream; lower it";
  }
  if (l.activation != Activation::relu && l.activation != Activation::none)
    return "the top's peripheral has relu or none; layer " + l.name + " asks for " +
           to_string(l.activation);
  return "";
}

CosimResult run_cosim(const CosimOptions& o) {
  const AcceleratorSpec s = load_accelerator(o.config, parse_overrides(o.overrides)).spec;
  return run_cosim(o, s, pick_layers(load_workload(o.workload), o.layer));
}

CosimResult run_cosim(const CosimOptions& o, const AcceleratorSpec& s, const Layer& l) {
  return run_cosim(o, s, std::vector<Layer>{l});
}

CosimResult run_cosim(const CosimOptions& o, const AcceleratorSpec& s,
                      const std::vector<Layer>& layers) {
  CIRCA_CHECK(!layers.empty(), "cosim needs a layer");
  for (const Layer& l : layers)
    if (const std::string why = cosim_unsupported(s, l); !why.empty())
      throw ConfigError("cosim: " + why);
  const int k = s.block_size, S = std::min(s.fft.samples_per_cycle, k);
  // Each layer's weights (seed + its index) and inputs: the first layer's random, the next ones
  // the golden outputs of the one before, re-quantised to formats.input as the activation
  // buffer does between layers (a host's job at the top's pins).
  std::vector<LayerRun> runs;
  std::vector<std::vector<int64_t>> x(static_cast<size_t>(o.products));
  for (int run = 0; run < o.products; ++run)
    x[run] = num::random_input_codes(layers[0], k, s.formats.input, 0.5, o.seed + 1 + run);
  for (size_t li = 0; li < layers.size(); ++li) {
    LayerRun lr;
    lr.layer = layers[li];
    lr.w = num::random_layer_weights(lr.layer, k, o.seed + li);
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
  gen::GenOptions go;  // no images: weights and bias go in through the ports, so one build
  go.faults = o.faults;  // serves every layer and seed of a config
  go.regenerate = "circa cosim";  // fixed, so equal designs hash equally
  const gen::Design d = gen::generate_design(s, go);
  const gen::FileSet files = gen::render(d, s, gen::header_for(s, go));
  const std::vector<gen::Port> ports = d.module(d.top()).ports;

  CosimResult r;
  const BuildInfo b = build_top(files, d.top(), ports, o.work);
  r.build_dir = b.dir;
  r.cached = b.cached;
  r.build_seconds = b.seconds;
  const std::string vcd = fs::absolute(o.vcd.empty() ? "cosim_mismatch.vcd" : o.vcd).string();
  const fs::path cwd = fs::current_path();
  fs::current_path(b.dir);  // where the RTL's relative paths point
  // SystemC objects live until the process ends (the kernel cannot tear a design down).
  auto* clk = new sc_core::sc_clock("cosim_clk", 10, sc_core::SC_NS);
  PinModel* dut = load_top(b, "dut", *clk).release();
  ReferenceTop* ref = nullptr;
  if (o.reference) {
    ref = new ReferenceTop("ref", s, runs[0].layer, runs[0].w, ports);
    ref->clk(*clk);
  }
  r.product_cycles = runs[0].T;
  const int64_t products = o.products * static_cast<int64_t>(runs.size());
  auto* bench = new Bench("bench", ref, dut, ports, o, std::move(runs), &r);
  bench->vcd_path_ = vcd;
  bench->lanes_ = S;
  const auto t0 = std::chrono::steady_clock::now();
  sc_core::sc_start();
  r.sim_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fs::current_path(cwd);
  r.ok = r.mismatch_cycle < 0 && r.products_done == products &&
         r.measured_cycles == r.expected_cycles;
  r.message = r.ok ? "cosim: PASS, " + std::to_string(r.cycles) + " cycles, " +
                         std::to_string(r.compared) + " comparisons, " +
                         std::to_string(r.outputs_checked) + " output beats, " +
                         std::to_string(r.products_done) + " products"
                   : "cosim: FAIL";
  return r;
}

std::string describe(const CosimResult& r) {
  std::ostringstream o;
  o << "model: " << r.build_dir
    << (r.cached ? " (cached)" : " (built in " + std::to_string(r.build_seconds) + " s)") << "\n";
  if (r.mismatch_cycle >= 0) {
    o << "first mismatch: cycle " << r.mismatch_cycle << ", port " << r.mismatch_port
      << ": expected " << r.expected << ", actual " << r.actual << "\n";
    if (!r.vcd.empty()) o << "waveform of both around it: " << r.vcd << "\n";
  }
  o << "products: " << r.products_done << ", start to done (reference):";
  for (int64_t t : r.measured_cycles) o << " " << t;
  o << " (schedule:";
  for (int64_t t : r.expected_cycles) o << " " << t;
  o << ")\n";
  if (r.sim_seconds > 0)
    o << "simulated " << r.cycles << " cycles in " << r.sim_seconds << " s ("
      << static_cast<int64_t>(r.cycles / r.sim_seconds) << " cycles/s)\n";
  o << r.message << "\n";
  return o.str();
}

}  // namespace circa::cosim
