#include "arch/units.hpp"

#include <cmath>

#include "arch/microarch.hpp"
#include "common/error.hpp"

namespace circa::arch {
namespace {

bool always(const AcceleratorSpec&) {
  return true;
}
bool separate_ifft(const AcceleratorSpec& s) {
  return !s.fft.shared_ifft;
}
bool reuse_dataflow(const AcceleratorSpec& s) {
  return s.controller.conv_dataflow == ConvDataflow::reuse;
}
/// The top builds the lstm cell unit when formats.output holds its hard sigmoid and tanh.
bool has_lstm_cell(const AcceleratorSpec& s) {
  return lstm_cell_fits(s.formats.output);
}
bool runtime_twiddles(const AcceleratorSpec& s) {
  return s.fft.style != FftStyle::unrolled;
}

/// The share of all butterflies that forward transforms run (the rest are inverse).
double forward_share(const Events& e) {
  return e.fft_forward + e.fft_inverse > 0 ? double(e.fft_forward) / (e.fft_forward + e.fft_inverse)
                                           : 0;
}

double words(int64_t items, int item_bits, int word_bits) {
  return std::ceil(double(items) * item_bits / word_bits);
}

Ops forward_butterfly(const AcceleratorSpec& s) {
  return butterfly_ops(s.formats.fft, s.formats.twiddle);
}
/// Butterflies as priced per event: at the width the unit is built (a shared unit's forward
/// transforms toggle its full, wider datapath).
Ops forward_butterfly_built(const AcceleratorSpec& s) {
  return butterfly_ops(fft_datapath(s, false), s.formats.twiddle);
}
Ops inverse_butterfly_built(const AcceleratorSpec& s) {
  return butterfly_ops(fft_datapath(s, true), s.formats.twiddle);
}
Ops complex_mac(const AcceleratorSpec& s) {
  return complex_mac_ops(s.formats);
}
Ops peripheral_output(const AcceleratorSpec& s) {
  return peripheral_ops(s.formats);
}
Ops lstm_cell_sample(const AcceleratorSpec& s) {
  return lstm_cell_ops(s.formats);
}
Ops dram_word(const AcceleratorSpec&) {
  return {{Op::dram_access, 64, 1}};
}

UnitDescriptor logic(UnitId id, const char* name, const char* params,
                     bool (*present)(const AcceleratorSpec&),
                     Ops (*inventory)(const AcceleratorSpec&), std::optional<EventEnergy> energy,
                     std::vector<GeneratedModule> modules = {}) {
  return {id, name, params, Pricing::logic, present, inventory, energy, {}, {}, std::move(modules)};
}

UnitDescriptor memory(UnitId id, const char* name, const char* params, MemoryId mem,
                      std::optional<MemoryAccesses> accesses, Pricing pricing = Pricing::memory,
                      bool (*present)(const AcceleratorSpec&) = always) {
  return {id, name, params, pricing, present, nullptr, {}, mem, accesses, {}};
}

/// Spectrum words written and read by the MACs, in words of the activation buffer's width.
double spectrum_reads(const AcceleratorSpec& s, const Events& e) {
  return words(e.act_spectrum_reads, 2 * s.formats.fft.bits, s.activation_buffer.word_bits);
}
double spectrum_writes(const AcceleratorSpec& s, const Events& e) {
  return words(e.act_spectrum_writes, 2 * s.formats.fft.bits, s.activation_buffer.word_bits);
}

std::vector<UnitDescriptor> make_units() {
  const char* fft_params = "block_size, fft.*, formats.input, formats.fft, formats.twiddle";
  return {
      logic(UnitId::fft, "fft", fft_params, always, fft_unit_ops,
            EventEnergy{always,
                        [](const AcceleratorSpec&, const Events& e) {
                          return e.butterflies * forward_share(e);
                        },
                        forward_butterfly_built},
            {{"butterfly", forward_butterfly, false}, {"fft", fft_unit_ops, true}}),
      // With fft.shared_ifft the inverse transforms run on the fft unit: no ifft hardware, but
      // their energy is still reported under ifft.
      logic(UnitId::ifft, "ifft", "block_size, fft.*, formats.accumulator, formats.ifft",
            separate_ifft, ifft_unit_ops,
            EventEnergy{always,
                        [](const AcceleratorSpec&, const Events& e) {
                          return e.butterflies * (1 - forward_share(e));
                        },
                        inverse_butterfly_built},
            {{"ifft", nullptr, false}}),
      logic(
          UnitId::twiddle_rom, "twiddle_rom", "block_size, fft.style, formats.twiddle",
          runtime_twiddles, twiddle_rom_ops,
          EventEnergy{runtime_twiddles,
                      [](const AcceleratorSpec&, const Events& e) { return double(e.butterflies); },
                      twiddle_read_ops},
          {{"twiddle_rom", nullptr, false}}),
      logic(UnitId::mac_array, "mac_array", "mac.lanes, formats.fft/weight/product/accumulator",
            always, mac_array_ops,
            EventEnergy{
                always,
                [](const AcceleratorSpec&, const Events& e) { return double(e.complex_macs); },
                complex_mac},
            {{"mac_lane", mac_lane_ops, false}}),
      logic(UnitId::accumulators, "accumulators",
            "mac.accumulator_banks, mac.lanes, weight_sram.layout, formats.accumulator", always,
            accumulator_ops, std::nullopt),
      logic(UnitId::peripheral, "peripheral", "fft.samples_per_cycle, formats.ifft/output", always,
            peripheral_unit_ops,
            EventEnergy{
                always,
                [](const AcceleratorSpec&, const Events& e) { return double(e.act_output_writes); },
                peripheral_output},
            {{"peripheral", peripheral_unit_ops, false}}),
      logic(UnitId::lstm_cell, "lstm_cell", "fft.samples_per_cycle, formats.output/input",
            has_lstm_cell, lstm_cell_unit_ops,
            EventEnergy{
                has_lstm_cell,
                [](const AcceleratorSpec&, const Events& e) { return double(e.lstm_cell_samples); },
                lstm_cell_sample},
            {{"lstm_cell", lstm_cell_unit_ops, false}}),
      logic(UnitId::weight_stream_fifo, "weight_stream_fifo",
            "mac.lanes, formats.weight, offchip.*", always, weight_stream_fifo_ops, std::nullopt),
      logic(UnitId::controller, "controller", "(none: fixed counters and FSM)", always,
            controller_ops, std::nullopt),
      memory(UnitId::weight_sram, "weight_sram", "weight_sram.*, technology.*",
             MemoryId::weight_sram,
             MemoryAccesses{
                 [](const AcceleratorSpec&, const Events& e) { return double(e.sram_reads()); },
                 [](const AcceleratorSpec&, const Events&) { return 0.0; }}),
      memory(UnitId::activation_buffer, "activation_buffer",
             "activation_buffer.*, formats.input/fft/output, technology.*",
             MemoryId::activation_buffer,
             // Under reuse the spectra have their own array (spectrum_buffer, below).
             MemoryAccesses{
                 [](const AcceleratorSpec& s, const Events& e) {
                   const int bw = s.activation_buffer.word_bits;
                   return words(e.act_sample_reads, s.formats.input.bits, bw) +
                          words(e.act_pool_reads + e.act_lstm_reads, s.formats.output.bits, bw) +
                          (reuse_dataflow(s) ? 0.0 : spectrum_reads(s, e));
                 },
                 [](const AcceleratorSpec& s, const Events& e) {
                   const int bw = s.activation_buffer.word_bits;
                   return (reuse_dataflow(s) ? 0.0 : spectrum_writes(s, e)) +
                          words(e.act_output_writes + e.act_lstm_writes, s.formats.output.bits, bw);
                 }}),
      // Under recompute the spectra live in the activation SRAM in the cost model (priced there);
      // under reuse the line buffer is an array of its own (memory map: line_buffer).
      memory(UnitId::spectrum_buffer, "spectrum_buffer",
             "controller.conv_dataflow, activation_buffer.*, formats.fft", MemoryId::line_buffer,
             MemoryAccesses{spectrum_reads, spectrum_writes}, Pricing::memory, reuse_dataflow),
      {UnitId::offchip,
       "offchip",
       "offchip.*",
       Pricing::offchip,
       always,
       nullptr,
       EventEnergy{
           always,
           [](const AcceleratorSpec&, const Events& e) { return std::ceil(e.offchip_bytes / 8.0); },
           dram_word},
       std::nullopt,
       std::nullopt,
       {}},
  };
}

}  // namespace

const std::vector<UnitDescriptor>& units() {
  static const std::vector<UnitDescriptor> table = make_units();
  return table;
}

const UnitDescriptor& unit(UnitId id) {
  const auto& all = units();
  if (const size_t i = static_cast<size_t>(id); i < all.size() && all[i].id == id) return all[i];
  for (const auto& u : all)
    if (u.id == id) return u;
  throw InternalError("unit registry has no descriptor for unit " +
                      std::to_string(static_cast<int>(id)));
}

const char* to_string(UnitId id) {
  return unit(id).name;
}

}  // namespace circa::arch
