#include "cli/train_output.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "common/error.hpp"
#include "sysc/npy.hpp"

namespace circa::cli {
namespace {

std::string clock_str(double s) {
  const long t = static_cast<long>(s + 0.5);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%ld:%02ld", t / 60, t % 60);
  return buf;
}

}  // namespace

void ProgressPrinter::operator()(const train::Progress& p) {
  char buf[256];
  const bool end = p.test_accuracy >= 0;
  if (end) {
    std::snprintf(buf, sizeof buf,
                  "epoch %d/%d  loss %.4f  train %.2f%%  test %.2f%% (float)  %s elapsed", p.epoch,
                  p.epochs, p.loss, 100 * p.accuracy, 100 * p.test_accuracy,
                  clock_str(p.seconds).c_str());
    if (terminal_) os_ << "\r\033[K";
    os_ << buf << "\n" << std::flush;
    return;
  }
  if (!terminal_) return;
  const double done = static_cast<double>(p.epoch - 1) * p.total + p.done;
  const double rate = done / std::max(p.seconds, 1e-9);
  const double left = (static_cast<double>(p.epochs) * p.total - done) / rate;
  const int width = 24, fill = static_cast<int>(width * p.done / std::max<int64_t>(p.total, 1));
  std::snprintf(buf, sizeof buf,
                "epoch %d/%d [%s%s] %3d%%  loss %.4f  acc %.2f%%  %.0f img/s  ETA %s", p.epoch,
                p.epochs, std::string(fill, '=').c_str(), std::string(width - fill, ' ').c_str(),
                static_cast<int>(100 * p.done / std::max<int64_t>(p.total, 1)), p.loss,
                100 * p.accuracy, rate, clock_str(left).c_str());
  os_ << "\r\033[K" << buf << std::flush;
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
