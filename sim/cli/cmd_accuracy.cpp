// `circa accuracy`: top-1 accuracy of trained weights on the bit-exact golden model over a
// dataset's test images, beside the double-precision accuracy of the same weights, with the
// overflow events the fixed-point formats cost; --out writes the fixed-point outputs per image
// (cli/accuracy_output.hpp).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/accuracy_output.hpp"
#include "cli/commands.hpp"
#include "cli/run_output.hpp"
#include "cli/train_output.hpp"
#include "common/error.hpp"
#include "data/fashion_mnist.hpp"
#include "numerics/fixed_point.hpp"
#include "sysc/workload_data.hpp"
#include "train/fixed_accuracy.hpp"

namespace circa::cli {
namespace {

struct AccuracyArgs {
  std::string config, workload, weights, dataset, data_dir, out;
  std::vector<std::string> params;
  int threads = 2;
  int64_t limit = 0;
};

std::string format_str(const FixedFormat& f) {
  return "s" + std::to_string(f.bits) + "." + std::to_string(f.frac) + " " + to_string(f.rounding);
}

// Dense weights (circa train --dense) have no block-circulant form: say so before the loader
// reports a missing .weights.npy.
void refuse_dense(const std::string& dir, const Workload& w) {
  const std::filesystem::path d(dir);
  const Layer& l = w.layers.front();
  if (std::filesystem::exists(d / (l.name + ".dense.npy")) &&
      !std::filesystem::exists(d / (l.name + ".weights.npy")))
    throw ConfigError("--weights " + dir +
                      ": dense weights (circa train --dense); the "
                      "accelerator runs block-circulant layers: train without --dense (the "
                      "dense float accuracy is in " +
                      (d / kTrainJson).string() + ")");
}

int run_accuracy(const AccuracyArgs& a) {
  data::check_dataset_name(a.dataset);
  const RunInputs in = load_run_inputs(a.config, a.workload, a.params);
  refuse_dense(a.weights, in.workload);
  const sysc::WorkloadData d = sysc::load_data(a.weights, in.spec, in.workload, 1);
  const std::string dir = a.data_dir.empty() ? data::default_fashion_mnist_dir() : a.data_dir;
  const data::ImageSet te = data::load_fashion_mnist(dir, data::Split::test, a.limit);
  train::check_fits(in.workload, in.spec.block_size, te, "fashion-mnist");
  const train::AccuracyResult r =
      train::measure_accuracy(in.spec, in.workload, d.weights, te, a.threads);
  const double fx = 100 * r.fixed_accuracy(), fl = 100 * r.float_accuracy();
  std::printf("%s, weights %s, on %lld Fashion-MNIST test images, %s (k = %d)\n",
              in.workload.name.c_str(), a.weights.c_str(), static_cast<long long>(r.images),
              a.config.c_str(), in.spec.block_size);
  std::printf("  inputs: pixel/255 quantised to formats.input (%s)\n",
              format_str(in.spec.formats.input).c_str());
  std::printf("  float top-1 (double precision, same weights)  %6.2f%%\n", fl);
  std::printf("  fixed-point top-1 (bit-exact golden model)    %6.2f%%  (%+.2f points)\n", fx,
              fx - fl);
  const double rec = codesign::recorded_test_accuracy(a.weights);
  if (rec >= 0 && a.limit == 0)
    std::printf("  float top-1 recorded by circa train           %6.2f%%\n", 100 * rec);
  std::printf("  same top-1 class fixed vs float: %.2f%% of images; tied top output codes: %lld\n",
              100.0 * r.agree / std::max<int64_t>(r.images, 1), static_cast<long long>(r.ties));
  std::printf(
      "  overflow events: datapath %s (in %lld images); weight/bias/twiddle "
      "quantisation %s\n",
      num::describe(r.datapath).c_str(), static_cast<long long>(r.images_with_overflow),
      num::describe(r.quantisation).c_str());
  std::printf("  %.1f s, %.0f images/s on %d threads\n", r.seconds, r.images / r.seconds,
              a.threads);
  if (a.out.empty()) return 0;
  write_accuracy_outputs(a.out, in.spec, in.workload, d.weights, te, a.threads);
  std::printf("  outputs: %s/outputs.npy (codes, one row per image), outputs_real.npy, "
              "predicted.npy, labels.npy\n",
              a.out.c_str());
  return 0;
}

}  // namespace

void register_accuracy_command(CLI::App& app, CommandTable& t) {
  auto a = std::make_shared<AccuracyArgs>();
  auto* c = app.add_subcommand(
      "accuracy", "Top-1 accuracy of trained weights on the bit-exact golden model and in float");
  c->add_option("--config", a->config, "accelerator YAML (formats, block_size)")
      ->required()
      ->check(CLI::ExistingFile);
  c->add_option("--workload", a->workload, "workload YAML")->required()->check(CLI::ExistingFile);
  c->add_option("--weights", a->weights, "folder written by circa train (sim/sysc/README.md)")
      ->required();
  c->add_option("--dataset", a->dataset, "fashion-mnist")->required();
  c->add_option("--data-dir", a->data_dir,
                "folder of the IDX files (default $CIRCA_FASHION_MNIST_DIR or "
                "/usr/share/datasets/fashion-mnist)");
  c->add_option("--threads", a->threads, "threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  c->add_option("--limit", a->limit, "only the first N test images (0: all 10,000)")
      ->check(CLI::NonNegativeNumber);
  c->add_option("-p,--param", a->params, "override an accelerator parameter: key.path=value");
  c->add_option("--out", a->out,
                "folder for the fixed-point outputs of every image (outputs.npy, "
                "outputs_real.npy), predicted.npy and labels.npy");
  t.add(c, [a] { return run_accuracy(*a); });
}

}  // namespace circa::cli
