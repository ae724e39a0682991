// The rounding-noise model of one block-circulant product (NUMBER_FORMATS.md §11).
//
// Derivation. A rounding that drops d > 0 bits below an LSB D makes an error whose variance and
// mean, for uniformly distributed dropped bits, are
//   nearest_even: var D^2/12 (1 + 2*4^-d), mean 0     (d = 1: errors 0, +-D/2)
//   nearest_up:   var D^2/12 (1 - 4^-d),   mean +D/2^(d+1)
//   truncate:     var D^2/12 (1 - 4^-d),   mean -D/2 (1 - 2^-d)
// and d <= 0 is exact. Noise-to-signal ratios (NSR) are taken at the point where an error enters,
// against the signal power there, and carried to the output unchanged because:
// - A butterfly stage is sqrt(2) times a unitary map (shift 0) or 1/sqrt(2) times one (shift
//   1): signal power, noise power and the energy of a bias vector all scale alike. Node power
//   after s stages: P_s = P_0 * 2^s / 4^(s*shift).
// - Per stage a complex node gets two rounded components: 2*var / P_s. Butterflies with a trivial
//   twiddle (W^0 = 1, W^(k/4) = -i: exact codes) drop only `shift` bits, the others F + shift;
//   the trivial fraction is 1 in stages 1 and 2 and 4/2^s after.
// - A twiddle error e (mean square 2*ms_t) on b adds |b|^2 2 ms_t to a node of power 2|b|^2:
//   NSR ms_t per stage for the non-trivial butterflies.
// - Weight spectra: 2*var_w / S_w, S_w = k E[w^2] the mean power of a weight bin.
// - Products and their requantisation: 2*var / (S_x S_w). Summing q independent terms keeps the
//   NSR (signal and noise powers both grow q-fold).
// - IFFT: its input is Hermitian, so errors made before it land wholly in the real output;
//   random errors made inside it are not, and half their power goes to the discarded imaginary
//   part (var/P_s per stage). Twiddle errors and biases are kept whole (conservative).
// - Output requantisation: var / P_y, P_y = q E[x^2] S_w.
// Random errors are independent, so their NSRs add. Biases are deterministic and can add
// coherently (the bias of every stage reaches bin 0): by Cauchy-Schwarz the energy of a sum of N
// bias vectors is at most N times the sum of their energies, N = the 2 log2(k) + 5 rounding
// points in series. The model thus over-estimates bias noise; it over-estimates random noise by
// counting the real nodes of early stages and the real weight bins 0, k/2 as complex. The tests'
// 3 dB margin covers the dropped bits not being exactly uniform.
#include <algorithm>
#include <cmath>

#include "test_support.hpp"

namespace circa::num::test {
namespace {

struct Err {
  double var = 0.0, bias2 = 0.0;
};

// One rounding dropping d bits into f; d >= 53 stands for rounding an irrational value.
Err rounding_error(Rounding r, int d, const FixedFormat& f) {
  if (d <= 0) return {};
  const double D = std::ldexp(1.0, -f.frac), p2 = std::ldexp(1.0, -std::min(d, 60));
  const double p4 = p2 * p2;
  switch (r) {
    case Rounding::nearest_even:
      return {D * D / 12 * (1 + 2 * p4), 0.0};
    case Rounding::nearest_up:
      return {D * D / 12 * (1 - p4), D * D * p4 / 4};
    case Rounding::truncate:
      return {D * D / 12 * (1 - p4), D * D / 4 * (1 - p2) * (1 - p2)};
  }
  return {};
}

double trivial_fraction(int stage) {
  return stage <= 2 ? 1.0 : std::ldexp(1.0, 2 - stage);
}

// Adds err (per real component, `components` of them) against signal power p into a stage
// field and the bias sum. var_share: the part of the random error that reaches the output.
void add(double& field, double& bias, const Err& e, double components, double p,
         double var_share = 1.0) {
  field += components * (var_share * e.var + e.bias2) / p;
  bias += components * e.bias2 / p;
}

// The log2(k) stages of one transform from node power p (updated).
void transform(int k, int shift, const FixedFormat& data, const FixedFormat& tw, double& p,
               double var_share, double& field, double& bias) {
  const double ms_t = rounding_error(tw.rounding, 53, tw).var;
  for (int s = 1; (1 << s) <= k; ++s) {
    const double triv = trivial_fraction(s);
    field += (1.0 - triv) * ms_t;
    p = 2.0 * p / std::ldexp(1.0, 2 * shift);
    const Err a = rounding_error(data.rounding, shift, data);
    const Err b = rounding_error(data.rounding, tw.frac + shift, data);
    const Err mix{triv * a.var + (1 - triv) * b.var, triv * a.bias2 + (1 - triv) * b.bias2};
    add(field, bias, mix, 2.0, p, var_share);
  }
}

}  // namespace

NoiseBudget predict_noise(int k, int q, const DatapathFormats& f, FftScaling scaling,
                          double input_ms, double weight_ms) {
  const int fwd = scaling == FftScaling::forward ? 1 : 0;
  NoiseBudget nb;
  nb.sources = 2 * log2_exact(k) + 5;
  double p = input_ms;
  add(nb.fft, nb.bias, rounding_error(f.fft.rounding, f.input.frac - f.fft.frac, f.fft), 1, p);
  transform(k, fwd, f.fft, f.twiddle, p, 1.0, nb.fft, nb.bias);
  const double s_w = k * weight_ms, prod = p * s_w;
  add(nb.weight, nb.bias, rounding_error(f.weight.rounding, 53, f.weight), 2, s_w);
  const int d_prod = f.fft.frac + f.weight.frac - f.product.frac;
  add(nb.freq, nb.bias, rounding_error(f.product.rounding, d_prod, f.product), 2, prod);
  const int d_acc = f.product.frac - f.accumulator.frac;
  add(nb.freq, nb.bias, rounding_error(f.accumulator.rounding, d_acc, f.accumulator), 2, prod);
  p = q * prod;
  const int d_ifft = f.accumulator.frac - f.ifft.frac;
  add(nb.ifft, nb.bias, rounding_error(f.ifft.rounding, d_ifft, f.ifft), 2, p);
  transform(k, 1 - fwd, f.ifft, f.twiddle, p, 0.5, nb.ifft, nb.bias);
  add(nb.output, nb.bias, rounding_error(f.output.rounding, f.ifft.frac - f.output.frac, f.output),
      1, p);
  return nb;
}

}  // namespace circa::num::test
