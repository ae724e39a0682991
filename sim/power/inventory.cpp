#include "power/inventory.hpp"

#include <cmath>

#include "arch/microarch.hpp"

namespace circa::power {
namespace {

double mult_bits(int a, int b) {
  return std::sqrt(double(a) * b);
}

/// Hardware butterflies of one FFT unit, by style (SCHEDULE.md / arch::fft_timing).
int butterflies_in_hardware(const AcceleratorSpec& s) {
  const int k = s.block_size, stages = arch::log2_exact(k);
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

UnitInventory fft_unit(const AcceleratorSpec& s, const std::string& name, const FixedFormat& data) {
  const int k = s.block_size;
  UnitInventory u{name, {}};
  // Runtime twiddles need general multipliers; an unrolled FFT's are constants, and the ones
  // equal to 1 or -j cost no multiplier at all.
  const int trivial = s.fft.style == FftStyle::unrolled ? trivial_butterflies(k) : 0;
  for (auto op : butterfly_ops(data, s.formats.twiddle)) {
    op.count *= butterflies_in_hardware(s) - (op.op == Op::int_mult ? trivial : 0);
    u.ops.push_back(op);
  }
  // Pipeline registers: two complex outputs per butterfly per register stage.
  u.ops.push_back(
      {Op::reg, 1, 4.0 * data.bits * butterflies_in_hardware(s) * (s.fft.stage_latency - 1)});
  // Block storage: delay-feedback lines (pipelined) or the working memory (iterative) hold k
  // complex words; an unrolled FFT keeps data only in its pipeline registers.
  if (s.fft.style != FftStyle::unrolled) u.ops.push_back({Op::reg, 1, 2.0 * data.bits * k});
  return u;
}

}  // namespace

std::vector<OpCount> butterfly_ops(const FixedFormat& data, const FixedFormat& tw) {
  const double sum_bits = data.bits + tw.frac + 1;
  return {{Op::int_mult, mult_bits(data.bits, tw.bits), 4},  // b x w
          {Op::int_add, sum_bits, 2},                        // the product's re/im sums
          {Op::int_add, sum_bits, 4},                        // a + t, a - t
          {Op::reg, 1, 4.0 * data.bits}};                    // two complex outputs
}

std::vector<OpCount> complex_mac_ops(const DatapathFormats& f) {
  return {{Op::int_mult, mult_bits(f.fft.bits, f.weight.bits), 4},
          {Op::int_add, double(f.fft.bits + f.weight.bits), 2},
          {Op::int_add, double(f.accumulator.bits), 2},
          {Op::reg, 1, 2.0 * f.product.bits + 2.0 * f.accumulator.bits}};
}

std::vector<OpCount> peripheral_ops(const DatapathFormats& f) {
  return {{Op::int_add, double(f.output.bits), 1},  // bias
          {Op::mux2, 1, double(f.output.bits)},     // activation / saturation select
          {Op::reg, 1, double(f.output.bits)}};
}

std::vector<UnitInventory> datapath_inventory(const AcceleratorSpec& s) {
  const int k = s.block_size;
  const arch::MacTiming mac = arch::mac_timing(s, k);
  std::vector<UnitInventory> units;
  // A shared unit also runs the IFFT, so its datapath is as wide as the wider of the two.
  FixedFormat fft_path = s.formats.fft;
  if (s.fft.shared_ifft && s.formats.ifft.bits > fft_path.bits) fft_path = s.formats.ifft;
  units.push_back(fft_unit(s, "fft", fft_path));
  if (!s.fft.shared_ifft) units.push_back(fft_unit(s, "ifft", s.formats.ifft));
  if (s.fft.style != FftStyle::unrolled)  // a ROM read is a mux tree over k/2 complex words
    units.push_back({"twiddle_rom", {{Op::mux2, 1, double(k / 2) * 2 * s.formats.twiddle.bits}}});
  UnitInventory lanes{"mac_array", {}};
  for (auto op : complex_mac_ops(s.formats)) {
    op.count *= s.mac.lanes;
    lanes.ops.push_back(op);
  }
  units.push_back(lanes);
  units.push_back({"accumulators",
                   {{Op::reg, 1,
                     2.0 * s.formats.accumulator.bits * mac.slots * mac.parallel_blocks *
                         s.mac.accumulator_banks}}});
  UnitInventory periph{"peripheral", {}};
  for (auto op : peripheral_ops(s.formats)) {
    op.count *= std::min(s.fft.samples_per_cycle, k);
    periph.ops.push_back(op);
  }
  units.push_back(periph);
  // Off-chip weight interface: a FIFO of two MAC issues of weight rows (mac.lanes weight words
  // each), so a streamed issue's rows are all in before it starts (SCHEDULE.md).
  units.push_back({"weight_stream_fifo",
                   {{Op::reg, 1, 2.0 * mac.issue_cycles * s.mac.lanes * mac.weight_bits}}});
  // Controller: eight 16-bit loop counters (layer, product, group, block, beat, ...) + FSM.
  units.push_back({"controller", {{Op::reg, 1, 8 * 16 + 8}, {Op::int_add, 16, 8}}});
  return units;
}

Cost price(const std::vector<OpCount>& ops, int node_nm, const LogicModel& m) {
  Cost total;
  for (const auto& o : ops) {
    const Cost c = m.op(o.op, o.bits, node_nm);
    total.energy_pj += c.energy_pj * o.count;
    total.area_um2 += c.area_um2 * o.count;
  }
  total.source = "sim/power/tables/logic_45nm.csv (Horowitz ISSCC 2014; NanGate 45 nm) scaled by " +
                 m.scaling_source(node_nm);
  return total;
}

}  // namespace circa::power
