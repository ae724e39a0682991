#include "arch/unit_inventory.hpp"

#include <algorithm>
#include <cmath>

#include "arch/layer_program.hpp"
#include "arch/memory_map.hpp"
#include "arch/microarch.hpp"

namespace circa::arch {
namespace {

double mult_bits(int a, int b) {
  return std::sqrt(double(a) * b);
}

/// Hardware butterflies of one FFT unit, by style (SCHEDULE.md / fft_timing).
int butterflies_in_hardware(const AcceleratorSpec& s) {
  const int k = s.block_size, stages = log2_exact(k);
  const int per_stage = std::max(1, std::min(s.fft.samples_per_cycle, k) / 2);
  switch (s.fft.style) {
    case FftStyle::unrolled:
      return (k / 2) * stages;
    case FftStyle::pipelined:
      return per_stage * stages;
    case FftStyle::iterative:
      return per_stage;
  }
  return 0;
}

/// Butterflies of an unrolled FFT whose twiddle is 1 or -j: their multiply is wiring.
int trivial_butterflies(int k) {
  int n = 0;
  for (int m = 2; m <= k; m *= 2)
    for (int j = 0; j < m / 2; ++j) {
      const int e = j * (k / m);
      if (e == 0 || 4 * e == k) n += k / m;  // the same j repeats in each of the k/m groups
    }
  return n;
}

Ops fft_ops(const AcceleratorSpec& s, const FixedFormat& data) {
  const int k = s.block_size;
  Ops u;
  // Runtime twiddles need general multipliers; an unrolled FFT's are constants, and the ones
  // equal to 1 or -j cost no multiplier at all.
  const int trivial = s.fft.style == FftStyle::unrolled ? trivial_butterflies(k) : 0;
  for (auto op : butterfly_ops(data, s.formats.twiddle)) {
    op.count *= butterflies_in_hardware(s) - (op.op == Op::int_mult ? trivial : 0);
    u.push_back(op);
  }
  // Pipeline registers: two complex outputs per butterfly per register stage.
  u.push_back(
      {Op::reg, 1, 4.0 * data.bits * butterflies_in_hardware(s) * (s.fft.stage_latency - 1)});
  // Block storage: delay-feedback lines (pipelined) or the working memory (iterative) hold k
  // complex words; an unrolled FFT keeps data only in its pipeline registers.
  if (s.fft.style != FftStyle::unrolled) u.push_back({Op::reg, 1, 2.0 * data.bits * k});
  return u;
}

}  // namespace

const char* to_string(Op op) {
  switch (op) {
    case Op::int_add:
      return "int_add";
    case Op::int_mult:
      return "int_mult";
    case Op::reg:
      return "register";
    case Op::mux2:
      return "mux2";
    case Op::clock_pin:
      return "clock_pin";
    case Op::wire:
      return "wire";
    case Op::dram_access:
      return "dram_access";
  }
  return "?";
}

Ops times(Ops ops, double n) {
  for (auto& o : ops) o.count *= n;
  return ops;
}

Ops butterfly_ops(const FixedFormat& data, const FixedFormat& tw) {
  const double sum_bits = data.bits + tw.frac + 1;
  return {{Op::int_mult, mult_bits(data.bits, tw.bits), 4},  // b x w
          {Op::int_add, sum_bits, 2},                        // the product's re/im sums
          {Op::int_add, sum_bits, 4},                        // a + t, a - t
          {Op::reg, 1, 4.0 * data.bits}};                    // two complex outputs
}

Ops complex_mac_ops(const DatapathFormats& f) {
  return {{Op::int_mult, mult_bits(f.fft.bits, f.weight.bits), 4},
          {Op::int_add, double(f.fft.bits + f.weight.bits), 2},
          {Op::int_add, double(f.accumulator.bits), 2},
          {Op::reg, 1, 2.0 * f.product.bits + 2.0 * f.accumulator.bits}};
}

Ops peripheral_ops(const DatapathFormats& f) {
  return {{Op::int_add, double(f.output.bits), 1},  // bias
          {Op::mux2, 1, double(f.output.bits)},     // activation / saturation select
          {Op::reg, 1, double(f.output.bits)}};
}

Ops lstm_cell_ops(const DatapathFormats& f) {
  // As gen/lstm_cell.cpp builds one hidden unit, counted as peripheral_ops counts: the two-operand
  // arithmetic (three products f*c, i*tanh(g), o*tanh(c); the cell sum), one mux bit per result
  // bit for each clamp (three hard sigmoids, two hard tanh) and each fit (three products, the
  // sum, h to formats.input); rounding increments and compares with constants fold into them.
  const double o = f.output.bits;
  return {{Op::int_mult, o, 3},
          {Op::int_add, o + 1, 1},
          {Op::mux2, 1, 10 * o},
          {Op::reg, 1, 5 * o + f.input.bits}};  // f*c, i*g, sig(o) (stage 1); c, h, h_next
}

Ops twiddle_read_ops(const AcceleratorSpec& s) {
  const double depth = std::max(1, log2_exact(s.block_size) - 1);
  return {{Op::mux2, 2.0 * s.formats.twiddle.bits * depth, 1}};
}

FixedFormat fft_datapath(const AcceleratorSpec& s, bool inverse) {
  const FixedFormat& own = inverse ? s.formats.ifft : s.formats.fft;
  if (!s.fft.shared_ifft) return own;
  return s.formats.ifft.bits > s.formats.fft.bits ? s.formats.ifft : s.formats.fft;
}

Ops fft_unit_ops(const AcceleratorSpec& s) {
  // A shared unit also runs the IFFT, so its datapath is as wide as the wider of the two.
  return fft_ops(s, fft_datapath(s, false));
}

Ops ifft_unit_ops(const AcceleratorSpec& s) {
  return fft_ops(s, s.formats.ifft);
}

Ops twiddle_rom_ops(const AcceleratorSpec& s) {
  // A ROM read is a mux tree over k/2 complex words.
  return {{Op::mux2, 1, double(s.block_size / 2) * 2 * s.formats.twiddle.bits}};
}

Ops mac_array_ops(const AcceleratorSpec& s) {
  return times(complex_mac_ops(s.formats), s.mac.lanes);
}

Ops mac_lane_ops(const AcceleratorSpec& s) {
  Ops ops = complex_mac_ops(s.formats);
  ops.push_back({Op::reg, 1, 2.0 * s.formats.accumulator.bits * memory_map(s).accumulators.depth});
  return ops;
}

Ops accumulator_ops(const AcceleratorSpec& s) {
  const MacTiming mac = mac_timing(s, s.block_size);
  return {{Op::reg, 1,
           2.0 * s.formats.accumulator.bits * mac.slots * mac.parallel_blocks *
               s.mac.accumulator_banks}};
}

Ops peripheral_unit_ops(const AcceleratorSpec& s) {
  return times(peripheral_ops(s.formats), std::min(s.fft.samples_per_cycle, s.block_size));
}

Ops lstm_cell_unit_ops(const AcceleratorSpec& s) {
  return times(lstm_cell_ops(s.formats), std::min(s.fft.samples_per_cycle, s.block_size));
}

Ops weight_stream_fifo_ops(const AcceleratorSpec& s) {
  // The memory map's rows (mac.lanes weight words each): enough issues to hide the off-chip
  // latency, so a streamed issue's rows are all in before it starts (SCHEDULE.md).
  const MacTiming mac = mac_timing(s, s.block_size);
  const double rows = static_cast<double>(weight_stream_fifo_depth(s));
  return {{Op::reg, 1, rows * s.mac.lanes * mac.weight_bits}};
}


Ops controller_ops(const AcceleratorSpec& s) {
  // Eight 16-bit loop counters (layer, product, group, block, beat, ...) + FSM, and the layer
  // program: max_layers descriptors (control, p, q, in_features, weight base, bias base, conv
  // geometry) in registers, read through a max_layers-to-1 mux per bit (gen/top_program.cpp).
  // The conv gather (gen/top_gather.cpp, recompute): tap, channel-block and pixel counters for
  // reading and writing, two coordinates padded by up to 15 (cw bits) with their range checks,
  // the window's block address (below), and the output row base.
  const DescriptorBits d = descriptor_bits(s);
  const double bits = d.total();
  const double layers = s.controller.max_layers;
  const double cw = std::max(d.size, 5) + 1, addr = cw + d.size;
  const double out_rows = d.p + bits_to_hold(fft_timing(s, s.block_size).beats - 1);
  Ops ops = {{Op::reg, 1, 8 * 16 + 8 + layers * bits},
             {Op::int_add, 16, 8},
             {Op::mux2, 1, (layers - 1) * bits}};
  if (s.controller.conv_dataflow == ConvDataflow::reuse) {
    // The reuse dataflow (gen/top_reuse.cpp) instead: the MAC's and the output side's pixels,
    // the fill's base, blocks and channel block, the ring's write slot, next row and filled
    // end, the MAC's and the requester's tap walks (u, v, c, fresh), the weight rows' group
    // bases, the pooled row base; the window and fill bounds, the walks' steps and the ring row
    // (cw-bit adders and comparators); W x Cb, a fill's blocks and first block, the ring's
    // slots, two tap indices j and the ring slot (multipliers).
    const double rows = bits_to_hold(memory_map(s).weight_rows.rows - 1), tw = std::max(cw, 8.0);
    ops.push_back({Op::reg, 1,
                   4 * d.size + 2 * cw + 4 * d.q + 2 * cw + 2 * (2 * cw + d.q + 1) + rows +
                       kCfgDataBits + 2 * out_rows + 1});
    ops.push_back({Op::int_add, cw, 26});
    ops.push_back({Op::int_add, static_cast<double>(d.q), 8});
    ops.push_back({Op::int_mult, std::sqrt(d.size * d.q), 1});
    ops.push_back({Op::int_mult, std::sqrt(cw * d.q), 3});
    ops.push_back({Op::int_mult, std::sqrt(tw * d.q), 2});
    ops.push_back({Op::int_mult, std::sqrt(addr * d.q), 1});
    ops.push_back({Op::int_add, out_rows, 3});
  } else {
    // The read address from registers, modulo its ab block bits: g_pix + g_tap - g_off, with
    // g_tap and g_ub stepped by adds, g_pix = oys x g_wcb + oxs x Cb, g_wcb = W x Cb and g_off
    // = pad x (g_wcb + Cb) registered (two adds, the steps' two, g_pix's and g_off's).
    const int beats = fft_timing(s, s.block_size).beats;
    const double ab = bits_to_hold(int64_t{memory_map(s).max_q} * beats) - log2_exact(beats);
    ops.push_back({Op::reg, 1, 2 * kConvSmallBits + d.q + 4 * d.size + 2 * cw + out_rows + 5 * ab});
    ops.push_back({Op::int_add, cw, 8});
    ops.push_back({Op::int_add, ab, 6});
    ops.push_back({Op::int_mult, std::sqrt(d.size * ab), 1});
    ops.push_back({Op::int_mult, std::sqrt(kConvSmallBits * ab), 1});
    ops.push_back({Op::int_mult, std::sqrt(cw * ab), 2});
    ops.push_back({Op::int_add, out_rows, 2});
  }
  if (lstm_cell_fits(s.formats.output)) {
    // The lstm step loop and cell update (gen/top_lstm.cpp): step counter, x_t base, the
    // update's row and read counters and their one-cycle copies, the four gate registers and the
    // c write register (S lanes each), and the h_{t-1}, x_t and gate/cell row address adders.
    const double lanes_bits = static_cast<double>(std::min(s.fft.samples_per_cycle, s.block_size)) *
                              s.formats.output.bits;
    ops.push_back({Op::reg, 1, d.steps + out_rows * 5 + 10 + 5 * lanes_bits});
    ops.push_back({Op::int_add, out_rows, 6});
  }
  return ops;
}

}  // namespace circa::arch
