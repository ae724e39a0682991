#include "golden_vectors.hpp"

#include <algorithm>
#include <iostream>
#include <map>

#include "eval/run_spec.hpp"
#include "gen/units.hpp"
#include "numerics/bc_fixed.hpp"
#include "numerics/fft_fixed.hpp"
#include "numerics/output_stage.hpp"
#include "spec/config_loader.hpp"

namespace circa::rtltest {

AcceleratorSpec spec_of(const std::string& config, const std::vector<std::string>& overrides) {
  return eval::load_run_spec(std::string(CIRCA_SOURCE_DIR) + "/configs/" + config,
                             parse_overrides(overrides), std::cerr);
}

int64_t random_code(std::mt19937_64& rng, const FixedFormat& f) {
  const int64_t lo = num::min_code(f), hi = num::max_code(f);
  switch (rng() % 8) {
    case 0: return rng() % 2 ? lo : hi;
    case 1: return static_cast<int64_t>(rng() % 7) - 3;
    case 2: {  // a random magnitude, so small and mid-size values are well covered
      const int bits = 1 + static_cast<int>(rng() % static_cast<uint64_t>(f.bits - 1));
      const int64_t m = static_cast<int64_t>(rng() % (uint64_t{1} << bits)) - (int64_t{1} << (bits - 1));
      return std::clamp(m, lo, hi);
    }
    default: return lo + static_cast<int64_t>(rng() % static_cast<uint64_t>(hi - lo + 1));
  }
}

Bench butterfly_bench(const gen::Design& d, const std::string& module, const AcceleratorSpec& s, int n) {
  Bench b;
  ports_from(d, module, b);
  std::mt19937_64 rng(1);
  const FixedFormat& f = s.formats.fft;
  const num::TwiddleRom rom(s.block_size, s.formats.twiddle);
  const int shift = s.fft.scaling == FftScaling::forward ? 1 : 0;
  for (int i = 0; i < n; ++i) {
    const num::CFixed a{random_code(rng, f), random_code(rng, f)};
    const num::CFixed y{random_code(rng, f), random_code(rng, f)};
    // Half the twiddles are real ROM words, half arbitrary codes (the datapath takes any).
    const num::CFixed w = i % 2 ? rom(static_cast<int>(rng() % rom.words().size()))
                                : num::CFixed{random_code(rng, s.formats.twiddle), random_code(rng, s.formats.twiddle)};
    const num::ButterflyOut o = num::butterfly(a, y, w, s.formats.twiddle.frac, shift, f, nullptr);
    b.in.push_back({{a.re}, {a.im}, {y.re}, {y.im}, {w.re}, {w.im}});
    b.expect.push_back({{o.a.re}, {o.a.im}, {o.b.re}, {o.b.im}});
  }
  return b;
}

Bench twiddle_rom_bench(const gen::Design& d, const std::string& module, const AcceleratorSpec& s) {
  Bench b;
  ports_from(d, module, b);
  const num::TwiddleRom rom(s.block_size, s.formats.twiddle);
  for (int e = 0; e < s.block_size / 2; ++e) {
    b.in.push_back({{e}});
    b.expect.push_back({{rom(e).re}, {rom(e).im}});
  }
  return b;
}

Bench fft_forward_bench(const gen::Design& d, const std::string& module, const AcceleratorSpec& s, int n) {
  Bench b;
  ports_from(d, module, b);
  std::mt19937_64 rng(2);
  const num::FixedFft fft(s.block_size, s.formats, s.fft.scaling);
  for (int i = 0; i < n; ++i) {
    Lanes x(static_cast<size_t>(s.block_size));
    for (auto& v : x) v = random_code(rng, s.formats.input);
    num::OverflowCounts ovf;
    Lanes re, im;
    for (const auto& c : fft.forward_real(x.data(), ovf)) {
      re.push_back(c.re);
      im.push_back(c.im);
    }
    b.in.push_back({{1}, x});
    b.expect.push_back({{1}, re, im});
  }
  return b;
}

Bench fft_inverse_bench(const gen::Design& d, const std::string& module, const AcceleratorSpec& s, int n) {
  Bench b;
  ports_from(d, module, b);
  std::mt19937_64 rng(3);
  const int k = s.block_size;
  const num::FixedFft fft(k, s.formats, s.fft.scaling);
  for (int i = 0; i < n; ++i) {
    std::vector<num::CFixed> bins(static_cast<size_t>(k / 2 + 1));
    Lanes re, im;
    for (auto& c : bins) {
      // Accumulator codes near the IFFT's range, so both rounding and saturation are exercised.
      FixedFormat near = s.formats.accumulator;
      near.bits = std::min(near.bits, s.formats.ifft.bits + s.formats.accumulator.frac - s.formats.ifft.frac + 2);
      c = {random_code(rng, near), random_code(rng, near)};
      re.push_back(c.re);
      im.push_back(c.im);
    }
    num::OverflowCounts ovf;
    b.in.push_back({{1}, re, im});
    b.expect.push_back({{1}, fft.inverse_real(bins, ovf)});
  }
  return b;
}

Bench mac_lane_bench(const gen::Design& d, const std::string& module, const AcceleratorSpec& s, int depth, int n) {
  Bench b;
  ports_from(d, module, b);
  std::mt19937_64 rng(4);
  const DatapathFormats& f = s.formats;
  std::map<int64_t, num::CFixed> acc;  // the golden accumulator, per address
  for (int i = 0; i < n; ++i) {
    const int64_t addr = static_cast<int64_t>(rng() % static_cast<uint64_t>(depth));
    const bool first = acc.count(addr) == 0 || rng() % 5 == 0;
    const num::CFixed x{random_code(rng, f.fft), random_code(rng, f.fft)};
    const num::CFixed w{random_code(rng, f.weight), random_code(rng, f.weight)};
    const num::CFixed p = num::complex_product(x, w, f, nullptr);
    acc[addr] = num::accumulate(first ? num::CFixed{} : acc[addr], p, f, nullptr);
    b.in.push_back({{1}, {first}, {addr}, {x.re}, {x.im}, {w.re}, {w.im}});
    b.expect.push_back({{1}, {acc[addr].re}, {acc[addr].im}});
  }
  return b;
}

Bench peripheral_bench(const gen::Design& d, const std::string& module, const AcceleratorSpec& s, int lanes, int n) {
  Bench b;
  ports_from(d, module, b);
  std::mt19937_64 rng(5);
  const DatapathFormats& f = s.formats;
  for (int i = 0; i < n; ++i) {
    const bool use_bias = rng() % 4 != 0, relu = rng() % 2 != 0;
    Lanes in, bias, out;
    for (int l = 0; l < lanes; ++l) {
      in.push_back(random_code(rng, f.ifft));
      bias.push_back(random_code(rng, f.output));
      const int64_t o = num::output_preactivation(in.back(), use_bias ? &bias.back() : nullptr, f, nullptr);
      out.push_back(num::activate(o, relu ? Activation::relu : Activation::none, f.output));
    }
    b.in.push_back({{use_bias}, {relu}, {1}, in, bias});
    b.expect.push_back({{1}, out});
  }
  return b;
}

Bench lstm_cell_bench(const gen::Design& d, const std::string& module, const AcceleratorSpec& s,
                      int lanes, int n) {
  Bench b;
  ports_from(d, module, b);
  std::mt19937_64 rng(7);
  const DatapathFormats& f = s.formats;
  const FixedFormat& out = f.output;
  const int64_t one = num::one_code(out);
  auto value = [&] {  // a third near the knees, the rest over the whole range
    const int64_t span = 4 * one + 2;
    return rng() % 3 == 0 ? std::clamp(static_cast<int64_t>(rng() % (2 * span + 1)) - span,
                                       num::min_code(out), num::max_code(out))
                          : random_code(rng, out);
  };
  for (int v = 0; v < n; ++v) {
    std::vector<Lanes> gates(4);
    Lanes cell, cell_out, h, h_next;
    for (int l = 0; l < lanes; ++l) {
      for (Lanes& g : gates) g.push_back(value());
      cell.push_back(value());
      int64_t c = cell.back();
      h.push_back(num::lstm_cell_unit(gates[0][l], gates[1][l], gates[2][l], gates[3][l], &c, out,
                                      nullptr));
      cell_out.push_back(c);
      h_next.push_back(num::requantize(h.back(), out.frac, f.input, nullptr));
    }
    b.in.push_back({{1}, gates[0], gates[1], gates[2], gates[3], cell});
    b.expect.push_back({{1}, cell_out, h, h_next});
  }
  return b;
}

Bench weight_sram_bench(gen::Design& d, const std::string& module, const arch::MemoryShape& m,
                        int n) {
  Bench b;
  ports_from(d, module, b);
  std::mt19937_64 rng(6);
  const int B = m.banks, W = m.word_bits;
  const int64_t depth = m.depth;
  const FixedFormat word{W, 0, Rounding::truncate, Overflow::wrap};  // W <= 62 in this test
  std::vector<std::vector<int64_t>> mem(static_cast<size_t>(B));
  for (int k = 0; k < B; ++k) {
    std::string img;
    for (int64_t a = 0; a < depth; ++a) {
      mem[k].push_back(random_code(rng, word));
      img += pack_hex({{mem[k].back()}}, {{"w", false, W}}) + "\n";
    }
    d.data["weights_bank" + std::to_string(k) + ".hex"] = img;
  }
  std::vector<int64_t> rdata(static_cast<size_t>(B));
  for (int k = 0; k < B; ++k) rdata[k] = mem[k][0];
  for (int i = 0; i < n; ++i) {
    Lanes en, we, addr, wdata;
    for (int k = 0; k < B; ++k) {
      // The first cycle reads address 0 of every bank, so no output is ever undefined.
      en.push_back(i == 0 || rng() % 4 != 0);
      we.push_back(i != 0 && rng() % 3 == 0);
      addr.push_back(i == 0 ? 0 : static_cast<int64_t>(rng() % static_cast<uint64_t>(depth)));
      wdata.push_back(random_code(rng, word));
      if (en[k] && we[k]) mem[k][addr[k]] = wdata[k];
      else if (en[k]) rdata[k] = mem[k][addr[k]];
    }
    b.in.push_back({en, we, addr, wdata});
    b.expect.push_back({rdata});
  }
  return b;
}

}  // namespace circa::rtltest
