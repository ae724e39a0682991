#include "train/bench_train.hpp"

#include <cstdio>

#include "numerics/fixed_point.hpp"
#include "spec/config_loader.hpp"
#include "train/fixed_accuracy.hpp"
#include "train/trainer.hpp"

namespace circa::train {
namespace {

std::string line(const std::string& label, double ips, double total_images, double extra) {
  char buf[200];
  std::snprintf(buf, sizeof buf, "  %-28s %8.0f images/s  (%.0f images: %.1f s", label.c_str(), ips,
                total_images, total_images / ips);
  std::string s = buf;
  if (extra >= 0) {
    std::snprintf(buf, sizeof buf, "; test accuracy %.1f%%", 100.0 * extra);
    s += buf;
  }
  return s + ")\n";
}

std::string threads_label(const std::string& what, int threads) {
  return what + ", " + std::to_string(threads) + (threads > 1 ? " threads" : " thread");
}

}  // namespace

void run_train_bench(const TrainBenchOptions& o, std::ostream& os) {
  const AcceleratorSpec spec = load_accelerator(o.config).spec;
  const Workload w = load_workload(o.workload);
  check_workload_fits(w, spec);
  const data::ImageSet tr =
      data::load_fashion_mnist(o.data_dir, data::Split::train, o.train_images);
  const data::ImageSet te = data::load_fashion_mnist(o.data_dir, data::Split::test, o.test_images);
  check_fits(w, spec.block_size, tr, "training set");
  os << "training " << w.name << " on " << tr.count << " Fashion-MNIST images, one epoch, batch "
     << TrainOptions{}.batch << " (k = " << spec.block_size << " from " << o.config << ")\n";
  Network circulant(w, spec.block_size, false);
  for (bool dense : {false, true})
    for (int threads : {1, 2}) {
      Network dense_net(w, spec.block_size, true);
      Network& net = dense ? dense_net : circulant;
      TrainOptions to;
      to.epochs = 1;
      to.threads = threads;
      const FixedFormat& wf = spec.formats.weight;  // as circa train clips them
      if (!dense) to.spectrum_limit = num::to_double(num::max_code(wf), wf);
      const TrainResult r = train_network(net, tr, te, to, {});
      os << line(threads_label(dense ? "dense" : "block-circulant", threads), r.images_per_s, 60000,
                 r.test_accuracy);
    }
  std::vector<num::LayerWeights> weights;
  for (size_t i = 0; i < circulant.layer_count(); ++i)
    weights.push_back(circulant.layer_weights(i, spec.block_size));
  os << "fixed-point golden model (formats of " << o.config << ") on " << te.count
     << " test images, the block-circulant weights above:\n";
  for (int threads : {1, 2}) {
    const AccuracyResult a = measure_accuracy(spec, w, weights, te, threads);
    const double ips = static_cast<double>(a.images) / a.seconds;
    os << line(threads_label("golden model", threads), ips, 10000, -1);
  }
  os << "  (each image also runs in double precision for the float accuracy)\n";
}

}  // namespace circa::train
