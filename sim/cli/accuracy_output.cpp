#include "cli/accuracy_output.hpp"

#include <algorithm>
#include <filesystem>

#include "numerics/network_fixed.hpp"
#include "sysc/npy.hpp"
#include "sysc/outputs_npy.hpp"
#include "train/fixed_accuracy.hpp"
#include "train/parallel.hpp"

namespace circa::cli {

void write_accuracy_outputs(const std::string& dir, const AcceleratorSpec& s, const Workload& w,
                            const std::vector<num::LayerWeights>& weights,
                            const data::ImageSet& images, int threads) {
  sysc::make_out_dir(dir);
  std::vector<int64_t> shape = sysc::output_shape(w.layers.back(), s.block_size);
  int64_t per_image = 1;
  for (int64_t d : shape) per_image *= d;
  std::vector<int64_t> codes(static_cast<size_t>(images.count * per_image));
  std::vector<int64_t> predicted(static_cast<size_t>(images.count)), labels(predicted.size());
  std::vector<num::PreparedLayer> prepared;  // once, shared by the threads
  for (size_t li = 0; li < w.layers.size(); ++li)
    prepared.emplace_back(s, w.layers[li], weights[li]);
  train::parallel_for(threads, images.count, [&](int, int64_t b, int64_t e) {
    for (int64_t n = b; n < e; ++n) {
      num::OverflowCounts ovf;  // counted by circa accuracy's own run
      const std::vector<int64_t> y =
          num::run_network_fixed(prepared, train::image_codes(images, n, s.formats.input, ovf));
      std::copy(y.begin(), y.end(), codes.begin() + n * per_image);
      predicted[n] = std::max_element(y.begin(), y.end()) - y.begin();
      labels[n] = images.labels[n];
    }
  });
  const std::filesystem::path d(dir);
  shape.insert(shape.begin(), images.count);
  sysc::write_codes((d / "outputs").string(), shape, codes, s.formats.output);
  sysc::write_npy_int64((d / "predicted.npy").string(), {images.count}, predicted);
  sysc::write_npy_int64((d / "labels.npy").string(), {images.count}, labels);
}

}  // namespace circa::cli
