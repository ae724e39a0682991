// Fashion-MNIST (Xiao et al. 2017): 60,000 training and 10,000 test images of 28x28 grey
// pixels in 10 classes, read from the IDX files of Debian's dataset-fashion-mnist.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace circa::data {

/// Where dataset-fashion-mnist installs its files; CIRCA_FASHION_MNIST_DIR overrides it.
std::string default_fashion_mnist_dir();

/// Images as bytes (0 = background) and their labels 0..9.
struct ImageSet {
  int64_t count = 0;
  int rows = 0;
  int cols = 0;
  std::vector<uint8_t> pixels;  ///< count x rows x cols
  std::vector<uint8_t> labels;  ///< count

  int64_t pixels_per_image() const { return int64_t{rows} * cols; }
  const uint8_t* image(int64_t n) const { return pixels.data() + n * pixels_per_image(); }
};

/// The real value a pixel stands for in training and inference: p / 255, in [0, 1]. The
/// fixed-point model quantises it to formats.input (circa accuracy).
inline double pixel_value(uint8_t p) {
  return p / 255.0;
}

enum class Split { train, test };

/// The split's images and labels from dir (train-* or t10k-*-idx?-ubyte.gz); limit > 0 keeps
/// the first `limit`. ConfigError naming the file when it is missing or damaged, or when the
/// image and label files disagree.
ImageSet load_fashion_mnist(const std::string& dir, Split split, int64_t limit = 0);

/// The name sweep files and `--dataset` use for this dataset.
inline constexpr const char* kFashionMnist = "fashion-mnist";

/// The names `--dataset` accepts, and the check that refuses any other with one line.
void check_dataset_name(const std::string& name);

}  // namespace circa::data
