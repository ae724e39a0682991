// The block-circulant fc layer trained through FFTs (CirCNN). With X_j, W_ij, DY_i the DFTs of
// the input block j, the defining vector w_ij and the output gradient block i:
//   forward            Y_i = sum_j W_ij X_j               (circular convolutions)
//   d/dw_ij            DFT(dL/dw_ij) = DY_i conj(X_j)     (circular correlation)
//   d/dx_j             DFT(dL/dx_j)  = sum_i conj(W_ij) DY_i
// Padding follows the numerics: inputs zero-padded to q*k, rows >= m dropped.
#include <algorithm>

#include "train/circulant_base.hpp"

namespace circa::train {
namespace {

class CirculantLayer : public detail::CirculantBase {
 public:
  using CirculantBase::CirculantBase;

  struct S : Scratch {
    S(const LayerGeometry& g, int rows)
        : fft(g.k),
          xs(static_cast<size_t>(g.q) * fft.bins()),
          dys(static_cast<size_t>(g.p) * fft.bins()),
          acc(fft.bins()),
          block(g.k) {
      z.resize(rows);
      dz.resize(rows);
    }
    RealFft fft;
    std::vector<cplx> xs;   ///< the forward pass's input spectra, kept for backward
    std::vector<cplx> dys;  ///< output-gradient spectra
    std::vector<cplx> acc;
    std::vector<double> block;
  };
  std::unique_ptr<Scratch> scratch() const override {
    return std::make_unique<S>(geom(), outputs());
  }

  void forward(const double* x, double* out, Scratch& scratch) const override {
    S& s = static_cast<S&>(scratch);
    const LayerGeometry& g = geom();
    for (int j = 0; j < g.q; ++j) {
      copy_padded(x, inputs(), j, s.block);
      s.fft.forward(s.block.data(), &s.xs[j * bins()]);
    }
    for (int i = 0; i < g.p; ++i) {
      std::fill(s.acc.begin(), s.acc.end(), cplx());
      for (int j = 0; j < g.q; ++j)
        detail::mac(s.acc.data(), spectrum(i, j), &s.xs[j * bins()], bins());
      s.fft.inverse(s.acc.data(), s.block.data());
      for (int r = 0; r < g.k && i * g.k + r < outputs(); ++r)
        s.z[i * g.k + r] = s.block[r] + (bias() ? bias()[i * g.k + r] : 0.0);
    }
    activate(s.z.data(), out, s.z.size());
  }

  void backward(const double* x, const double* dout, double* dx, Scratch& scratch,
                double* accum) const override {
    (void)x;  // its spectra are in the scratch
    S& s = static_cast<S&>(scratch);
    const LayerGeometry& g = geom();
    activation_backward(s.z.data(), dout, s.dz.data(), s.z.size());
    for (int i = 0; i < g.p; ++i) {
      copy_padded(s.dz.data(), outputs(), i, s.block);
      s.fft.forward(s.block.data(), &s.dys[i * bins()]);
    }
    for (int i = 0; i < g.p; ++i)
      for (int j = 0; j < g.q; ++j)
        detail::mac_conj(grad_spectrum(accum, i, j), &s.xs[j * bins()], &s.dys[i * bins()], bins());
    double* gb = grad_bias(accum);
    for (size_t r = 0; r < bias_count(); ++r) gb[r] += s.dz[r];
    if (!dx) return;
    for (int j = 0; j < g.q; ++j) {
      std::fill(s.acc.begin(), s.acc.end(), cplx());
      for (int i = 0; i < g.p; ++i)
        detail::mac_conj(s.acc.data(), spectrum(i, j), &s.dys[i * bins()], bins());
      s.fft.inverse(s.acc.data(), s.block.data());
      for (int c = 0; c < g.k && j * g.k + c < inputs(); ++c) dx[j * g.k + c] = s.block[c];
    }
  }

 private:
  // Block `j` of v (n values), zero beyond n.
  void copy_padded(const double* v, int n, int j, std::vector<double>& block) const {
    const int k = geom().k, first = j * k, count = std::max(0, std::min(k, n - first));
    std::copy_n(v + first, count, block.begin());
    std::fill(block.begin() + count, block.end(), 0.0);
  }
};

}  // namespace

std::unique_ptr<TrainLayer> make_circulant_layer(const Layer& l, int accelerator_k) {
  return std::make_unique<CirculantLayer>(l, accelerator_k);
}

}  // namespace circa::train
