#include "cli/train_output.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "common/error.hpp"
#include "sysc/npy.hpp"

namespace circa::cli {
void TrainProgress::operator()(const train::Progress& p) {
  const int64_t done = static_cast<int64_t>(p.epoch - 1) * p.total + p.done;
  if (!bar_)
    bar_ = std::make_unique<Progress>(sink_, static_cast<int64_t>(p.epochs) * p.total, "training",
                                      "images", false);
  bar_->update(done, fmt::format("epoch {}/{}, loss {:.4f}, acc {:.2f}%", p.epoch, p.epochs,
                                 p.loss, 100 * p.accuracy));
  if (p.test_accuracy < 0) return;
  bar_->note(results_,
             fmt::format("epoch {}/{}  loss {:.4f}  train {:.2f}%  test {:.2f}% (float)  {} "
                         "elapsed\n",
                         p.epoch, p.epochs, p.loss, 100 * p.accuracy, 100 * p.test_accuracy,
                         format_duration(p.seconds)));
}

void TrainProgress::finish() {
  if (bar_) bar_->finish();
}

void write_trained(const std::string& dir, const train::Network& net, int accelerator_k,
                   nlohmann::json info, const train::TrainResult& r) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw ConfigError("--out " + dir + ": cannot be created (" + ec.message() + ")");
  const std::filesystem::path d(dir);
  nlohmann::json layers = nlohmann::json::array();
  for (size_t i = 0; i < net.layer_count(); ++i) {
    const Layer& l = net.layer(i).layer();
    const std::string base = (d / l.name).string();
    nlohmann::json lj = {{"name", l.name}};
    std::vector<double> bias;
    if (net.dense()) {
      const double* p = net.layer_params(i);
      const size_t n = size_t(l.out_features) * l.in_features;
      sysc::write_npy(base + ".dense.npy", {l.out_features, l.in_features}, {p, p + n});
      if (l.bias) bias.assign(p + n, p + n + l.out_features);
      lj["shape"] = {l.out_features, l.in_features};
    } else {
      const num::LayerWeights w = net.layer_weights(i, accelerator_k);
      sysc::write_npy(base + ".weights.npy", {w.w.p, w.w.q, w.w.k}, w.w.w);
      bias = w.bias;
      lj["shape"] = {w.w.p, w.w.q, w.w.k};
      lj["k"] = w.w.k;
    }
    if (l.bias) sysc::write_npy(base + ".bias.npy", {static_cast<int64_t>(bias.size())}, bias);
    lj["parameters"] = net.layer_param_count(i);
    layers.push_back(lj);
  }
  info["layers"] = layers;
  info["train_loss"] = r.train_loss;
  info["train_accuracy"] = r.train_accuracy;
  info["test_accuracy"] = r.test_accuracy;
  info["epoch_test_accuracy"] = r.epoch_test_accuracy;
  info["train_seconds"] = r.seconds;
  info["train_images_per_s"] = r.images_per_s;
  const std::string file = (d / kTrainJson).string();
  std::ofstream out(file);
  out << info.dump(2) << "\n";
  if (!out) throw ConfigError(file + ": cannot be written");
}

}  // namespace circa::cli
