#include "gen/generator.hpp"

#include "arch/microarch.hpp"
#include "common/error.hpp"

namespace circa::gen {
namespace {

/// The FFT and IFFT units. Their register depth must be the latency arch::fft_timing promises,
/// since the schedule (and the SystemC model) is built on it.
void add_fft_units(Design& d, const AcceleratorSpec& s, const GenOptions& o) {
  const int k = s.block_size;
  const arch::FftTiming t = arch::fft_timing(s, k);
  if (s.fft.style != FftStyle::unrolled) return;  // pipelined/iterative: not generated yet
  const std::string fwd = gen_fft_unrolled_forward(d, s, k, o.faults);
  const std::string inv = gen_fft_unrolled_inverse(d, s, k, o.faults);
  for (const auto& m : {fwd, inv})
    CIRCA_CHECK(d.module(m).latency == t.latency,
                m + " has " + std::to_string(d.module(m).latency) + " stages, arch says " +
                    std::to_string(t.latency));
  d.units["fft"] = {fwd, d.module(fwd).latency, t.latency, t.ii};
  d.units["ifft"] = {inv, d.module(inv).latency, t.latency, t.ii};
}

}  // namespace

int accumulator_depth(const AcceleratorSpec& s) {
  const arch::MacTiming m = arch::mac_timing(s, s.block_size);
  return s.mac.accumulator_banks * m.issue_cycles;
}

Design generate_design(const AcceleratorSpec& s, const GenOptions& o) {
  Design d;
  const int k = s.block_size;
  const DatapathFormats& f = s.formats;
  const int fwd_shift = s.fft.scaling == FftScaling::forward ? 1 : 0;
  const std::string bf = gen_butterfly(d, f.fft, f.twiddle, fwd_shift, s.fft.stage_latency, o.faults.butterfly);
  d.units["butterfly"] = {bf, d.module(bf).latency, s.fft.stage_latency, 1};
  if (k >= 4) {
    const std::string rom = gen_twiddle_rom(d, num::TwiddleRom(k, f.twiddle));
    d.units["twiddle_rom"] = {rom, 0, 0, 1};
  }
  add_fft_units(d, s, o);
  const std::string mac = gen_mac_lane(d, f, accumulator_depth(s));
  d.units["mac_lane"] = {mac, d.module(mac).latency, arch::kMacLatency, 1};
  const std::string per = gen_peripheral(d, f, std::min(s.fft.samples_per_cycle, k));
  d.units["peripheral"] = {per, d.module(per).latency, arch::kPeripheralLatency, 1};
  const std::string ws = gen_weight_sram(d, s.weight_sram, false);
  if (!ws.empty())
    d.memories["weight_sram"] = {ws, weight_sram_depth(s.weight_sram), s.weight_sram.word_bits, 1,
                                 s.weight_sram.banks, ""};
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
