#include "gen/generator.hpp"

#include <algorithm>

#include "arch/memory_map.hpp"
#include "arch/microarch.hpp"
#include "common/error.hpp"
#include "gen/top.hpp"

namespace circa::gen {
namespace {

/// The FFT and IFFT units. Their register depth must be the latency arch::fft_timing promises,
/// since the schedule (and the SystemC model) is built on it.
void add_fft_units(Design& d, const AcceleratorSpec& s, const GenOptions& o) {
  const int k = s.block_size;
  const arch::FftTiming t = arch::fft_timing(s, k);
  std::string fwd, inv;
  if (s.fft.style == FftStyle::unrolled) {
    fwd = gen_fft_unrolled_forward(d, s, k, o.faults);
    inv = gen_fft_unrolled_inverse(d, s, k, o.faults);
  } else if (s.fft.shared_ifft) {  // pipelined or iterative: one unit, both roles
    fwd = inv = gen_fft_pipelined_shared(d, s, k, o.faults);
  } else {
    fwd = gen_fft_pipelined_forward(d, s, k, o.faults);
    inv = gen_fft_pipelined_inverse(d, s, k, o.faults);
  }
  for (const auto& m : {fwd, inv})
    CIRCA_CHECK(d.module(m).latency == t.latency,
                m + " has " + std::to_string(d.module(m).latency) + " stages, arch says " +
                    std::to_string(t.latency));
  d.units["fft"] = {fwd, d.module(fwd).latency, t.latency, t.ii};
  d.units["ifft"] = {inv, d.module(inv).latency, t.latency, t.ii};
}

/// A memory's manifest entry: its map shape, the primitive it is built from (a 1rw bank, or a
/// bank with one read and one write port) and its read latency in cycles.
MemoryInfo memory_entry(const arch::MemoryShape& m, const std::string& module, int read_latency,
                        std::string image) {
  return {module,  m.depth,      m.word_bits,     m.single_port() ? 1 : 2,
          m.banks, read_latency, std::move(image)};
}

/// The top and the manifest entries of the memories it adds besides the weight SRAM.
void add_top(Design& d, const AcceleratorSpec& s, const GenOptions& o) {
  gen_top(d, s, d.units.at("fft").module, d.units.at("ifft").module, o.network, o.faults);
  const arch::MemoryMap map = arch::memory_map(s);
  d.memories["input_buffer"] = memory_entry(map.input_buffer, "circa_sram_1rw", 1, "");
  d.memories["spectrum_buffer"] = memory_entry(map.spectrum_buffer, "circa_sram_1r1w", 1, "");
  d.memories["bias_banks"] =
      memory_entry(map.bias_banks, "circa_sram_1rw", 1, o.network ? "bias_bank<i>.hex" : "");
  d.memories["output_banks"] = memory_entry(map.output_banks, "circa_sram_1r1w", 1, "");
}

}  // namespace

Design generate_design(const AcceleratorSpec& s, const GenOptions& o) {
  Design d;
  const int k = s.block_size;
  const DatapathFormats& f = s.formats;
  const int fwd_shift = s.fft.scaling == FftScaling::forward ? 1 : 0;
  const std::string bf =
      gen_butterfly(d, f.fft, f.twiddle, fwd_shift, s.fft.stage_latency, o.faults.butterfly);
  d.units["butterfly"] = {bf, d.module(bf).latency, s.fft.stage_latency, 1};
  if (k >= 4) {
    const std::string rom = gen_twiddle_rom(d, num::TwiddleRom(k, f.twiddle));
    d.units["twiddle_rom"] = {rom, 0, 0, 1};
  }
  add_fft_units(d, s, o);
  const arch::MemoryMap map = arch::memory_map(s);
  const std::string mac = gen_mac_lane(d, f, static_cast<int>(map.accumulators.depth));
  d.units["mac_lane"] = {mac, d.module(mac).latency, arch::kMacLatency, 1};
  const std::string per = gen_peripheral(d, f, std::min(s.fft.samples_per_cycle, k));
  d.units["peripheral"] = {per, d.module(per).latency, arch::kPeripheralLatency, 1};
  // Verified against num::lstm_cell_unit (tests/rtl); the top's lstm cell update instantiates
  // it when the output format can hold its hard sigmoid and tanh.
  if (arch::lstm_cell_fits(f.output)) {
    const std::string cell = gen_lstm_cell(d, f, std::min(s.fft.samples_per_cycle, k));
    d.units["lstm_cell"] = {cell, d.module(cell).latency, arch::kLstmCellLatency, 1};
  }
  const bool images =
      o.network != nullptr && std::any_of(o.network->program.begin(), o.network->program.end(),
                                          [](const arch::LayerDescriptor& l) { return !l.stream; });
  const std::string ws = gen_weight_sram(d, map.weight_sram, arch::weight_read_latency(s), images);
  d.memories["weight_sram"] =
      memory_entry(map.weight_sram, ws, d.module(ws).latency, images ? "weights_bank<i>.hex" : "");
  if (top_unsupported(s).empty())
    add_top(d, s, o);
  else
    CIRCA_CHECK(!images, "weight images need a top: " + top_unsupported(s));
  return d;
}

HeaderInfo header_for(const AcceleratorSpec& s, const GenOptions& o) {
  return {tool_version(), s.name, config_hash(s),
          o.regenerate.empty() ? "circa gen --config <config> --out <dir>" : o.regenerate};
}

FileSet generate_files(const AcceleratorSpec& s, const GenOptions& o) {
  return render(generate_design(s, o), s, header_for(s, o));
}

}  // namespace circa::gen
