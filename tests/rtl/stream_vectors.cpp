#include "stream_vectors.hpp"

#include <algorithm>
#include <random>
#include <stdexcept>

#include "arch/microarch.hpp"
#include "golden_vectors.hpp"
#include "numerics/fft_double.hpp"
#include "numerics/fft_fixed.hpp"

namespace circa::rtltest {
namespace {

/// The whole k-point transform (all k outputs, complex) as the golden model computes it: the
/// forward of real samples, or the inverse's conj-FFT on the Hermitian spectrum of `bins`.
std::vector<num::CFixed> golden_forward(const num::FixedFft& fft, const AcceleratorSpec& s, const Lanes& x) {
  const std::vector<int> rev = num::bit_reverse_table(fft.k());
  std::vector<num::CFixed> d(x.size());
  for (size_t n = 0; n < x.size(); ++n)
    d[rev[n]] = {num::requantize(x[n], s.formats.input.frac, s.formats.fft, nullptr), 0};
  fft.transform(d, s.formats.fft, s.fft.scaling == FftScaling::forward ? 1 : 0, nullptr);
  return d;
}

std::vector<num::CFixed> golden_inverse(const num::FixedFft& fft, const AcceleratorSpec& s,
                                        const std::vector<num::CFixed>& bins) {
  const int k = fft.k(), from = s.formats.accumulator.frac;
  const FixedFormat& f = s.formats.ifft;
  const std::vector<int> rev = num::bit_reverse_table(k);
  std::vector<num::CFixed> d(static_cast<size_t>(k));
  for (int b = 0; b <= k / 2; ++b) {  // as FixedFft::inverse_real
    const bool real_bin = b == 0 || b == k / 2;
    const num::CFixed x{num::requantize(bins[b].re, from, f, nullptr),
                        real_bin ? 0 : num::requantize(bins[b].im, from, f, nullptr)};
    d[rev[b]] = {x.re, num::fit(-x.im, f, nullptr)};
    if (!real_bin) d[rev[k - b]] = x;
  }
  fft.transform(d, f, s.fft.scaling == FftScaling::inverse ? 1 : 0, nullptr);
  // The golden inverse_real returns the real parts of exactly these values.
  std::vector<num::CFixed> bins_copy(bins.begin(), bins.end());
  num::OverflowCounts ovf;
  const std::vector<int64_t> y = fft.inverse_real(bins_copy, ovf);
  for (int n = 0; n < k; ++n)
    if (y[n] != d[n].re) throw std::logic_error("golden_inverse disagrees with inverse_real");
  return d;
}

struct Stream {
  Bench& b;
  bool shared;
  int lanes;
  /// One input cycle: mode (shared only), valid, then the direction's data ports.
  void push(bool mode, bool valid, const Lanes& data, const Lanes& re, const Lanes& im) {
    std::vector<Lanes> in;
    if (shared) in.push_back({mode});
    in.push_back({valid});
    if (!data.empty()) in.push_back(data);
    if (!re.empty()) { in.push_back(re); in.push_back(im); }
    b.in.push_back(in);
  }
  /// The expected outputs of that cycle; `im` empty = imaginary outputs not compared.
  void expect(bool valid, const Lanes& re, const Lanes& im, bool has_im) {
    std::vector<Lanes> out{{valid}}, mask{{-1}};
    const Lanes zeros(static_cast<size_t>(lanes), 0);
    out.push_back(valid ? re : zeros);
    mask.push_back({valid ? -1 : 0});
    if (has_im) {
      out.push_back(valid && !im.empty() ? im : zeros);
      mask.push_back({valid && !im.empty() ? -1 : 0});
    }
    b.expect.push_back(out);
    b.mask.push_back(mask);
  }
};

}  // namespace

Bench fft_pipelined_bench(const gen::Design& d, const std::string& module, const AcceleratorSpec& s,
                          FftDir dir, int blocks, uint64_t seed) {
  Bench b;
  ports_from(d, module, b);
  std::mt19937_64 rng(seed);
  const int k = s.block_size, S = std::min(s.fft.samples_per_cycle, k), beats = k / S;
  const arch::FftTiming t = arch::fft_timing(s, k);
  const num::FixedFft fft(k, s.formats, s.fft.scaling);
  const std::vector<int> rev = num::bit_reverse_table(k);
  const bool shared = dir == FftDir::shared, has_im = dir != FftDir::inverse;
  // Iterative units return natural order and take a block only every ii cycles.
  const bool natural = s.fft.style == FftStyle::iterative;
  const int min_gap = t.ii - beats;
  const bool has_data = dir != FftDir::inverse, has_bins = dir != FftDir::forward;
  Stream st{b, shared, S};
  const Lanes none;
  const auto idle = [&](bool mode, int n) {
    for (int i = 0; i < n; ++i) {
      st.push(mode, false, has_data ? Lanes(S, 0) : none, has_bins ? Lanes(S, 0) : none, has_bins ? Lanes(S, 0) : none);
      st.expect(false, {}, {}, has_im);
    }
  };
  FixedFormat near = s.formats.accumulator;  // codes near the IFFT's range: rounding and saturation
  near.bits = std::min(near.bits, s.formats.ifft.bits + s.formats.accumulator.frac - s.formats.ifft.frac + 2);
  for (int half = 0; half < (shared ? 2 : 1); ++half) {
    const bool inverse = dir == FftDir::inverse || half == 1;
    for (int blk = 0; blk < blocks; ++blk) {
      Lanes x(static_cast<size_t>(k));
      std::vector<num::CFixed> bins(static_cast<size_t>(k / 2 + 1));
      for (auto& v : x) v = random_code(rng, s.formats.input);
      for (auto& c : bins) c = {random_code(rng, near), random_code(rng, near)};
      const std::vector<num::CFixed> y = inverse ? golden_inverse(fft, s, bins) : golden_forward(fft, s, x);
      for (int beat = 0; beat < beats; ++beat) {
        Lanes data, re, im, ore, oim;
        for (int l = 0; l < S; ++l) {
          const int i = beat * S + l, bin = std::min(i, k - i);
          data.push_back(x[i]);
          re.push_back(bins[bin].re);
          im.push_back(bins[bin].im);
          ore.push_back(y[natural ? i : rev[i]].re);
          oim.push_back(y[natural ? i : rev[i]].im);
        }
        st.push(inverse, true, has_data ? data : none, has_bins ? re : none, has_bins ? im : none);
        st.expect(true, ore, oim, has_im);
      }
      // Gaps: often none (back to back at ii), else shorter and longer than a delay line.
      idle(inverse, min_gap + (rng() % 2 ? 0 : static_cast<int>(rng() % static_cast<uint64_t>(beats + 3))));
    }
    idle(inverse, t.latency);  // the unit drains before the mode changes
  }
  return b;
}

}  // namespace circa::rtltest
