// `circa bench train`: training images/s (block-circulant and dense, 1 and 2 threads) and
// fixed-point inference images/s on the golden model, on the first Fashion-MNIST images.
#pragma once

#include <ostream>
#include <string>

namespace circa::train {

struct TrainBenchOptions {
  std::string config;    ///< accelerator YAML (its block_size sets k)
  std::string workload;  ///< fc workload on 28x28 inputs
  std::string data_dir;  ///< Fashion-MNIST IDX files
  int64_t train_images = 6000;
  int64_t test_images = 2000;
};

void run_train_bench(const TrainBenchOptions& o, std::ostream& os);

}  // namespace circa::train
