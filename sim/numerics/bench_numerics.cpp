#include "numerics/bench_numerics.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "numerics/random_data.hpp"
#include "numerics/reference.hpp"

namespace circa::num {
namespace {

constexpr double kMinSeconds = 0.2;

// Calls fn (returning a checksum) in doubling batches until kMinSeconds have passed; returns
// calls per second. The checksum goes to a volatile so the work cannot be optimised away.
template <class Fn>
double calls_per_second(Fn fn) {
  using clock = std::chrono::steady_clock;
  volatile double sink = 0.0;
  long reps = 1;
  for (;;) {
    const auto t0 = clock::now();
    for (long r = 0; r < reps; ++r) sink = sink + fn();
    const double s = std::chrono::duration<double>(clock::now() - t0).count();
    if (s >= kMinSeconds) return static_cast<double>(reps) / s;
    reps *= 2;
  }
}

constexpr int kWidths[] = {6, 6, 13, 16, 18, 17, 9, 13};

void print_row(std::ostream& os, const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) os << std::setw(kWidths[i]) << cells[i];
  os << '\n' << std::flush;
}

std::string fmt(double v, int digits, bool scientific = false) {
  std::ostringstream s;
  s << (scientific ? std::scientific : std::fixed) << std::setprecision(digits) << v;
  return s.str();
}

// One table row: random n x n weights with blocks of k, both paths checked against each other
// (max |difference| / max |y|) and then timed.
void bench_point(std::ostream& os, int n, int k, const std::vector<double>& x,
                 std::mt19937_64& gen) {
  const int blocks = n / k;
  BlockCirculantWeights w{blocks, blocks, k, std::vector<double>(static_cast<size_t>(n) * blocks)};
  for (double& v : w.w) v = uniform_pm(gen, 1.0 / std::sqrt(n));
  const WeightSpectraD spectra = weight_spectra_double(w);
  const FftPlan plan(k);
  const std::vector<double> dense = expand_dense(w, n, n);
  const std::vector<double> y_fft = bc_matvec_fft(spectra, plan, n, n, x);
  const std::vector<double> y_dense = dense_matvec(dense, n, n, x);
  double err = 0.0, ref = 0.0;
  for (int r = 0; r < n; ++r) {
    err = std::max(err, std::abs(y_fft[r] - y_dense[r]));
    ref = std::max(ref, std::abs(y_dense[r]));
  }
  const double fft_ps = calls_per_second([&] { return bc_matvec_fft(spectra, plan, n, n, x)[0]; });
  const double dense_ps = calls_per_second([&] { return dense_matvec(dense, n, n, x)[0]; });
  const double ops = 2.0 * n * n;  // dense-equivalent operations per product
  print_row(os, {std::to_string(n), std::to_string(k), fmt(ops * dense_ps / 1e9, 2), fmt(fft_ps, 1),
                 fmt(dense_ps, 1), fmt(ops * fft_ps / 1e9, 2), fmt(fft_ps / dense_ps, 1),
                 fmt(err / ref, 1, true)});
}

}  // namespace

void run_numerics_bench(std::ostream& os) {
  os << "Block-circulant product y = W x, n x n, double precision, one thread.\n"
        "FFT path: precomputed weight spectra, q FFTs + p*q*(k/2+1) complex MACs + p IFFTs.\n"
        "Dense path: precomputed n x n matrix, plain loop, 2*n*n ops per product.\n"
        "fft equiv GOP/s: the FFT path's products/s times the dense 2*n*n ops per product.\n"
        "max rel err: max |y_fft - y_dense| / max |y_dense|.\n\n";
  print_row(os, {"n", "k", "dense GOP/s", "fft products/s", "dense products/s", "fft equiv GOP/s",
                 "speedup", "max rel err"});
  std::mt19937_64 gen(20240607);
  for (int n : {256, 1024, 4096}) {
    std::vector<double> x(n);
    for (double& v : x) v = uniform_pm(gen, 1.0);
    for (int k : {8, 64, 256}) bench_point(os, n, k, x, gen);
  }
}

}  // namespace circa::num
