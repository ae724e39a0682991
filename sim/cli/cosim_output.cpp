#include "cli/cosim_output.hpp"

#include <filesystem>

#include "common/error.hpp"
#include "cosim/layer_runs.hpp"
#include "sysc/npy.hpp"
#include "sysc/outputs_npy.hpp"

namespace circa::cli {
namespace {

/// The bench keeps a conv layer's outputs pixel-major (H x W x C); `circa sim` writes C x H x W.
std::vector<int64_t> channel_major(const Layer& l, const std::vector<int64_t>& kept) {
  if (l.kind != LayerKind::conv) return kept;
  const int64_t c = l.out_channels, pixels = static_cast<int64_t>(kept.size()) / c;
  std::vector<int64_t> chw(kept.size());
  for (int64_t px = 0; px < pixels; ++px)
    for (int64_t ch = 0; ch < c; ++ch) chw[ch * pixels + px] = kept[px * c + ch];
  return chw;
}

/// `rows` of equal length, one after the other, with their shape (rows, per-row shape).
std::vector<int64_t> stack(const std::vector<std::vector<int64_t>>& rows,
                           std::vector<int64_t> row_shape, std::vector<int64_t>* shape) {
  int64_t n = 1;
  for (int64_t d : row_shape) n *= d;
  std::vector<int64_t> all;
  for (const auto& r : rows) {
    CIRCA_CHECK(static_cast<int64_t>(r.size()) == n, "cosim kept every output and input");
    all.insert(all.end(), r.begin(), r.end());
  }
  row_shape.insert(row_shape.begin(), static_cast<int64_t>(rows.size()));
  *shape = row_shape;
  return all;
}

}  // namespace

void write_cosim_outputs(const std::string& dir, const AcceleratorSpec& s,
                         const std::vector<Layer>& layers, uint64_t seed,
                         const cosim::CosimResult& r) {
  CIRCA_CHECK(r.ok && !r.outputs.empty() && r.inputs.size() == r.outputs.size(),
              "cosim outputs are written after a passing run");
  sysc::make_out_dir(dir);
  const std::filesystem::path d(dir);
  const Layer& last = layers.back();
  std::vector<std::vector<int64_t>> outputs;
  for (const auto& y : r.outputs) outputs.push_back(channel_major(last, y));
  std::vector<int64_t> shape;
  const std::vector<int64_t> y = stack(outputs, sysc::output_shape(last, s.block_size), &shape);
  sysc::write_codes((d / "outputs").string(), shape, y, s.formats.output);
  const int64_t in_n = geometry(layers.front(), s.block_size).input_elements;
  const std::vector<int64_t> x = stack(r.inputs, {in_n}, &shape);
  sysc::write_npy_int64((d / "inputs.npy").string(), shape, x);
  sysc::write_npy_int64((d / "input.npy").string(), {in_n}, r.inputs.front());
  for (const cosim::LayerRun& run : cosim::layer_runs(s, layers, seed)) {
    const std::string base = (d / run.layer.name).string();
    sysc::write_npy(base + ".weights.npy", {run.w.w.p, run.w.w.q, run.w.w.k}, run.w.w.w);
    if (run.layer.bias)
      sysc::write_npy(base + ".bias.npy", {static_cast<int64_t>(run.w.bias.size())}, run.w.bias);
  }
}

}  // namespace circa::cli
