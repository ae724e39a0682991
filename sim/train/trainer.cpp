#include "train/trainer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>

#include "common/error.hpp"
#include "train/adam.hpp"
#include "train/parallel.hpp"

namespace circa::train {
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

void load_image(const data::ImageSet& s, int64_t n, std::vector<double>& x) {
  const uint8_t* px = s.image(n);
  x.resize(static_cast<size_t>(s.pixels_per_image()));
  for (size_t i = 0; i < x.size(); ++i) x[i] = data::pixel_value(px[i]);
}

// Fisher-Yates from the 64-bit generator itself: the same order on every standard library.
void shuffle(std::vector<int64_t>& v, std::mt19937_64& g) {
  for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[g() % i]);
}

struct BatchStats {
  double loss = 0;
  int64_t correct = 0;
};

class StepRunner {
 public:
  StepRunner(Network& net, const TrainOptions& o, int64_t total_steps)
      : net_(net), o_(o), adam_(net.params().size(), o.lr), total_steps_(total_steps) {
    for (int t = 0; t < o.threads; ++t) workers_.push_back(net.worker());
    inputs_.resize(o.threads);
  }

  // One minibatch: forward/backward split over the threads, then one Adam step.
  BatchStats step(const data::ImageSet& s, const int64_t* idx, int64_t n) {
    std::vector<BatchStats> part(o_.threads);
    parallel_for(o_.threads, n, [&](int t, int64_t b, int64_t e) {
      Network::Worker& wk = workers_[t];
      std::fill(wk.accum.begin(), wk.accum.end(), 0.0);
      for (int64_t m = b; m < e; ++m) {
        load_image(s, idx[m], inputs_[t]);
        bool hit = false;
        part[t].loss +=
            net_.train_sample(wk, inputs_[t].data(), s.labels[idx[m]], o_.logit_scale, &hit);
        part[t].correct += hit;
      }
    });
    std::vector<double>& sum = workers_[0].accum;
    for (int t = 1; t < o_.threads; ++t)
      for (size_t i = 0; i < sum.size(); ++i) sum[i] += workers_[t].accum[i];
    net_.gradient(sum, 1.0 / static_cast<double>(n), grad_);
    const double pi = 3.14159265358979323846;
    adam_.set_lr(o_.lr * 0.5 * (1.0 + std::cos(pi * static_cast<double>(step_++) / total_steps_)));
    adam_.step(net_.params(), grad_);
    net_.constrain(o_.spectrum_limit);
    BatchStats r;
    for (const BatchStats& p : part) {
      r.loss += p.loss;
      r.correct += p.correct;
    }
    return r;
  }

 private:
  Network& net_;
  const TrainOptions& o_;
  Adam adam_;
  int64_t total_steps_, step_ = 0;
  std::vector<Network::Worker> workers_;
  std::vector<std::vector<double>> inputs_;
  std::vector<double> grad_;
};

}  // namespace

std::vector<double> image_inputs(const data::ImageSet& s, int64_t n) {
  std::vector<double> x(static_cast<size_t>(n * s.pixels_per_image()));
  for (size_t i = 0; i < x.size(); ++i) x[i] = data::pixel_value(s.pixels[i]);
  return x;
}

void check_fits(const Workload& w, int accelerator_k, const data::ImageSet& s,
                const std::string& what) {
  const Layer& first = w.layers.front();
  const int64_t in = geometry(first, accelerator_k).input_elements;
  if (s.pixels_per_image() != in)
    throw ConfigError(first.where, first.name,
                      what + " has images of " + std::to_string(s.rows) + "x" +
                          std::to_string(s.cols) + " pixels, but the first layer takes " +
                          std::to_string(in) + " inputs");
  const Layer& last = w.layers.back();
  const int64_t out = geometry(last, accelerator_k).output_elements;
  if (out != 10)
    throw ConfigError(
        last.where, last.name,
        what + " has 10 classes, but the last layer has " + std::to_string(out) + " outputs");
}

double evaluate(const Network& net, const data::ImageSet& s, int threads) {
  std::vector<int64_t> hits(std::max(threads, 1), 0);
  parallel_for(threads, s.count, [&](int t, int64_t b, int64_t e) {
    Network::Worker wk = net.worker();
    std::vector<double> x;
    for (int64_t n = b; n < e; ++n) {
      load_image(s, n, x);
      const std::vector<double>& out = net.forward(wk, x.data());
      hits[t] += argmax(out.data(), net.classes()) == s.labels[n];
    }
  });
  return s.count ? static_cast<double>(std::accumulate(hits.begin(), hits.end(), int64_t{0})) /
                       static_cast<double>(s.count)
                 : 0.0;
}

TrainResult train_network(Network& net, const data::ImageSet& train_set,
                          const data::ImageSet& test_set, const TrainOptions& o,
                          const ProgressFn& progress) {
  CIRCA_CHECK(train_set.pixels_per_image() == net.inputs() &&
                  test_set.pixels_per_image() == net.inputs() && net.classes() == 10,
              "check_fits() before train()");
  CIRCA_CHECK(o.epochs >= 1 && o.batch >= 1 && o.threads >= 1, "options checked by the caller");
  net.init(o.seed);
  net.constrain(o.spectrum_limit);
  std::mt19937_64 order_rng(o.seed ^ 0x5DEECE66DULL);
  std::vector<int64_t> order(static_cast<size_t>(train_set.count));
  std::iota(order.begin(), order.end(), int64_t{0});
  const int64_t batches = (train_set.count + o.batch - 1) / o.batch;
  StepRunner runner(net, o, batches * o.epochs);
  const int64_t report_every = std::max<int64_t>(1, batches / 100);
  TrainResult r;
  Progress p;
  p.epochs = o.epochs;
  p.total = train_set.count;
  const Clock::time_point t0 = Clock::now();
  double eval_seconds = 0;
  for (int epoch = 1; epoch <= o.epochs; ++epoch) {
    shuffle(order, order_rng);
    double loss = 0;
    int64_t correct = 0;
    p.epoch = epoch;
    p.test_accuracy = -1;
    for (int64_t b = 0; b < batches; ++b) {
      const int64_t first = b * o.batch, n = std::min<int64_t>(o.batch, train_set.count - first);
      const BatchStats s = runner.step(train_set, order.data() + first, n);
      loss += s.loss;
      correct += s.correct;
      p.done = first + n;
      p.loss = loss / static_cast<double>(p.done);
      p.accuracy = static_cast<double>(correct) / static_cast<double>(p.done);
      p.seconds = since(t0) - eval_seconds;
      if (progress && (b + 1) % report_every == 0 && b + 1 < batches) progress(p);
    }
    const Clock::time_point te = Clock::now();
    p.test_accuracy = evaluate(net, test_set, o.threads);
    eval_seconds += since(te);
    r.epoch_test_accuracy.push_back(p.test_accuracy);
    r.train_loss = p.loss;
    r.train_accuracy = p.accuracy;
    if (progress) progress(p);
  }
  r.test_accuracy = r.epoch_test_accuracy.back();
  r.seconds = since(t0) - eval_seconds;
  r.images_per_s = static_cast<double>(train_set.count) * o.epochs / r.seconds;
  return r;
}

}  // namespace circa::train
