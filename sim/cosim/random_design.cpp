#include "cosim/random_design.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace circa::cosim {
namespace {

/// One format: bits, frac = bits - integer bits, a rounding and an overflow mode.
void format(Draw& d, std::vector<std::string>& ov, const std::string& name, int bits, int ibits) {
  ov.push_back(fmt::format("formats.{}.bits={}", name, bits));
  ov.push_back(fmt::format("formats.{}.frac={}", name, bits - ibits));
  ov.push_back("formats." + name +
               ".rounding=" + d.of<std::string>({"truncate", "nearest_up", "nearest_even"}));
  ov.push_back("formats." + name + ".overflow=" + (d.coin(0.8) ? "saturate" : "wrap"));
}

}  // namespace

std::vector<std::string> draw_design(Draw& d, int k) {
  std::vector<std::string> ov{fmt::format("block_size={}", k)};
  std::vector<int> ss{1};
  for (int s = 2; s <= std::min(k, 32); s *= 2) ss.push_back(s);  // S = k > 32 verilates slowly
  std::string style = d.of<std::string>({"pipelined", "iterative", "unrolled"});
  if (style == "unrolled" && k > 32) style = "pipelined";  // a k > 32 unrolled FFT verilates slowly
  const int S = style == "unrolled" ? k : d.of(ss);
  ov.push_back("fft.style=" + style);
  ov.push_back(fmt::format("fft.samples_per_cycle={}", S));
  ov.push_back(fmt::format("fft.stage_latency={}", d.in(1, 3)));
  ov.push_back(std::string("fft.scaling=") + (d.coin() ? "forward" : "inverse"));
  ov.push_back(std::string("fft.shared_ifft=") + (d.coin() ? "true" : "false"));
  std::vector<int> lanes;
  for (int l = 1; l <= std::min(k, 16); l *= 2) lanes.push_back(l);
  ov.push_back(fmt::format("mac.lanes={}", d.of(lanes)));
  ov.push_back(fmt::format("mac.accumulator_banks={}", d.in(1, 3)));
  ov.push_back(fmt::format("weight_sram.banks={}", d.of<int>({1, 2, 4, 8})));
  ov.push_back(fmt::format("weight_sram.word_bits={}", d.of<int>({64, 128, 256})));
  ov.push_back(std::string("weight_sram.layout=") + (d.coin() ? "packed_real" : "half_complex"));
  const int ports = d.in(0, 3);  // 1 rw (most points), 1r + 1w, 2 rw, 1 rw + 1r
  ov.push_back(fmt::format("weight_sram.read_write_ports={}", ports == 1 ? 0 : ports == 2 ? 2 : 1));
  ov.push_back(fmt::format("weight_sram.read_ports={}", ports == 1 || ports == 3 ? 1 : 0));
  ov.push_back(fmt::format("weight_sram.write_ports={}", ports == 1 ? 1 : 0));
  const int in_bits = d.of<int>({8, 10, 12, 16}), in_int = d.in(2, 4);
  format(d, ov, "input", in_bits, in_int);
  format(d, ov, "fft", in_bits + d.in(2, 4), in_int + 2);
  format(d, ov, "twiddle", d.of<int>({10, 12, 14, 16}), 2);
  format(d, ov, "weight", d.of<int>({8, 12, 16}), 2);
  const int prod_bits = d.of<int>({20, 24, 28});
  format(d, ov, "product", prod_bits, 6);
  format(d, ov, "accumulator", prod_bits + d.of<int>({0, 4, 8}), 6 + d.of<int>({0, 4, 8}));
  format(d, ov, "ifft", d.of<int>({18, 24}), 8);
  format(d, ov, "output", d.of<int>({8, 12, 16}), 4);
  return ov;
}

}  // namespace circa::cosim
