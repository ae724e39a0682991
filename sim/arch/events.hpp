// Event counts of one run (per layer or per inference) in the shape SCHEDULE.md "Events counted"
// defines. The analytical model computes them in closed form, the SystemC model counts them as
// its units work; the agreement test requires the two to be equal field by field. Both models
// share this type, so it lives in arch, below either of them.
#pragma once

#include <cstdint>
#include <vector>

namespace circa::arch {

// The field list, declared once: X(member, json group ("" = top level), json key, meaning).
// The struct, arithmetic, comparison and JSON are all generated from these two lists.
#define CIRCA_EVENT_COUNTS(X)                                                                      \
  X(fft_forward, "", "fft_forward", "forward k-point transforms (input blocks)")                   \
  X(fft_inverse, "", "fft_inverse", "inverse transforms (output blocks)")                          \
  X(butterflies, "", "butterflies", "radix-2 butterflies over all transforms")                     \
  X(complex_macs, "", "complex_macs", "p*q*slots per product (4 real mul + 4 real add each)")      \
  X(dense_macs, "", "dense_equivalent_macs", "multiply-accumulates of the equivalent dense layer") \
  X(sram_read_bits, "weight_sram", "read_bits", "weight SRAM reads x word_bits")                   \
  X(act_sample_reads, "activation_buffer", "sample_reads", "time-domain input samples read")       \
  X(act_spectrum_writes, "activation_buffer", "spectrum_writes", "input-spectrum bins written")    \
  X(act_spectrum_reads, "activation_buffer", "spectrum_reads", "spectrum words read by the MACs")  \
  X(act_output_writes, "activation_buffer", "output_writes", "layer outputs written")              \
  X(act_pool_reads, "activation_buffer", "pool_reads", "outputs read back by 2x2 max pooling")     \
  X(act_lstm_reads, "activation_buffer", "lstm_reads",                                             \
    "gates and cell state read by the lstm update")                                                \
  X(act_lstm_writes, "activation_buffer", "lstm_writes", "h and cell state written by the update") \
  X(lstm_cell_samples, "", "lstm_cell_samples", "hidden units the lstm cell unit updates")         \
  X(offchip_bytes, "", "offchip_bytes", "weight bytes streamed from off-chip memory")

/// Counts kept per weight-SRAM bank: X(member, json group, json key, meaning).
#define CIRCA_EVENT_BANK_COUNTS(X)                                                           \
  X(sram_reads_per_bank, "weight_sram", "reads_per_bank", "weight SRAM word reads, by bank") \
  X(sram_config_writes_per_bank, "weight_sram", "config_writes_per_bank",                    \
    "resident weights, written once at configuration")

struct Events {
#define CIRCA_EVENT_MEMBER(member, group, key, doc) int64_t member = 0;
  CIRCA_EVENT_COUNTS(CIRCA_EVENT_MEMBER)
#undef CIRCA_EVENT_MEMBER
#define CIRCA_EVENT_MEMBER(member, group, key, doc) std::vector<int64_t> member;
  CIRCA_EVENT_BANK_COUNTS(CIRCA_EVENT_MEMBER)
#undef CIRCA_EVENT_MEMBER

  int64_t real_multiplies() const {
    return 4 * complex_macs;
  }
  int64_t real_adds() const {
    return 4 * complex_macs;
  }
  int64_t sram_reads() const;

  /// Element-wise sum; per-bank vectors are widened to the longer one.
  Events& operator+=(const Events& o);
  /// Every count multiplied by n (a per-product count to a per-layer one).
  Events scaled(int64_t n) const;
  /// The same in place.
  Events& scale(int64_t n);
  bool operator==(const Events& o) const;
  bool operator!=(const Events& o) const {
    return !(*this == o);
  }
};

}  // namespace circa::arch
