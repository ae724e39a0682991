// `circa train`: trains a workload's fc and conv layers on Fashion-MNIST, block-circulant with
// the block size each layer gets on the accelerator (or fc layers dense with --dense, the
// baseline), and writes the weights `circa sim --weights` and `circa accuracy` read.
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/run_output.hpp"
#include "cli/train_output.hpp"
#include "cli/version.hpp"
#include "common/error.hpp"
#include "data/fashion_mnist.hpp"
#include "numerics/fixed_point.hpp"

namespace circa::cli {
namespace {

struct TrainArgs {
  std::string config, workload, dataset, data_dir, out;
  std::vector<std::string> params;
  train::TrainOptions o;
  bool dense = false;
  bool free_spectra = false;
  int64_t train_limit = 0, test_limit = 0;
};

int run_train(const TrainArgs& a) {
  data::check_dataset_name(a.dataset);
  const RunInputs in = load_run_inputs(a.config, a.workload, a.params);
  const int k = in.spec.block_size;
  train::Network net(in.workload, k, a.dense);  // refuses what it cannot train, before the data
  const std::string dir = a.data_dir.empty() ? data::default_fashion_mnist_dir() : a.data_dir;
  const data::ImageSet tr = data::load_fashion_mnist(dir, data::Split::train, a.train_limit);
  const data::ImageSet te = data::load_fashion_mnist(dir, data::Split::test, a.test_limit);
  train::check_fits(in.workload, k, tr, "fashion-mnist");
  train::TrainOptions o = a.o;
  const FixedFormat& wf = in.spec.formats.weight;
  if (!a.dense && !a.free_spectra) o.spectrum_limit = num::to_double(num::max_code(wf), wf);
  std::cout << "training " << in.workload.name
            << (a.dense ? " (dense)" : " (block-circulant, k per layer:");
  if (!a.dense)
    for (const Layer& l : in.workload.layers) std::cout << " " << l.name << "=" << geometry(l, k).k;
  std::cout << (a.dense ? "" : ")") << " on " << tr.count << " images, testing on " << te.count
            << "; " << net.params().size() << " parameters, " << a.o.threads << " threads\n";
  TrainProgress progress({&std::cerr, isatty(STDERR_FILENO) == 1}, std::cout);
  const train::TrainResult r = train::train_network(net, tr, te, o, std::ref(progress));
  progress.finish();
  nlohmann::json info = {{"tool", std::string("circa ") + kVersion},
                         {"workload", in.workload.name},
                         {"workload_file", a.workload},
                         {"config", a.config},
                         {"overrides", a.params},
                         {"accelerator_block_size", k},
                         {"dataset", a.dataset},
                         {"train_images", tr.count},
                         {"test_images", te.count},
                         {"dense", a.dense},
                         {"epochs", a.o.epochs},
                         {"batch", a.o.batch},
                         {"lr", a.o.lr},
                         {"seed", a.o.seed},
                         {"threads", a.o.threads},
                         {"logit_scale", a.o.logit_scale},
                         {"spectrum_limit", o.spectrum_limit},
                         {"input", "pixel / 255"}};
  write_trained(a.out, net, k, info, r);
  std::printf("float test accuracy %.2f%%; %.0f training images/s; weights and %s in %s\n",
              100 * r.test_accuracy, r.images_per_s, kTrainJson, a.out.c_str());
  return 0;
}

}  // namespace

void register_train_command(CLI::App& app, CommandTable& t) {
  auto a = std::make_shared<TrainArgs>();
  auto* c = app.add_subcommand(
      "train",
      "Train a workload's fc and conv layers as block-circulant layers (or dense) on a dataset");
  c->add_option("--config", a->config, "accelerator YAML (block_size gives each layer's k)")
      ->required()
      ->check(CLI::ExistingFile);
  c->add_option("--workload", a->workload,
                "workload YAML (fc and conv layers, 784 inputs, 10 outputs)")
      ->required()
      ->check(CLI::ExistingFile);
  c->add_option("--dataset", a->dataset, "fashion-mnist")->required();
  c->add_option("--data-dir", a->data_dir,
                "folder of the IDX files (default $CIRCA_FASHION_MNIST_DIR or "
                "/usr/share/datasets/fashion-mnist)");
  c->add_option("--out", a->out, "folder for the weights (.npy) and train.json")->required();
  c->add_option("--epochs", a->o.epochs, "passes over the training set")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  c->add_option("--seed", a->o.seed, "seed of the initial weights and the image order")
      ->capture_default_str();
  c->add_option("--batch", a->o.batch, "minibatch size")
      ->capture_default_str()
      ->check(CLI::Range(1, 65536));
  c->add_option("--lr", a->o.lr, "Adam's initial step size (cosine decay to 0)")
      ->capture_default_str()
      ->check(CLI::Range(1e-7, 1.0));
  c->add_option("--threads", a->o.threads, "threads sharing each minibatch")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  c->add_option("--logit-scale", a->o.logit_scale,
                "softmax reads scale x logits: > 1 keeps logits inside a narrow output format")
      ->capture_default_str()
      ->check(CLI::Range(0.01, 100.0));
  c->add_flag("--free-spectra", a->free_spectra,
              "do not clip the weight spectra to formats.weight's range while training");
  c->add_flag("--dense", a->dense,
              "train the dense baseline (fc layers, same shapes, no circulant blocks)");
  c->add_option("--train-limit", a->train_limit, "use only the first N training images (0: all)")
      ->check(CLI::NonNegativeNumber);
  c->add_option("--test-limit", a->test_limit, "use only the first N test images (0: all)")
      ->check(CLI::NonNegativeNumber);
  c->add_option("-p,--param", a->params, "override an accelerator parameter: key.path=value");
  t.add(c, [a] { return run_train(*a); });
}

}  // namespace circa::cli
