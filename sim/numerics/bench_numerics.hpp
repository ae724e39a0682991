// `circa bench numerics`: the FFT-based block-circulant product against the dense product, in
// double precision, timed on this machine. A benchmark that prints figures, not a test.
#pragma once

#include <ostream>

namespace circa::num {

/// For n in {256, 1024, 4096} and k in {8, 64, 256}: times the FFT path (precomputed weight
/// spectra: q FFTs, p*q*(k/2+1) complex MACs, p IFFTs) and the dense n x n product (precomputed
/// matrix, plain loop), each for at least 0.2 s, and prints one table row per (n, k).
void run_numerics_bench(std::ostream& os);

}  // namespace circa::num
