#include "cosim/lockstep_bench.hpp"

#include <deque>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <systemc>

#include "analytical/estimate.hpp"
#include "arch/offchip.hpp"
#include "common/error.hpp"
#include "common/progress.hpp"
#include "sysc/offchip_memory.hpp"

namespace circa::cosim {
namespace {

using sysc::Pin;
using sysc::PinModel;

Bits trim(Bits v, int width) {
  v.resize(static_cast<size_t>(sysc::words_of(width)), 0u);
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

/// Indices of the ports the bench drives and watches (-1: the top has no such port).
struct PortIndex {
  int rst, start, in_valid, in_data, out_ready, cfg_we, cfg_addr, cfg_data, ws_valid, ws_data, ws_ready, ws_req_valid, ws_req_ready, ws_req_addr, w_we, w_addr, w_data,
      b_we, b_addr, b_data, done, busy, in_ready, out_valid, out_data;
};

class Bench : public sc_core::sc_module {
 public:
  Bench(sc_core::sc_module_name n, PinModel* ref, PinModel* dut, std::vector<Pin> pins,
        const CosimOptions& o, const AcceleratorSpec& s, std::vector<LayerRun> layers,
        CosimResult* r)
      : sc_core::sc_module(n),
        ref_(ref != nullptr ? ref : dut),
        dut_(dut != nullptr ? dut : ref),
        compare_(ref != nullptr && dut != nullptr),
        pins_(std::move(pins)),
        o_(o),
        s_(s),
        r_(r),
        rng_(o.seed * 0x9e3779b97f4a7c15ULL + 7),
        layers_(std::move(layers)),
        lanes_(std::min(s.fft.samples_per_cycle, s.block_size)) {
    auto at = [this](const char* name, bool required = true) {
      for (size_t i = 0; i < pins_.size(); ++i)
        if (pins_[i].name == name) return static_cast<int>(i);
      if (required) throw InternalError(std::string("cosim: the top has no port ") + name);
      return -1;
    };
    ix_ = {at("rst"),          at("start"),        at("in_valid"),
           at("in_data"),      at("out_ready"),    at("cfg_we"),
           at("cfg_addr"),     at("cfg_data"),     at("ws_valid"),     at("ws_data"),
           at("ws_ready"),     at("ws_req_valid", false), at("ws_req_ready", false),
           at("ws_req_addr", false), at("w_we"),   at("w_addr"),
           at("w_data"),       at("b_we"),         at("b_addr"),
           at("b_data"),       at("done"),         at("busy"),
           at("in_ready"),     at("out_valid"),    at("out_data")};
    for (const Pin& p : pins_)
      in_.emplace_back(!p.output && p.name != "clk" ? static_cast<size_t>(sysc::words_of(p.width))
                                                     : size_t{0},
                       0u);
    held_.assign(pins_.size(), Bits{});
    r_->layers.push_back({layers_.size() == 1 ? layers_[0].layer.name
                                              : "network (" + std::to_string(layers_.size()) +
                                                    " layers)",
                          {}, {}});
    outputs_.assign(static_cast<size_t>(o.products), {});
    image_ = offchip_image(layers_);
    host_writes();
    limit_ = o.max_cycles > 0 ? o.max_cycles : cycle_bound();
    if (o.progress.out)
      progress_ = std::make_unique<Progress>(o.progress, expected_cycles(), "cosim run", "cycles",
                                             false);
    SC_HAS_PROCESS(Bench);
    SC_THREAD(run);
  }

  std::string vcd_path_;

 private:
  enum class Phase { reset, config, load, start, run, drain, gap, tail, finished };

  /// One configuration write: a weight row (w_*), a bias code (b_*) or a descriptor word (cfg_*).
  struct HostWrite {
    int we, addr_port, data_port;
    int64_t addr;
    Bits data;
  };

  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  bool high(PinModel* m, int port) { return port >= 0 && (m->get(port)[0] & 1u) != 0; }
  void put(int port, int64_t v) { sysc::put_field(in_[port], 0, pins_[port].width, v); }
  void garbage(int port) {
    for (auto& w : in_[port]) w = static_cast<uint32_t>(rng_());
    if (const int w = pins_[port].width; w % 32) in_[port].back() &= (1u << (w % 32)) - 1u;
  }
  const LayerRun& first() const { return layers_.front(); }
  const LayerRun& last() const { return layers_.back(); }

  /// Everything the top holds across inferences, written once: the resident layers' weight rows
  /// at their base rows, every layer's bias codes at its bias block, then the layer program.
  void host_writes() {
    const int k = s_.block_size;
    auto code = [this](int port, int64_t v) {
      Bits b(static_cast<size_t>(sysc::words_of(pins_[port].width)), 0u);
      sysc::put_field(b, 0, pins_[port].width, v);
      return b;
    };
    for (const LayerRun& l : layers_) {
      if (l.stream) continue;
      for (size_t r = 0; r < l.rows.size(); ++r)
        writes_.push_back({ix_.w_we, ix_.w_addr, ix_.w_data,
                           l.desc.weight_base + static_cast<int64_t>(r), l.rows[r]});
    }
    for (const LayerRun& l : layers_)
      if (l.desc.bias)
        for (size_t b = 0; b < l.bias.size(); ++b)
          writes_.push_back({ix_.b_we, ix_.b_addr, ix_.b_data,
                             l.desc.bias_base * k + static_cast<int64_t>(b),
                             code(ix_.b_data, l.bias[b])});
    std::vector<arch::LayerDescriptor> program;
    for (const LayerRun& l : layers_) program.push_back(l.desc);
    for (const arch::CfgWrite& w : arch::encode_program(program))
      writes_.push_back({ix_.cfg_we, ix_.cfg_addr, ix_.cfg_data, w.addr, code(ix_.cfg_data, w.data)});
  }

  /// A generous bound: every layer's loads, drains and configuration at the stall rate, and a
  /// product that does each FFT, each issue and each streamed issue's memory round trip alone.
  int64_t cycle_bound() const {
    const arch::FftTiming f = arch::fft_timing(s_, s_.block_size);
    const arch::OffchipTiming ot = arch::offchip_timing(s_);
    int64_t per_inference = 0;
    for (const LayerRun& l : layers_) {
      const arch::LayerPlan& pl = l.plan;
      const int64_t issues = int64_t{pl.groups} * l.q;
      int64_t product = (l.p + l.q + 4) * int64_t{f.ii + f.latency + f.beats} +
                        4 * issues * pl.mac.issue_cycles +
                        2 * arch::lstm_update_cycles(s_, l.layer) + 64;
      if (l.stream)
        product += issues * (ot.latency_cycles + pl.mac.issue_cycles + 8 +
                             static_cast<int64_t>(arch::bus_bytes(
                                 ot, arch::issue_bytes(pl.mac, pl.mac.parallel_blocks)) /
                                 ot.bytes_per_cycle));
      per_inference += 2 * product * l.products + 4 * (l.beats_in + l.beats_out) + 64;
    }
    return static_cast<int64_t>(2 * o_.products * per_inference / (1 - o_.stall)) +
           static_cast<int64_t>(writes_.size()) + 1000;
  }

  /// The run's length for its progress bar: the configuration writes, then per inference the
  /// analytical model's start to done (equal to both tops' where nothing streams) and the loads
  /// and drains at the stall rate. Refined from the measured inferences as they finish.
  int64_t expected_cycles() const {
    Workload w;
    w.name = "cosim";
    for (const LayerRun& l : layers_) w.layers.push_back(l.layer);
    int64_t run = 0;
    try {
      run = ana::estimate(s_, w).cycles;
    } catch (const ConfigError&) {
      return limit_;  // no closed form for this network: the bound will do
    }
    const double beats = static_cast<double>(first().beats_in + last().beats_out) / (1 - o_.stall);
    return 3 + static_cast<int64_t>(writes_.size()) +
           o_.products * (run + static_cast<int64_t>(beats) + 4) + 4;
  }

  /// After `done` inferences at cycle c: the rest will take as long as those did on average.
  void refine_progress(int64_t c, int done) {
    if (!progress_) return;
    const int64_t per = (c + 1 - loads_start_) / done;
    progress_->set_total(c + 1 + (o_.products - done) * per + 4);
  }

  /// This cycle's inputs by port index (outputs and clk stay empty), by the bench's phase.
  const std::vector<Bits>& drive() {
    for (auto& v : in_) std::fill(v.begin(), v.end(), 0u);
    put(ix_.out_ready, !chance(o_.stall));
    garbage(ix_.in_data);  // garbage unless valid
    garbage(ix_.ws_data);
    if (memory_) {
      const sysc::OffchipMemory::Out& m = memory_->out();
      if (ix_.ws_req_ready >= 0) put(ix_.ws_req_ready, m.req_ready);
      put(ix_.ws_valid, m.valid);
      if (m.valid) in_[ix_.ws_data] = image_.at(static_cast<size_t>(m.row));
    } else if (ix_.ws_req_ready >= 0) {
      put(ix_.ws_req_ready, chance(0.5));  // ignored: no layer streams
    }
    switch (phase_) {
      case Phase::reset:
        put(ix_.rst, 1);
        break;
      case Phase::config: {  // one write a cycle
        const HostWrite& w = writes_[cfg_next_];
        put(w.we, 1);
        put(w.addr_port, w.addr);
        in_[w.data_port] = w.data;
        break;
      }
      case Phase::load:
        if (!chance(o_.stall)) {
          put(ix_.in_valid, 1);
          in_[ix_.in_data] = rows_in_[static_cast<size_t>(beat_)];
        }
        break;
      case Phase::start:
        put(ix_.start, 1);
        break;
      case Phase::run:
        put(ix_.in_valid, chance(0.5));  // ignored while busy
        break;
      default:
        break;
    }
    return in_;
  }

  void run() {
    wait(5, sc_core::SC_NS);  // the first falling edge
    std::deque<Sample> hist;
    int64_t stop_at = -1;
    for (int64_t c = 0;; ++c) {
      const std::vector<Bits>& in = drive();
      for (size_t i = 0; i < pins_.size(); ++i) {
        if (in[i].empty() || in[i] == held_[i]) continue;  // signals hold their values
        ref_->set(static_cast<int>(i), in[i]);
        if (compare_) dut_->set(static_cast<int>(i), in[i]);
        held_[i] = in[i];
      }
      wait(1, sc_core::SC_NS);  // combinational outputs settle; the rising edge is 4 ns away
      if (compare_) {
        Sample smp{c, in, std::vector<Bits>(pins_.size()), std::vector<Bits>(pins_.size())};
        compare(c, &smp, &stop_at);
        hist.push_back(std::move(smp));
        if (hist.size() > 64 && stop_at < 0) hist.pop_front();
      }
      advance(c, in);
      r_->cycles = c + 1;
      if (progress_ && c % 1024 == 0)
        progress_->update(c + 1, "inference " + std::to_string(run_ + 1) + " of " +
                                     std::to_string(o_.products));
      if (phase_ == Phase::finished || c + 1 >= limit_ || (stop_at >= 0 && c >= stop_at)) {
        if (phase_ != Phase::finished && r_->mismatch_cycle < 0) {
          r_->mismatch_cycle = c;
          r_->mismatch_port = "(timeout)";
          r_->expected = "inference " + std::to_string(run_ + 1) + " of " +
                         std::to_string(o_.products) + " finished";
          r_->actual = "still running after " + std::to_string(limit_) + " cycles";
        }
        if (r_->mismatch_cycle >= 0 && compare_) write_vcd(hist);
        break;
      }
      wait(9, sc_core::SC_NS);
    }
    if (phase_ == Phase::finished)
      r_->golden_mismatch = golden_check(s_, layers_, first_inputs_, outputs_);
    r_->golden_ok = phase_ == Phase::finished && r_->golden_mismatch.empty();
    r_->inputs = first_inputs_;
    r_->outputs = outputs_;
    if (progress_) {
      progress_->set_total(r_->cycles);
      progress_->update(r_->cycles);
      progress_->finish();
    }
    sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO,
                                            sc_core::SC_DO_NOTHING);  // "stopped by user"
    sc_core::sc_stop();
  }

  /// Compares every output port of this cycle (out_data while out_valid); the first mismatch
  /// ends the run 16 cycles later.
  void compare(int64_t c, Sample* smp, int64_t* stop_at) {
    const bool valid = high(ref_, ix_.out_valid);
    for (size_t i = 0; i < pins_.size(); ++i) {
      if (!pins_[i].output) continue;
      const int w = pins_[i].width;
      const Bits e = trim(ref_->get(static_cast<int>(i)), w),
                 a = trim(dut_->get(static_cast<int>(i)), w);
      smp->ref[i] = e;
      smp->dut[i] = a;
      if (static_cast<int>(i) == ix_.out_data) {
        if (!valid) continue;
        ++r_->outputs_checked;
      }
      ++r_->compared;
      if (e != a && r_->mismatch_cycle < 0) {
        r_->mismatch_cycle = c;
        r_->mismatch_port = pins_[i].name;
        r_->expected = hex_of(e, w);
        r_->actual = hex_of(a, w);
        *stop_at = c + 16;
      }
    }
  }

  /// The RTL's output row just taken: its S codes into the layer's output.
  void collect(const Bits& data) {
    const int O = s_.formats.output.bits;
    for (int l = 0; l < lanes_; ++l) {
      const int64_t at = last().kept_output(out_beat_ * lanes_ + l);
      if (at >= 0) y_[static_cast<size_t>(at)] = sysc::signed_field(data, l * O, O);
    }
  }

  /// Bookkeeping from this cycle's handshakes (as the rising edge samples them).
  void advance(int64_t c, const std::vector<Bits>& in) {
    const bool out_ready = in[ix_.out_ready][0] & 1u;
    if (compare_ && phase_ == Phase::run && high(dut_, ix_.done)) dut_done_ = c;
    if (memory_) {
      const bool req = high(ref_, ix_.ws_req_valid);
      const int64_t addr =
          ix_.ws_req_addr >= 0 ? sysc::unsigned_field(ref_->get(ix_.ws_req_addr), 0,
                                                      pins_[ix_.ws_req_addr].width)
                               : 0;
      memory_->clock(c, req, addr, high(ref_, ix_.ws_ready));
    }
    switch (phase_) {
      case Phase::reset:
        if (c >= 2) {
          phase_ = Phase::config;  // never empty: the layer program is always written
          enter_inference();
        }
        break;
      case Phase::config:
        if (++cfg_next_ == writes_.size()) phase_ = Phase::load, loads_start_ = c + 1;
        break;
      case Phase::load:
        if ((in[ix_.in_valid][0] & 1u) && high(ref_, ix_.in_ready) &&
            ++beat_ == static_cast<int64_t>(rows_in_.size()))
          phase_ = Phase::start;
        break;
      case Phase::start:
        start_cycle_ = c;
        dut_done_ = -1;
        if (!image_.empty()) start_memory(c + 1);
        phase_ = Phase::run;
        break;
      case Phase::run:
        if (high(ref_, ix_.done)) {
          r_->done_cycles.push_back(c);
          LayerCycles& lc = r_->layers[0];
          lc.reference.push_back(c - start_cycle_);
          lc.rtl.push_back(dut_done_ >= 0 ? dut_done_ - start_cycle_ : -1);
          phase_ = Phase::drain;
          out_beat_ = 0;
          y_.assign(static_cast<size_t>(last().kept_outputs()), 0);
        }
        break;
      case Phase::drain:
        if (r_->products_done == 0 && high(ref_, ix_.out_valid) &&
            static_cast<int64_t>(r_->first_beats.size()) == out_beat_)
          r_->first_beats.push_back(c);
        if (high(ref_, ix_.out_valid) && out_ready) {
          collect(dut_->get(ix_.out_data));
          if (++out_beat_ == last().beats_out) phase_ = Phase::gap, gap_ = 3;
        }
        break;
      case Phase::gap:
        if (--gap_ == 0) {
          ++r_->products_done;
          memory_.reset();
          outputs_[static_cast<size_t>(run_)] = y_;
          refine_progress(c, run_ + 1);
          if (++run_ == o_.products)
            phase_ = Phase::tail, gap_ = 4;
          else {
            phase_ = Phase::load;
            enter_inference();
          }
        }
        break;
      case Phase::tail:
        if (--gap_ == 0) phase_ = Phase::finished;
        break;
      case Phase::finished:
        break;
    }
  }

  /// The off-chip memory of this inference (cycle 0 = t): requests of one issue's rows each,
  /// addressed in the off-chip image of every streamed layer.
  void start_memory(int64_t t) {
    memory_.emplace(
        arch::offchip_timing(s_), first().plan.mac.issue_cycles,
        [this](int64_t row) { return offchip_request_bytes(layers_, row); }, o_.stall,
        o_.seed + static_cast<uint64_t>(t));
    memory_->reset(t);
  }

  /// The next inference's input rows (the first layer's input from the seed).
  void enter_inference() {
    beat_ = 0;
    const std::vector<int64_t> x = first_input(s_, first().layer, o_.seed, run_);
    first_inputs_.push_back(x);
    rows_in_ = input_rows(s_, first(), x);
  }

  void write_vcd(const std::deque<Sample>& hist) {
    std::ofstream f(vcd_path_);
    f << "$date circa cosim $end\n$timescale 1ns $end\n$scope module cosim $end\n";
    f << "$var wire 1 ! clk $end\n";
    auto id = [](size_t i, int which) {
      return "s" + std::to_string(which) + "_" + std::to_string(i);
    };
    for (size_t i = 0; i < pins_.size(); ++i) {
      const auto& p = pins_[i];
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
      for (size_t i = 0; i < pins_.size(); ++i) {
        const auto& p = pins_[i];
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

  PinModel* ref_;
  PinModel* dut_;
  const bool compare_;
  std::vector<Pin> pins_;
  PortIndex ix_{};
  std::vector<Bits> in_, held_;  ///< this cycle's inputs; the values last driven
  const CosimOptions& o_;
  const AcceleratorSpec& s_;
  CosimResult* r_;
  std::mt19937_64 rng_;
  std::vector<LayerRun> layers_;
  const int lanes_;
  std::vector<HostWrite> writes_;               ///< the configuration, written once
  std::vector<Bits> image_;                     ///< the off-chip weight image
  std::optional<sysc::OffchipMemory> memory_;  ///< while an inference runs (streamed layers)
  std::vector<Bits> rows_in_;                  ///< the input rows of this product
  std::vector<int64_t> y_;                     ///< the RTL's outputs of this product
  std::vector<std::vector<int64_t>> first_inputs_;              ///< per inference
  std::vector<std::vector<int64_t>> outputs_;                   ///< per inference
  size_t cfg_next_ = 0;  ///< the next write of the config phase
  int64_t beat_ = 0, out_beat_ = 0, limit_ = 0, start_cycle_ = 0, dut_done_ = -1;
  int64_t loads_start_ = 0;  ///< the first inference's first load cycle
  std::unique_ptr<Progress> progress_;  ///< null: silent
  int run_ = 0, gap_ = 0;  ///< the inference running, a countdown
  Phase phase_ = Phase::reset;
};

}  // namespace

void make_lockstep_bench(PinModel* ref, PinModel* dut, std::vector<Pin> pins,
                         const CosimOptions& o, const AcceleratorSpec& s,
                         std::vector<LayerRun> layers, const std::string& vcd, CosimResult* r) {
  auto* bench = new Bench("bench", ref, dut, std::move(pins), o, s, std::move(layers), r);
  bench->vcd_path_ = vcd;
}

}  // namespace circa::cosim
