#include "train/fixed_accuracy.hpp"

#include <algorithm>
#include <chrono>

#include "common/error.hpp"
#include "numerics/fft_fixed.hpp"
#include "numerics/output_stage.hpp"
#include "train/network.hpp"
#include "train/parallel.hpp"

namespace circa::train {
namespace {

template <class T>
int top1(const std::vector<T>& v) {
  return static_cast<int>(std::max_element(v.begin(), v.end()) - v.begin());  // first on ties
}

// The layers' FFT units and stored parameters, built once for every image and thread.
std::vector<num::PreparedLayer> prepare(const AcceleratorSpec& spec, const Workload& w,
                                        const std::vector<num::LayerWeights>& weights) {
  std::vector<num::PreparedLayer> p;
  p.reserve(w.layers.size());
  for (size_t i = 0; i < w.layers.size(); ++i) p.emplace_back(spec, w.layers[i], weights[i]);
  return p;
}

// What run_layer_fixed counts on every call without depending on the image.
num::OverflowCounts per_call_counts(const std::vector<num::PreparedLayer>& layers) {
  num::OverflowCounts c;
  for (const num::PreparedLayer& p : layers) {
    c += p.quantised().overflow;
    c[num::Stage::twiddle] += p.fft().twiddles().overflows();
  }
  return c;
}

void run_image(const AcceleratorSpec& spec, const Workload& w,
               const std::vector<num::PreparedLayer>& layers, const Network& net,
               Network::Worker& wk, const data::ImageSet& s, int64_t n,
               const num::OverflowCounts& per_call, AccuracyResult& r) {
  num::OverflowCounts ovf;
  std::vector<int64_t> codes = image_codes(s, n, spec.formats.input, ovf);
  std::vector<double> x(static_cast<size_t>(s.pixels_per_image()));
  for (size_t i = 0; i < x.size(); ++i) x[i] = data::pixel_value(s.image(n)[i]);
  const std::vector<double>& real = net.forward(wk, x.data());
  for (size_t li = 0; li < w.layers.size(); ++li) {
    const Layer& l = w.layers[li];
    if (li > 0) {
      codes = num::next_layer_input(w.layers[li - 1], l, std::move(codes));
      for (int64_t& c : codes)
        c = num::requantize(c, spec.formats.output.frac, spec.formats.input,
                            &ovf[num::Stage::input]);
    }
    num::LayerResult res = num::run_layer_fixed(layers[li], codes);
    ovf += res.overflow;
    codes = std::move(res.output);
  }
  for (int st = 0; st < num::kStageCount; ++st) ovf.n[st] -= per_call.n[st];
  const int fixed = top1(codes), flt = top1(real), label = s.labels[n];
  r.fixed_correct += fixed == label;
  r.float_correct += flt == label;
  r.agree += fixed == flt;
  r.ties += std::count(codes.begin(), codes.end(), codes[fixed]) > 1;
  r.images_with_overflow += ovf.total() > 0;
  r.datapath += ovf;
}

}  // namespace

double AccuracyResult::fixed_accuracy() const {
  return images ? static_cast<double>(fixed_correct) / static_cast<double>(images) : 0.0;
}
double AccuracyResult::float_accuracy() const {
  return images ? static_cast<double>(float_correct) / static_cast<double>(images) : 0.0;
}

std::vector<int64_t> image_codes(const data::ImageSet& s, int64_t n, const FixedFormat& input,
                                 num::OverflowCounts& ovf) {
  std::vector<int64_t> codes(static_cast<size_t>(s.pixels_per_image()));
  const uint8_t* px = s.image(n);
  for (size_t i = 0; i < codes.size(); ++i)
    codes[i] = num::quantize(data::pixel_value(px[i]), input, &ovf[num::Stage::input]);
  return codes;
}

AccuracyResult measure_accuracy(const AcceleratorSpec& spec, const Workload& w,
                                const std::vector<num::LayerWeights>& weights,
                                const data::ImageSet& s, int threads) {
  CIRCA_CHECK(weights.size() == w.layers.size(), "one weight set per layer");
  const auto t0 = std::chrono::steady_clock::now();
  AccuracyResult total;
  const std::vector<num::PreparedLayer> layers = prepare(spec, w, weights);  // checks shapes
  total.quantisation = per_call_counts(layers);
  Network net(w, spec.block_size, false);
  for (size_t i = 0; i < weights.size(); ++i) net.set_layer_weights(i, weights[i]);
  net.prepare();
  std::vector<AccuracyResult> part(std::max(threads, 1));
  parallel_for(threads, s.count, [&](int t, int64_t b, int64_t e) {
    Network::Worker wk = net.worker();
    for (int64_t n = b; n < e; ++n)
      run_image(spec, w, layers, net, wk, s, n, total.quantisation, part[t]);
  });
  for (const AccuracyResult& p : part) {
    total.fixed_correct += p.fixed_correct;
    total.float_correct += p.float_correct;
    total.agree += p.agree;
    total.ties += p.ties;
    total.images_with_overflow += p.images_with_overflow;
    total.datapath += p.datapath;
  }
  total.images = s.count;
  total.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return total;
}

}  // namespace circa::train
