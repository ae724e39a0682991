// Double-precision references for the block-circulant product: an explicit dense expansion (the
// independent check) and the FFT path (the algorithm the hardware implements).
#pragma once

#include <cstdint>
#include <vector>

#include "numerics/fft_double.hpp"

namespace circa::num {

/// A block-circulant matrix: p x q blocks of size k, block (i, j) = circ(w_ij), where w_ij is
/// the block's first column: W_ij[r][c] = w_ij[(r - c) mod k].
struct BlockCirculantWeights {
  int p = 0;
  int q = 0;
  int k = 0;
  std::vector<double> w;  ///< w[(i*q + j)*k + t]

  const double* block(int i, int j) const { return w.data() + (int64_t{i} * q + j) * k; }
  /// Entry (row, col) of the padded (p*k) x (q*k) matrix.
  double entry(int64_t row, int64_t col) const;
};

/// Blocks needed to cover n elements: ceil(n / k).
int64_t blocks_for(int64_t n, int k);

/// The m x n dense matrix (row-major), i.e. the padded matrix with padding rows/cols cropped.
std::vector<double> expand_dense(const BlockCirculantWeights& bc, int64_t m, int64_t n);

/// y = A x for a dense row-major m x n matrix.
std::vector<double> dense_matvec(const std::vector<double>& a, int64_t m, int64_t n,
                                 const std::vector<double>& x);

/// y = W x by expanding W to its dense m x n form (x has n elements; y has m).
std::vector<double> bc_matvec_dense(const BlockCirculantWeights& bc, int64_t m, int64_t n,
                                    const std::vector<double>& x);

/// Bins 0..k/2 of FFT(w_ij) for every block: bins[((i*q + j)*(k/2+1)) + b].
struct WeightSpectraD {
  int p = 0;
  int q = 0;
  int k = 0;
  std::vector<cplx> bins;

  const cplx* block(int i, int j) const { return bins.data() + (int64_t{i} * q + j) * (k / 2 + 1); }
};

/// The offline transform: FFT of every block's first column, bins 0..k/2.
WeightSpectraD weight_spectra_double(const BlockCirculantWeights& bc);

/// y = W x through the frequency domain with precomputed spectra: q FFTs, p*q*(k/2+1) complex
/// MACs, p IFFTs. x has n elements (zero-padded to q*k), y has m (padding rows cropped).
std::vector<double> bc_matvec_fft(const WeightSpectraD& ws, const FftPlan& plan, int64_t m,
                                  int64_t n, const std::vector<double>& x);

/// The same, computing the spectra and the plan on the fly.
std::vector<double> bc_matvec_fft(const BlockCirculantWeights& bc, int64_t m, int64_t n,
                                  const std::vector<double>& x);

}  // namespace circa::num
