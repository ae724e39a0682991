// The conv dataflows (controller.conv_dataflow, SCHEDULE.md "Conv with spectrum reuse"): whether
// a layer reuses its input spectra, and whether the spec's buffers can run a workload that way.
// The window geometry itself is in numerics/conv_windows.hpp.
#pragma once

#include <cstdint>
#include <vector>

#include "numerics/conv_windows.hpp"
#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::arch {

// The window geometry lives with the golden numerics; the models name it here too.
using num::fill_blocks;
using num::fill_rows;
using num::line_buffer_spectra;
using num::line_slot;
using num::on_image_blocks;
using num::Span;
using num::window_cols;
using num::window_rows;

/// True when the layer runs the reuse dataflow: a conv layer and conv_dataflow: reuse.
bool reuses_spectra(const AcceleratorSpec& s, const Layer& l);

/// ConfigError for a workload the spec's dataflow cannot run: under reuse a conv layer needs
/// padding < kernel (every window then covers the image) and a line buffer of at most
/// memory_map(s).max_q spectra (the spectrum buffer's depth).
void check_conv_dataflow(const AcceleratorSpec& s, const Workload& w);

}  // namespace circa::arch
