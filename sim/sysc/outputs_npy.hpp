// A simulation's outputs as files users load with numpy.load: `circa sim --out DIR` writes the
// network's outputs, and with --dump-activations every layer's; `circa cosim --out` and `circa
// accuracy --out` write theirs with the same two calls.
#pragma once

#include <string>

#include "sysc/simulate.hpp"

namespace circa::sysc {

/// Creates the --out folder; ConfigError naming it when it cannot be created.
void make_out_dir(const std::string& dir);

/// <stem>.npy (int64 codes) and <stem>_real.npy (float64, code * 2^-f.frac), both of `shape`.
void write_codes(const std::string& stem, const std::vector<int64_t>& shape,
                 const std::vector<int64_t>& codes, const FixedFormat& f);

/// The shape of layer l's output array: fc (out_features), conv (out_channels, H, W) after
/// pooling, lstm (time_steps, hidden_size).
std::vector<int64_t> output_shape(const Layer& l, int accelerator_k);

/// Writes dir/outputs.npy (int64 codes of formats.output) and dir/outputs_real.npy (float64,
/// the values the codes stand for) of the last layer; with `every_layer`, also
/// dir/activations/<layer>.npy and <layer>_real.npy for each layer. ConfigError naming the file
/// when one cannot be written.
void write_outputs(const std::string& dir, const AcceleratorSpec& s, const Workload& w,
                   const SimOutcome& r, bool every_layer);

}  // namespace circa::sysc
