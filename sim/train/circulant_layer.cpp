// The block-circulant fc layer trained through FFTs (CirCNN). With X_j, W_ij, DY_i the DFTs of
// the input block j, the defining vector w_ij and the output gradient block i:
//   forward            Y_i = sum_j W_ij X_j               (circular convolutions)
//   d/dw_ij            DFT(dL/dw_ij) = DY_i conj(X_j)     (circular correlation)
//   d/dx_j             DFT(dL/dx_j)  = sum_i conj(W_ij) DY_i
// The weight gradient is summed in the frequency domain over a minibatch and transformed back
// once per step. Padding follows the numerics: inputs zero-padded to q*k, rows >= m dropped.
#include <algorithm>
#include <cmath>

#include "numerics/reference.hpp"
#include "train/layer.hpp"
#include "train/spectral.hpp"

namespace circa::train {
namespace {

class CirculantLayer : public TrainLayer {
 public:
  CirculantLayer(const Layer& l, int accelerator_k)
      : TrainLayer(l), g_(geometry(l, accelerator_k)), nb_(g_.k / 2 + 1) {}

  size_t param_count() const override { return weights() + bias(); }
  size_t accum_count() const override { return 2 * blocks() * nb_ + bias(); }

  void init(std::mt19937_64& g, double* params) const override {
    const double sd = std::sqrt(2.0 / inputs());
    for (size_t n = 0; n < weights(); ++n) params[n] = sd * normal(g);
    std::fill_n(params + weights(), bias(), 0.0);
  }

  void prepare(const double* params) override {
    num::BlockCirculantWeights bc{g_.p, g_.q, g_.k, {params, params + weights()}};
    spectra_ = num::weight_spectra_double(bc).bins;
    bias_ = params + weights();
  }

  struct S : Scratch {
    explicit S(const LayerGeometry& g)
        : fft(g.k),
          xs(static_cast<size_t>(g.q) * fft.bins()),
          dys(static_cast<size_t>(g.p) * fft.bins()),
          acc(fft.bins()),
          block(g.k) {}
    RealFft fft;
    std::vector<cplx> xs;   ///< the forward pass's input spectra, kept for backward
    std::vector<cplx> dys;  ///< output-gradient spectra
    std::vector<cplx> acc;
    std::vector<double> block;
  };
  std::unique_ptr<Scratch> scratch() const override { return std::make_unique<S>(g_); }

  void forward(const double* x, double* z, Scratch& scratch) const override {
    S& s = static_cast<S&>(scratch);
    for (int j = 0; j < g_.q; ++j) {
      copy_padded(x, inputs(), j, s.block);
      s.fft.forward(s.block.data(), &s.xs[j * nb_]);
    }
    for (int i = 0; i < g_.p; ++i) {
      std::fill(s.acc.begin(), s.acc.end(), cplx());
      for (int j = 0; j < g_.q; ++j) {
        const cplx* w = &spectra_[(static_cast<size_t>(i) * g_.q + j) * nb_];
        const cplx* xj = &s.xs[j * nb_];
        for (size_t b = 0; b < nb_; ++b) s.acc[b] += num::cmul(w[b], xj[b]);
      }
      s.fft.inverse(s.acc.data(), s.block.data());
      for (int r = 0; r < g_.k && i * g_.k + r < outputs(); ++r)
        z[i * g_.k + r] = s.block[r] + (bias() ? bias_[i * g_.k + r] : 0.0);
    }
  }

  void backward(const double* x, const double* dz, double* dx, Scratch& scratch,
                double* accum) const override {
    (void)x;  // its spectra are in the scratch
    S& s = static_cast<S&>(scratch);
    for (int i = 0; i < g_.p; ++i) {
      copy_padded(dz, outputs(), i, s.block);
      s.fft.forward(s.block.data(), &s.dys[i * nb_]);
    }
    auto* ga = reinterpret_cast<cplx*>(accum);  // std::complex is layout-compatible with double[2]
    for (int i = 0; i < g_.p; ++i)
      for (int j = 0; j < g_.q; ++j) {
        cplx* gij = ga + (static_cast<size_t>(i) * g_.q + j) * nb_;
        const cplx* dy = &s.dys[i * nb_];
        const cplx* xj = &s.xs[j * nb_];
        for (size_t b = 0; b < nb_; ++b) gij[b] += num::cmul(dy[b], std::conj(xj[b]));
      }
    double* gb = accum + 2 * blocks() * nb_;
    for (size_t r = 0; r < bias(); ++r) gb[r] += dz[r];
    if (!dx) return;
    for (int j = 0; j < g_.q; ++j) {
      std::fill(s.acc.begin(), s.acc.end(), cplx());
      for (int i = 0; i < g_.p; ++i) {
        const cplx* w = &spectra_[(static_cast<size_t>(i) * g_.q + j) * nb_];
        const cplx* dy = &s.dys[i * nb_];
        for (size_t b = 0; b < nb_; ++b) s.acc[b] += num::cmul(std::conj(w[b]), dy[b]);
      }
      s.fft.inverse(s.acc.data(), s.block.data());
      for (int c = 0; c < g_.k && j * g_.k + c < inputs(); ++c) dx[j * g_.k + c] = s.block[c];
    }
  }

  // The hardware stores FFT(w_ij) and saturates each component at the weight format's range:
  // clip the spectrum there and transform back, so the stored spectra are exactly the clipped
  // ones (projected gradient descent onto what the format holds).
  void constrain(double* params, double limit) const override {
    RealFft fft(g_.k);
    std::vector<cplx> bins(nb_);
    for (size_t b = 0; b < blocks(); ++b) {
      double* w = params + b * g_.k;
      fft.forward(w, bins.data());
      bool clipped = false;
      for (cplx& v : bins) {
        const cplx c(std::clamp(v.real(), -limit, limit), std::clamp(v.imag(), -limit, limit));
        clipped |= c != v;
        v = c;
      }
      if (clipped) fft.inverse(bins.data(), w);
    }
  }

  void gradient(const double* accum, double* grad) const override {
    RealFft fft(g_.k);
    const auto* ga = reinterpret_cast<const cplx*>(accum);
    for (size_t b = 0; b < blocks(); ++b) fft.inverse(ga + b * nb_, grad + b * g_.k);
    std::copy_n(accum + 2 * blocks() * nb_, bias(), grad + weights());
  }

 private:
  size_t blocks() const { return static_cast<size_t>(g_.p) * g_.q; }
  size_t weights() const { return blocks() * g_.k; }
  size_t bias() const { return layer().bias ? static_cast<size_t>(g_.rows) : 0; }

  // Block `j` of v (n values), zero beyond n.
  void copy_padded(const double* v, int n, int j, std::vector<double>& block) const {
    const int first = j * g_.k, count = std::max(0, std::min(g_.k, n - first));
    std::copy_n(v + first, count, block.begin());
    std::fill(block.begin() + count, block.end(), 0.0);
  }

  LayerGeometry g_;
  size_t nb_;  ///< bins per block, k/2 + 1
  std::vector<cplx> spectra_;
  const double* bias_ = nullptr;
};

}  // namespace

std::unique_ptr<TrainLayer> make_circulant_layer(const Layer& l, int accelerator_k) {
  return std::make_unique<CirculantLayer>(l, accelerator_k);
}

}  // namespace circa::train
