// The accelerator's parameters, declared once: YAML path, type, unit, default, range, meaning.
#include "spec/accelerator_params.hpp"

#include "spec/param_builders.hpp"

namespace circa {
namespace {

using P = Param<AcceleratorSpec>;
using params::Range;

struct StageDefaults {
  const char* name;
  FixedFormat DatapathFormats::*member;
  int bits;
  int frac;
  const char* what;
};

// 16-bit activations as C-LSTM; wider FFT/product/accumulator words keep rounding noise below
// the 16-bit output's (see sim/numerics/NUMBER_FORMATS.md for the analysis).
constexpr StageDefaults kStages[] = {
    {"input", &DatapathFormats::input, 16, 12, "activations entering a layer"},
    {"fft", &DatapathFormats::fft, 18, 14, "FFT butterfly outputs and input spectra"},
    {"twiddle", &DatapathFormats::twiddle, 16, 14, "twiddle ROM words (frac <= bits-2 holds +1)"},
    {"weight", &DatapathFormats::weight, 16, 14, "stored weight spectra"},
    {"product", &DatapathFormats::product, 24, 18, "input spectrum x weight spectrum"},
    {"accumulator", &DatapathFormats::accumulator, 32, 18, "sum over input blocks"},
    {"ifft", &DatapathFormats::ifft, 24, 16, "IFFT butterfly outputs"},
    {"output", &DatapathFormats::output, 16, 12, "layer outputs after bias and activation"},
};

void add_format_params(std::vector<P>& t) {
  for (const auto& st : kStages) {
    const std::string base = std::string("formats.") + st.name + ".";
    const auto member = st.member;
    auto fmt = [member](auto& s) -> auto& {
      return s.formats.*member;
    };
    t.push_back(params::integer<AcceleratorSpec>(
        base + "bits", [fmt](auto& s) -> auto& { return fmt(s).bits; }, "bits", st.bits,
        Range{2, 48}, std::string("word width, sign included: ") + st.what));
    t.push_back(params::integer<AcceleratorSpec>(
        base + "frac", [fmt](auto& s) -> auto& { return fmt(s).frac; }, "bits", st.frac,
        Range{-16, 60}, std::string("fractional bits: ") + st.what));
    t.push_back(params::choice<AcceleratorSpec>(
        base + "rounding", [fmt](auto& s) -> auto& { return fmt(s).rounding; },
        Rounding::nearest_up, std::string("rounding when bits are dropped: ") + st.what));
    t.push_back(params::choice<AcceleratorSpec>(
        base + "overflow", [fmt](auto& s) -> auto& { return fmt(s).overflow; }, Overflow::saturate,
        std::string("out-of-range handling (counted either way): ") + st.what));
  }
}

void add_memory_params(std::vector<P>& t) {
  using namespace params;
  t.push_back(integer<AcceleratorSpec>(
      "weight_sram.capacity_kib", CIRCA_FIELD(weight_sram.capacity_kib), "KiB", 256,
      Range{1, 65536}, "weight-spectrum SRAM capacity, all banks"));
  t.push_back(integer<AcceleratorSpec>("weight_sram.banks", CIRCA_FIELD(weight_sram.banks), "", 4,
                                       Range{1, 64, true}, "independently addressed banks"));
  t.push_back(integer<AcceleratorSpec>("weight_sram.word_bits", CIRCA_FIELD(weight_sram.word_bits),
                                       "bits", 128, Range{8, 4096},
                                       "bits per bank access (multiple of 8, >= 2 x weight bits)"));
  t.push_back(integer<AcceleratorSpec>("weight_sram.read_write_ports",
                                       CIRCA_FIELD(weight_sram.read_write_ports), "", 1,
                                       Range{0, 2}, "read/write ports per bank"));
  t.push_back(integer<AcceleratorSpec>("weight_sram.read_ports",
                                       CIRCA_FIELD(weight_sram.read_ports), "", 0, Range{0, 2},
                                       "exclusive read ports per bank"));
  t.push_back(integer<AcceleratorSpec>("weight_sram.write_ports",
                                       CIRCA_FIELD(weight_sram.write_ports), "", 0, Range{0, 2},
                                       "exclusive write ports per bank"));
  t.push_back(choice<AcceleratorSpec>(
      "weight_sram.layout", CIRCA_FIELD(weight_sram.layout),
      SpectrumLayout::packed_real,
      "per block: k/2+1 complex words, or k reals (bins 0 and k/2 packed)"));
  t.push_back(integer<AcceleratorSpec>(
      "weight_sram.read_latency", CIRCA_FIELD(weight_sram.read_latency), "cycles", 0, Range{0, 16},
      "cycles from a row's read to its data at the MAC; 0: ceil(access / period) of the SRAM "
      "model pricing it"));
  t.push_back(integer<AcceleratorSpec>(
      "activation_buffer.capacity_kib", CIRCA_FIELD(activation_buffer.capacity_kib), "KiB", 64,
      Range{1, 65536}, "activation and input-spectrum buffer, all banks"));
  t.push_back(integer<AcceleratorSpec>("activation_buffer.banks",
                                       CIRCA_FIELD(activation_buffer.banks), "", 2,
                                       Range{1, 64, true}, "buffer banks"));
  t.push_back(integer<AcceleratorSpec>("activation_buffer.word_bits",
                                       CIRCA_FIELD(activation_buffer.word_bits), "bits", 64,
                                       Range{8, 4096}, "bits per buffer access (multiple of 8)"));
  t.push_back(boolean<AcceleratorSpec>(
      "activation_buffer.double_buffered", CIRCA_FIELD(activation_buffer.double_buffered), true,
      "ping-pong halves so a layer's output fills while the next layer reads"));
  t.push_back(real<AcceleratorSpec>(
      "offchip.bandwidth_gb_per_s", CIRCA_FIELD(offchip.bandwidth_gb_per_s), "GB/s", 12.8,
      Range{0.01, 10000}, "off-chip memory bandwidth for weights that do not fit"));
  t.push_back(real<AcceleratorSpec>("offchip.latency_ns", CIRCA_FIELD(offchip.latency_ns), "ns",
                                    100, Range{0, 100000}, "off-chip access latency"));
  t.push_back(integer<AcceleratorSpec>(
      "offchip.burst_bytes", CIRCA_FIELD(offchip.burst_bytes), "bytes", 64, Range{1, 4096},
      "bytes per off-chip burst: a request moves whole bursts over the bus"));
  t.push_back(integer<AcceleratorSpec>(
      "offchip.max_outstanding", CIRCA_FIELD(offchip.max_outstanding), "", 16, Range{1, 4096},
      "requests the off-chip memory accepts before completing one; more wait"));
  t.push_back(integer<AcceleratorSpec>(
      "controller.max_layers", CIRCA_FIELD(controller.max_layers), "", 16, Range{1, 1024},
      "layer descriptors the top's program table holds: the layers one start runs"));
  t.push_back(integer<AcceleratorSpec>(
      "controller.bias_kib", CIRCA_FIELD(controller.bias_kib), "KiB", 32, Range{1, 65536},
      "bias banks: the bias codes of every layer of the network, loaded once"));
  t.push_back(choice<AcceleratorSpec>(
      "controller.conv_dataflow", CIRCA_FIELD(controller.conv_dataflow), ConvDataflow::recompute,
      "conv layers: recompute every window's input spectra per output pixel, or reuse them "
      "from a line buffer of spectra (SCHEDULE.md)"));
}

std::vector<P> build_table() {
  using namespace params;
  std::vector<P> t;
  t.push_back(text<AcceleratorSpec>("name", CIRCA_FIELD(name), "circa-default",
                                    "design point name used in reports"));
  t.push_back(
      integer<AcceleratorSpec>("block_size", CIRCA_FIELD(block_size), "", 64, Range{2, 1024, true},
                               "k: the largest circulant block (FFT size) the hardware handles"));
  t.push_back(real<AcceleratorSpec>("clock_mhz", CIRCA_FIELD(clock_mhz), "MHz", 800, Range{1, 5000},
                                    "clock frequency"));
  t.push_back(choice<AcceleratorSpec>(
      "fft.style", CIRCA_FIELD(fft.style),
      FftStyle::pipelined,
      "FFT architecture: fully unrolled, pipelined delay-feedback, or iterative"));
  t.push_back(integer<AcceleratorSpec>("fft.samples_per_cycle", CIRCA_FIELD(fft.samples_per_cycle),
                                       "samples/cycle", 4, Range{1, 1024, true},
                                       "FFT throughput (unrolled: must equal block_size)"));
  t.push_back(integer<AcceleratorSpec>("fft.stage_latency", CIRCA_FIELD(fft.stage_latency),
                                       "cycles", 1, Range{1, 8},
                                       "pipeline registers per butterfly stage"));
  t.push_back(choice<AcceleratorSpec>(
      "fft.scaling", CIRCA_FIELD(fft.scaling), FftScaling::forward,
      "which transform halves at every stage to apply the 1/k"));
  t.push_back(
      boolean<AcceleratorSpec>("fft.shared_ifft", CIRCA_FIELD(fft.shared_ifft), true,
                               "IFFT on the FFT unit (conj-FFT-conj) rather than a second unit"));
  t.push_back(integer<AcceleratorSpec>("mac.lanes", CIRCA_FIELD(mac.lanes), "", 8,
                                       Range{1, 4096, true}, "complex multiply-accumulate lanes"));
  t.push_back(integer<AcceleratorSpec>("mac.accumulator_banks", CIRCA_FIELD(mac.accumulator_banks),
                                       "", 2, Range{1, 8},
                                       "accumulator banks that hide the adder latency"));
  add_format_params(t);
  add_memory_params(t);
  t.push_back(integer<AcceleratorSpec>("technology.node_nm", CIRCA_FIELD(technology.node_nm), "nm",
                                       45, Range{22, 90},
                                       "technology node (CACTI data covers 22-90 nm)"));
  t.push_back(choice<AcceleratorSpec>(
      "technology.device", CIRCA_FIELD(technology.device),
      DeviceType::itrs_hp, "ITRS device type for SRAM and logic"));
  t.push_back(integer<AcceleratorSpec>(
      "technology.temperature_k", CIRCA_FIELD(technology.temperature_k), "K", 360, Range{300, 400},
      "operating temperature (multiple of 10), sets leakage"));
  t.push_back(choice<AcceleratorSpec>(
      "technology.sram_model", CIRCA_FIELD(technology.sram_model), SramModel::builtin,
      "SRAM figures from the built-in fitted model or a user's CACTI"));
  t.push_back(text<AcceleratorSpec>("technology.cacti_dir", CIRCA_FIELD(technology.cacti_dir), "",
                                    "CACTI 7 build folder for sram_model: cacti (empty: "
                                    "$CIRCA_CACTI_DIR, else where cmake/install-cacti.sh builds)"));
  t.push_back(choice<AcceleratorSpec>(
      "technology.timing", CIRCA_FIELD(technology.timing), TimingPolicy::check,
      "a memory or logic path too slow for clock_mhz: check reports it (notes, "
      "timing_feasible); derate runs at the highest clock every memory reads in its cycles at "
      "(weight_sram.read_latency, else one) and every logic path fits, and says so"));
  return t;
}

}  // namespace

const std::vector<Param<AcceleratorSpec>>& accelerator_params() {
  static const std::vector<P> table = build_table();
  return table;
}

}  // namespace circa
