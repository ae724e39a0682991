#include "data/fashion_mnist.hpp"

#include <cstdlib>
#include <filesystem>

#include "common/error.hpp"
#include "data/idx.hpp"

namespace circa::data {

std::string default_fashion_mnist_dir() {
  const char* env = std::getenv("CIRCA_FASHION_MNIST_DIR");
  return env && *env ? env : "/usr/share/datasets/fashion-mnist";
}

void check_dataset_name(const std::string& name) {
  if (name != "fashion-mnist")
    throw ConfigError("--dataset " + name +
                      ": unknown dataset; the one available is fashion-mnist");
}

ImageSet load_fashion_mnist(const std::string& dir, Split split, int64_t limit) {
  const std::string stem = split == Split::train ? "train" : "t10k";
  const std::filesystem::path d(dir);
  const std::string images_file = (d / (stem + "-images-idx3-ubyte.gz")).string();
  const std::string labels_file = (d / (stem + "-labels-idx1-ubyte.gz")).string();
  IdxArray images = read_idx(images_file, 3, limit);
  IdxArray labels = read_idx(labels_file, 1, limit);
  if (images.shape[0] != labels.shape[0])
    throw ConfigError(labels_file + ": " + std::to_string(labels.shape[0]) + " labels for " +
                      std::to_string(images.shape[0]) + " images in " + images_file);
  for (uint8_t l : labels.values)
    if (l > 9) throw ConfigError(labels_file + ": label " + std::to_string(l) + " outside 0..9");
  ImageSet s;
  s.count = images.shape[0];
  s.rows = static_cast<int>(images.shape[1]);
  s.cols = static_cast<int>(images.shape[2]);
  s.pixels = std::move(images.values);
  s.labels = std::move(labels.values);
  return s;
}

}  // namespace circa::data
