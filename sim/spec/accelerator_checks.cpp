// Cross-checks between accelerator parameters that are each valid alone but not together.
// Each error points at the value the user gave (or at the file when the default is at fault).
#include <string>

#include "spec/config_loader.hpp"

namespace circa {
namespace {

class Checker {
 public:
  Checker(const Provenance& where, const std::string& file) : where_(where), file_(file) {}

  void require(bool ok, const std::string& path, const std::string& problem) const {
    if (ok) return;
    const auto it = where_.find(path);
    const SourceLocation at = it != where_.end() ? it->second : SourceLocation{file_, 0, 0};
    throw ConfigError(at, path, problem);
  }

 private:
  const Provenance& where_;
  const std::string& file_;
};

std::string num(long long v) {
  return std::to_string(v);
}

void check_fft(const AcceleratorSpec& s, const Checker& c) {
  const int k = s.block_size, spc = s.fft.samples_per_cycle;
  c.require(spc <= k, "fft.samples_per_cycle",
            "value " + num(spc) + " exceeds block_size " + num(k) + "; use at most " + num(k));
  c.require(s.fft.style != FftStyle::unrolled || spc == k, "fft.samples_per_cycle",
            "an unrolled FFT takes a whole block per cycle: set it to block_size (" + num(k) +
                ") or choose fft.style: pipelined");
  c.require(s.fft.style != FftStyle::iterative || spc >= 2, "fft.samples_per_cycle",
            "an iterative FFT needs at least one butterfly (2 samples per cycle)");
}

void check_formats(const AcceleratorSpec& s, const Checker& c) {
  const DatapathFormats& f = s.formats;
  c.require(f.twiddle.frac <= f.twiddle.bits - 2, "formats.twiddle.frac",
            "value " + num(f.twiddle.frac) +
                " leaves no room for +1.0; use at most bits-2 = " + num(f.twiddle.bits - 2));
  c.require(f.product.frac <= f.fft.frac + f.weight.frac, "formats.product.frac",
            "value " + num(f.product.frac) + " exceeds the " + num(f.fft.frac + f.weight.frac) +
                " fractional bits an fft x weight product has");
  c.require(f.accumulator.frac == f.product.frac, "formats.accumulator.frac",
            "value " + num(f.accumulator.frac) + " must equal formats.product.frac (" +
                num(f.product.frac) + ") so products add without rounding");
  c.require(f.accumulator.bits >= f.product.bits, "formats.accumulator.bits",
            "value " + num(f.accumulator.bits) + " is narrower than formats.product.bits (" +
                num(f.product.bits) + "); the accumulator must hold any product");
  // The golden model computes in 64-bit integers: full products and aligned sums must fit.
  c.require(f.fft.bits + f.twiddle.bits <= 61, "formats.fft.bits",
            "fft.bits + twiddle.bits = " + num(f.fft.bits + f.twiddle.bits) +
                " exceeds 61; narrow one of them");
  c.require(f.ifft.bits + f.twiddle.bits <= 61, "formats.ifft.bits",
            "ifft.bits + twiddle.bits = " + num(f.ifft.bits + f.twiddle.bits) +
                " exceeds 61; narrow one of them");
  c.require(f.fft.bits + f.weight.bits <= 62, "formats.weight.bits",
            "fft.bits + weight.bits = " + num(f.fft.bits + f.weight.bits) + " exceeds 62");
  struct Step {
    const FixedFormat& from;
    const FixedFormat& to;
    const char* path;
  };
  const Step steps[] = {{f.input, f.fft, "formats.fft.frac"},
                        {f.accumulator, f.ifft, "formats.ifft.frac"},
                        {f.ifft, f.output, "formats.output.frac"},
                        {f.output, f.input, "formats.input.frac"}};
  for (const auto& st : steps)
    c.require(st.from.bits + std::max(0, st.to.frac - st.from.frac) <= 62, st.path,
              "aligning " + describe(st.from) + " to " + describe(st.to) +
                  " needs more than 62 bits; bring the fractional bits closer");
}

void check_memory(const SramSpec& m, const BufferSpec& b, const AcceleratorSpec& s,
                  const Checker& c) {
  c.require(m.word_bits % 8 == 0, "weight_sram.word_bits",
            "value " + num(m.word_bits) + " is not a multiple of 8");
  c.require(m.word_bits >= 2 * s.formats.weight.bits, "weight_sram.word_bits",
            "value " + num(m.word_bits) + " cannot hold one complex weight of 2 x " +
                num(s.formats.weight.bits) + " bits");
  c.require(m.read_write_ports >= 1 || (m.read_ports >= 1 && m.write_ports >= 1),
            "weight_sram.read_write_ports",
            "a bank needs a read/write port, or a read and a write port");
  // CACTI's minimum: 16 subarray rows over at least 2 subarrays, so 32 words per bank.
  const long long words = static_cast<long long>(m.capacity_kib) * 8192 / m.banks / m.word_bits;
  c.require(words >= 32, "weight_sram.capacity_kib",
            "only " + num(words) +
                " words per bank; an SRAM bank needs at least 32 (raise capacity or lower "
                "banks/word_bits)");
  c.require(b.word_bits % 8 == 0, "activation_buffer.word_bits",
            "value " + num(b.word_bits) + " is not a multiple of 8");
  c.require(b.word_bits >= s.formats.input.bits, "activation_buffer.word_bits",
            "value " + num(b.word_bits) + " is narrower than one activation (" +
                num(s.formats.input.bits) + " bits)");
  const long long bwords = static_cast<long long>(b.capacity_kib) * 8192 / b.banks / b.word_bits;
  c.require(bwords >= 32, "activation_buffer.capacity_kib",
            "only " + num(bwords) + " words per bank; a buffer bank needs at least 32");
}

}  // namespace

void cross_check(const AcceleratorSpec& s, const Provenance& where, const std::string& file) {
  const Checker c(where, file);
  check_fft(s, c);
  check_formats(s, c);
  check_memory(s.weight_sram, s.activation_buffer, s, c);
  c.require(s.technology.temperature_k % 10 == 0, "technology.temperature_k",
            "value " + num(s.technology.temperature_k) + " is not a multiple of 10 (CACTI's grid)");
}

}  // namespace circa
