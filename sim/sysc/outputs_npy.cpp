#include "sysc/outputs_npy.hpp"

#include <filesystem>

#include "common/error.hpp"
#include "numerics/fixed_point.hpp"
#include "sysc/npy.hpp"

namespace circa::sysc {

namespace fs = std::filesystem;

void make_out_dir(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw ConfigError("--out " + dir + ": cannot create the directory: " + ec.message());
}

void write_codes(const std::string& stem, const std::vector<int64_t>& shape,
                 const std::vector<int64_t>& codes, const FixedFormat& f) {
  std::vector<double> reals(codes.size());
  for (size_t i = 0; i < codes.size(); ++i) reals[i] = num::to_double(codes[i], f);
  write_npy_int64(stem + ".npy", shape, codes);
  write_npy(stem + "_real.npy", shape, reals);
}

std::vector<int64_t> output_shape(const Layer& l, int accelerator_k) {
  const LayerGeometry g = geometry(l, accelerator_k);
  std::vector<int64_t> shape = {g.output_elements};
  if (l.kind == LayerKind::lstm) shape = {l.time_steps, l.hidden_size};
  if (l.kind == LayerKind::conv) {
    const bool pooled = l.pool != Pooling::none;
    shape = {l.out_channels, pooled ? g.out_height / 2 : g.out_height,
             pooled ? g.out_width / 2 : g.out_width};
  }
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  CIRCA_CHECK(n == g.output_elements, "layer '" + l.name +
                                          "': output shape disagrees with "
                                          "its geometry's output_elements");
  return shape;
}

void write_outputs(const std::string& dir, const AcceleratorSpec& s, const Workload& w,
                   const SimOutcome& r, bool every_layer) {
  CIRCA_CHECK(r.layer_outputs.size() == w.layers.size(), "outputs of every layer are kept");
  make_out_dir((fs::path(dir) / (every_layer ? "activations" : "")).string());
  const FixedFormat& f = s.formats.output;
  write_codes((fs::path(dir) / "outputs").string(), output_shape(w.layers.back(), s.block_size),
              r.layer_outputs.back(), f);
  if (!every_layer) return;
  for (size_t i = 0; i < w.layers.size(); ++i)
    write_codes((fs::path(dir) / "activations" / w.layers[i].name).string(),
                output_shape(w.layers[i], s.block_size), r.layer_outputs[i], f);
}

}  // namespace circa::sysc
