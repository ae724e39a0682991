// The typed, immutable description of one accelerator design point. Built only by the config
// loader (spec/config_loader.hpp) from YAML plus overrides, then cross-checked; every consumer
// (numerics, SystemC model, analytical model, generator, cost model) reads this and never YAML.
// Parameter names, units, defaults and ranges are declared once, in accelerator_params.cpp; the
// fields here start zeroed on purpose (default_accelerator() gives the declared defaults).
#pragma once

#include <string>

#include "common/enum_names.hpp"
#include "spec/fixed_format.hpp"

namespace circa {

enum class FftStyle {
  unrolled,   ///< all log2(k) stages in space: one block per cycle (C-LSTM, Koios)
  pipelined,  ///< multi-path delay feedback: samples_per_cycle samples enter each cycle
  iterative,  ///< memory-based: samples_per_cycle/2 butterflies reused over all stages
};

/// Where the 1/k of the circular convolution is applied (C-LSTM: before the IFFT).
enum class FftScaling {
  forward,  ///< every forward-FFT stage halves (output = DFT/k); the IFFT does not scale
  inverse,  ///< forward FFT unscaled; every IFFT stage halves
};

/// How one block's weight spectrum is stored in SRAM.
enum class SpectrumLayout {
  half_complex,  ///< k/2+1 complex words (bins 0..k/2), as C-LSTM's code and the Koios RTL
  packed_real,   ///< k/2 complex words: bins 0 and k/2 (both real) share word 0; k reals total
};

/// How a conv layer's input spectra are produced (SCHEDULE.md "Conv with spectrum reuse").
enum class ConvDataflow {
  recompute,  ///< every product transforms every input block of its window (CirCNN's tensor form)
  reuse,  ///< a line buffer of spectra: each input block transformed once, off-image taps skipped
};

enum class DeviceType { itrs_hp, itrs_lstp, itrs_lop };
enum class SramModel { builtin, cacti };
/// What a memory or logic path that cannot run at clock_mhz does: reported (check), or the
/// design runs at the highest clock every memory and logic path meets (derate).
enum class TimingPolicy { check, derate };

struct FftSpec {
  FftStyle style{};
  int samples_per_cycle = 0;  ///< power of two, <= k; unrolled requires k
  int stage_latency = 0;      ///< register stages per butterfly stage, cycles
  FftScaling scaling{};
  bool shared_ifft = false;  ///< IFFT runs on the FFT unit (conj-FFT-conj) instead of its own
};

/// Number format at every stage of the datapath, in dataflow order (README "Number formats").
struct DatapathFormats {
  FixedFormat input;        ///< activations entering a layer (time domain)
  FixedFormat fft;          ///< FFT butterfly outputs at every stage, and the input spectra
  FixedFormat twiddle;      ///< twiddle ROM words
  FixedFormat weight;       ///< stored weight spectra
  FixedFormat product;      ///< complex product of input and weight spectra
  FixedFormat accumulator;  ///< frequency-domain sum over input blocks
  FixedFormat ifft;         ///< IFFT butterfly outputs
  FixedFormat output;       ///< layer outputs after bias, activation and re-quantisation
};

struct MacSpec {
  int lanes = 0;              ///< complex multiply-accumulates per cycle
  int accumulator_banks = 0;  ///< banks that hide the adder latency (C-LSTM uses 2)
};

struct SramSpec {
  int capacity_kib = 0;
  int banks = 0;
  int word_bits = 0;
  int read_write_ports = 0;  ///< per bank
  int read_ports = 0;        ///< exclusive, per bank
  int write_ports = 0;       ///< exclusive, per bank
  SpectrumLayout layout{};
  /// Cycles from a read to its data; 0: derived from the timing (ceil(access / period)).
  int read_latency = 0;
};

struct BufferSpec {
  int capacity_kib = 0;
  int banks = 0;
  int word_bits = 0;
  bool double_buffered = false;
};

struct OffchipSpec {
  double bandwidth_gb_per_s = 0;
  double latency_ns = 0;
  int burst_bytes = 0;      ///< a request moves whole bursts over the bus
  int max_outstanding = 0;  ///< requests accepted before one completes
};

/// The whole-network top's controller: the layer program it holds and the bias it keeps.
struct ControllerSpec {
  int max_layers = 0;  ///< layer descriptors in the program table (layers per start)
  int bias_kib = 0;    ///< bias banks: the bias codes of every layer, loaded once
  ConvDataflow conv_dataflow = ConvDataflow::recompute;
};

struct TechnologySpec {
  int node_nm = 0;
  DeviceType device{};
  int temperature_k = 0;
  SramModel sram_model{};
  std::string cacti_dir;  ///< a user's CACTI 7 folder, for sram_model: cacti
  TimingPolicy timing{};
};

struct AcceleratorSpec {
  std::string name;
  int block_size = 0;  ///< k, the largest circulant block the FFT unit handles
  double clock_mhz = 0;
  FftSpec fft;
  MacSpec mac;
  DatapathFormats formats;
  SramSpec weight_sram;
  BufferSpec activation_buffer;
  OffchipSpec offchip;
  ControllerSpec controller;
  TechnologySpec technology;

  double clock_period_ns() const { return 1000.0 / clock_mhz; }
};

/// Every field equal but `name` and `clock_mhz`: two points of one design at two clocks (or
/// labels), so whatever does not depend on the clock is the same for both (memo keys).
bool same_design_but_clock(const AcceleratorSpec& a, const AcceleratorSpec& b);

const EnumNames<FftStyle>& enum_names(FftStyle);
const EnumNames<FftScaling>& enum_names(FftScaling);
const EnumNames<SpectrumLayout>& enum_names(SpectrumLayout);
const EnumNames<ConvDataflow>& enum_names(ConvDataflow);
const EnumNames<DeviceType>& enum_names(DeviceType);
const EnumNames<SramModel>& enum_names(SramModel);
const EnumNames<TimingPolicy>& enum_names(TimingPolicy);
const char* to_string(FftStyle);
const char* to_string(FftScaling);
const char* to_string(SpectrumLayout);
const char* to_string(ConvDataflow);
const char* to_string(DeviceType);
const char* to_string(SramModel);
const char* to_string(TimingPolicy);

}  // namespace circa
