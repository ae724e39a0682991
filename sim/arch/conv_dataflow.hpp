// The conv dataflows (controller.conv_dataflow, SCHEDULE.md "Conv with spectrum reuse"): which
// input rows an output row's windows cover, which rows a row fill transforms, which input blocks
// of a product's window lie on the image, and the line buffer's size. The golden model, the
// SystemC model and the analytical model all walk a reuse layer through these functions.
#pragma once

#include <cstdint>
#include <vector>

#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::arch {

/// An inclusive range of input rows (or columns), empty when last < first.
struct Span {
  int first = 0;
  int last = -1;
  int count() const { return last >= first ? last - first + 1 : 0; }
};

/// True when the layer runs the reuse dataflow: a conv layer and conv_dataflow: reuse.
bool reuses_spectra(const AcceleratorSpec& s, const Layer& l);

/// Input rows of output row oy's windows, clipped to the image.
Span window_rows(const Layer& l, int oy);
/// Input columns of output column ox's windows, clipped to the image.
Span window_cols(const Layer& l, int ox);
/// The rows the fill before output row oy transforms: those of its windows that the windows of
/// row oy-1 did not cover (all of them for oy = 0; none at the bottom when clipping leaves none).
Span fill_rows(const Layer& l, int oy);
/// Input blocks (Cb = ceil(in_channels / k) per pixel) one fill transforms:
/// fill_rows(oy).count() x in_width x Cb.
int64_t fill_blocks(const Layer& l, int k, int oy);
/// Spectra the line buffer holds for the layer: min(kernel, in_height) x in_width x Cb.
int64_t line_buffer_spectra(const Layer& l, int k);

/// The input blocks j (ascending; j = (u*kernel + v)*Cb + c) of output pixel (oy, ox) whose tap
/// (u, v) lies on the image: the product's MAC issues per group under reuse.
void on_image_blocks(const Layer& l, int k, int oy, int ox, std::vector<int>& js);

/// The slot of input pixel (row r, column x), channel block c in the line buffer: rows sit in
/// slot r mod min(kernel, in_height), pixels in row order, Cb blocks per pixel.
int64_t line_slot(const Layer& l, int k, int r, int x, int c);

/// ConfigError for a workload the spec's dataflow cannot run: under reuse a conv layer needs
/// padding < kernel (every window then covers the image) and a line buffer of at most
/// memory_map(s).max_q spectra (the spectrum buffer's depth).
void check_conv_dataflow(const AcceleratorSpec& s, const Workload& w);

}  // namespace circa::arch
