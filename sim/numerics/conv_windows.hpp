// The windows of a conv layer under the spectrum-reuse dataflow (controller.conv_dataflow:
// reuse, SCHEDULE.md "Conv with spectrum reuse"): which input rows an output row's windows cover,
// which rows a row fill transforms, which input blocks of a product's window lie on the image,
// and where the line buffer keeps a spectrum. Pure layer geometry: the golden model, the SystemC
// model and the analytical model all walk a reuse layer through these functions.
#pragma once

#include <cstdint>
#include <vector>

#include "spec/workload.hpp"

namespace circa::num {

/// An inclusive range of input rows (or columns), empty when last < first.
struct Span {
  int first = 0;
  int last = -1;
  int count() const { return last >= first ? last - first + 1 : 0; }
};

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

}  // namespace circa::num
