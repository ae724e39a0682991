// What logic each hardware unit is built of (adders, multipliers, registers, muxes by width),
// counted from the spec the same way the generator builds it, and the operators one event of a
// unit exercises. The unit registry (units.hpp) points at these; power prices them.
#pragma once

#include <boost/container/small_vector.hpp>

#include "arch/logic_ops.hpp"
#include "spec/accelerator_spec.hpp"

namespace circa::arch {

/// A unit's or an event's operators: a dozen at most, held in place (a sweep builds every unit's
/// list on every point; none of them allocates).
using Ops = boost::container::small_vector<OpCount, 16>;

/// Operators one event exercises.
Ops butterfly_ops(const FixedFormat& data, const FixedFormat& twiddle);
Ops complex_mac_ops(const DatapathFormats& f);
Ops peripheral_ops(const DatapathFormats& f);
/// One hidden unit's LSTM cell update (gen/lstm_cell.cpp).
Ops lstm_cell_ops(const DatapathFormats& f);
/// One twiddle read of a runtime ROM: a mux tree over the k/2 complex words.
Ops twiddle_read_ops(const AcceleratorSpec& s);

/// The data format an FFT unit is built at: a shared FFT/IFFT unit is as wide as the wider of
/// formats.fft and formats.ifft in both roles (gen/'s core_width); separate units at their own.
FixedFormat fft_datapath(const AcceleratorSpec& s, bool inverse);

/// Whole-unit inventories (the spec's block size; memories excluded: the SRAM model prices them).
Ops fft_unit_ops(const AcceleratorSpec& s);  ///< the forward (or shared) unit
Ops ifft_unit_ops(const AcceleratorSpec& s);
Ops twiddle_rom_ops(const AcceleratorSpec& s);
Ops mac_array_ops(const AcceleratorSpec& s);
Ops mac_lane_ops(const AcceleratorSpec& s);  ///< one generated lane, with its accumulator words
Ops accumulator_ops(const AcceleratorSpec& s);
Ops peripheral_unit_ops(const AcceleratorSpec& s);
/// The LSTM cell unit, fft.samples_per_cycle hidden units per beat.
Ops lstm_cell_unit_ops(const AcceleratorSpec& s);
Ops weight_stream_fifo_ops(const AcceleratorSpec& s);
Ops controller_ops(const AcceleratorSpec& s);

/// `ops` with every count multiplied by n.
Ops times(Ops ops, double n);

}  // namespace circa::arch
