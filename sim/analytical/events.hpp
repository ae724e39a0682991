// Event counts of one run (per layer or per inference) in the shape SCHEDULE.md "Events counted"
// defines. The analytical model computes them in closed form, the SystemC model counts them as
// its units work; the agreement test requires the two to be equal field by field.
#pragma once

#include <cstdint>
#include <vector>

namespace circa::ana {

struct Events {
  int64_t fft_forward = 0;        ///< forward k-point transforms (input blocks)
  int64_t fft_inverse = 0;        ///< inverse transforms (output blocks)
  int64_t butterflies = 0;        ///< radix-2 butterflies over all transforms
  int64_t complex_macs = 0;       ///< p*q*slots per product (4 real mul + 4 real add each)
  int64_t dense_macs = 0;         ///< multiply-accumulates of the equivalent dense layer
  std::vector<int64_t> sram_reads_per_bank;  ///< weight SRAM word reads, by bank
  int64_t sram_read_bits = 0;     ///< reads x word_bits
  std::vector<int64_t> sram_config_writes_per_bank;  ///< resident weights, written once
  int64_t act_sample_reads = 0;   ///< time-domain input samples read (phase A)
  int64_t act_spectrum_writes = 0;  ///< input-spectrum bins written (phase A)
  int64_t act_spectrum_reads = 0;   ///< input-spectrum words read by the MAC array
  int64_t act_output_writes = 0;    ///< layer outputs written (rows per product)
  int64_t offchip_bytes = 0;        ///< weight bytes streamed from off-chip memory

  int64_t real_multiplies() const { return 4 * complex_macs; }
  int64_t real_adds() const { return 4 * complex_macs; }
  int64_t sram_reads() const;

  /// Element-wise sum; per-bank vectors are widened to the longer one.
  Events& operator+=(const Events& o);
  /// Every count multiplied by n (a per-product count to a per-layer one).
  Events scaled(int64_t n) const;
  bool operator==(const Events& o) const;
  bool operator!=(const Events& o) const { return !(*this == o); }
};

}  // namespace circa::ana
