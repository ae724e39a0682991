#include "train/network.hpp"

#include <algorithm>
#include <cmath>
#include <random>

#include "common/error.hpp"

namespace circa::train {

int argmax(const double* v, int n) {
  int best = 0;
  for (int i = 1; i < n; ++i)
    if (v[i] > v[best]) best = i;
  return best;
}

Network::Network(const Workload& w, int accelerator_k, bool dense) : dense_(dense) {
  size_t params = 0, accum = 0;
  for (size_t i = 0; i < w.layers.size(); ++i) {
    const Layer& l = w.layers[i];
    const bool into_fc = i + 1 < w.layers.size() && w.layers[i + 1].kind == LayerKind::fc;
    if (l.kind == LayerKind::lstm || (dense && l.kind != LayerKind::fc))
      throw ConfigError(l.where, l.name,
                        std::string(dense ? "circa train --dense handles fc"
                                          : "the trainer handles fc and conv") +
                            " layers only; this one is " + to_string(l.kind));
    const int in = static_cast<int>(geometry(l, accelerator_k).input_elements);
    if (!layers_.empty() && in != layers_.back()->outputs())
      throw ConfigError(l.where, l.name,
                        "takes " + std::to_string(in) + " inputs, but the previous layer gives " +
                            std::to_string(layers_.back()->outputs()));
    layers_.push_back(dense                       ? make_dense_layer(l)
                      : l.kind == LayerKind::conv ? make_conv_layer(l, accelerator_k, into_fc)
                                                  : make_circulant_layer(l, accelerator_k));
    param_offset_.push_back(params);
    accum_offset_.push_back(accum);
    params += layers_.back()->param_count();
    accum += layers_.back()->accum_count();
  }
  if (layers_.empty()) throw ConfigError("workload '" + w.name + "' has no layers to train");
  params_.assign(params, 0.0);
  accum_offset_.push_back(accum);
}

void Network::init(uint64_t seed) {
  std::mt19937_64 g(seed);
  for (size_t i = 0; i < layers_.size(); ++i) layers_[i]->init(g, &params_[param_offset_[i]]);
  prepare();
}

void Network::prepare() {
  for (size_t i = 0; i < layers_.size(); ++i) layers_[i]->prepare(&params_[param_offset_[i]]);
}

void Network::constrain(double limit) {
  if (limit > 0)
    for (size_t i = 0; i < layers_.size(); ++i)
      layers_[i]->constrain(&params_[param_offset_[i]], limit);
  prepare();
}

Network::Worker Network::worker() const {
  Worker wk;
  for (const auto& l : layers_) {
    wk.scratch.push_back(l->scratch());
    wk.a.emplace_back(l->outputs());
    wk.da.emplace_back(l->inputs());
  }
  wk.dlogits.resize(layers_.back()->outputs());
  wk.accum.assign(accum_offset_.back(), 0.0);
  return wk;
}

const std::vector<double>& Network::forward(Worker& wk, const double* x) const {
  for (size_t i = 0; i < layers_.size(); ++i) {
    layers_[i]->forward(i == 0 ? x : wk.a[i - 1].data(), wk.a[i].data(), *wk.scratch[i]);
  }
  return wk.a.back();
}

double Network::train_sample(Worker& wk, const double* x, int label, double logit_scale,
                             bool* correct) const {
  const std::vector<double>& out = forward(wk, x);
  const int n = classes();
  *correct = argmax(out.data(), n) == label;
  // Softmax cross-entropy, shifted by the largest logit so exp() cannot overflow.
  const double top = out[argmax(out.data(), n)] * logit_scale;
  double sum = 0.0;
  for (int c = 0; c < n; ++c) sum += std::exp(out[c] * logit_scale - top);
  const double loss = std::log(sum) + top - out[label] * logit_scale;
  for (int c = 0; c < n; ++c)
    wk.dlogits[c] =
        logit_scale * (std::exp(out[c] * logit_scale - top) / sum - (c == label ? 1.0 : 0.0));
  for (size_t i = layers_.size(); i-- > 0;)
    layers_[i]->backward(i == 0 ? x : wk.a[i - 1].data(),
                         i + 1 == layers_.size() ? wk.dlogits.data() : wk.da[i + 1].data(),
                         i == 0 ? nullptr : wk.da[i].data(), *wk.scratch[i],
                         &wk.accum[accum_offset_[i]]);
  return loss;
}

void Network::gradient(const std::vector<double>& accum, double scale,
                       std::vector<double>& grad) const {
  grad.resize(params_.size());
  for (size_t i = 0; i < layers_.size(); ++i)
    layers_[i]->gradient(&accum[accum_offset_[i]], &grad[param_offset_[i]]);
  for (double& g : grad) g *= scale;
}

void Network::set_layer_weights(size_t i, const num::LayerWeights& w) {
  CIRCA_CHECK(!dense_, "dense layers have no block-circulant form");
  CIRCA_CHECK(w.w.w.size() + w.bias.size() == layer_param_count(i), "weights shaped for layer");
  double* p = params_.data() + param_offset_[i];
  std::copy(w.bias.begin(), w.bias.end(), std::copy(w.w.w.begin(), w.w.w.end(), p));
}

num::LayerWeights Network::layer_weights(size_t i, int accelerator_k) const {
  CIRCA_CHECK(!dense_, "dense layers have no block-circulant form");
  const Layer& l = layers_[i]->layer();
  const LayerGeometry g = geometry(l, accelerator_k);
  const double* p = layer_params(i);
  num::LayerWeights w;
  const size_t n = static_cast<size_t>(g.p) * g.q * g.k;
  w.w = {g.p, g.q, g.k, {p, p + n}};
  if (l.bias) w.bias.assign(p + n, p + n + g.rows);
  return w;
}

}  // namespace circa::train
