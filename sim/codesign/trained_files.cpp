#include "codesign/trained_files.hpp"

#include <filesystem>
#include <fstream>

#include "common/error.hpp"
#include "sysc/npy.hpp"

namespace circa::codesign {

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

double recorded_test_accuracy(const std::string& dir) {
  std::ifstream in(std::filesystem::path(dir) / kTrainJson);
  if (!in) return -1;
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  return j.is_object() && j.contains("test_accuracy") && j["test_accuracy"].is_number()
             ? j["test_accuracy"].get<double>()
             : -1;
}

}  // namespace circa::codesign
