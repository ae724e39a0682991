#include "analytical/events.hpp"

#include <algorithm>

namespace circa::ana {
namespace {

void add_into(std::vector<int64_t>& a, const std::vector<int64_t>& b) {
  if (a.size() < b.size()) a.resize(b.size(), 0);
  for (size_t i = 0; i < b.size(); ++i) a[i] += b[i];
}

std::vector<int64_t> times(std::vector<int64_t> v, int64_t n) {
  for (int64_t& x : v) x *= n;
  return v;
}

}  // namespace

int64_t Events::sram_reads() const {
  int64_t n = 0;
  for (int64_t r : sram_reads_per_bank) n += r;
  return n;
}

Events& Events::operator+=(const Events& o) {
  fft_forward += o.fft_forward;
  fft_inverse += o.fft_inverse;
  butterflies += o.butterflies;
  complex_macs += o.complex_macs;
  dense_macs += o.dense_macs;
  add_into(sram_reads_per_bank, o.sram_reads_per_bank);
  sram_read_bits += o.sram_read_bits;
  add_into(sram_config_writes_per_bank, o.sram_config_writes_per_bank);
  act_sample_reads += o.act_sample_reads;
  act_spectrum_writes += o.act_spectrum_writes;
  act_spectrum_reads += o.act_spectrum_reads;
  act_output_writes += o.act_output_writes;
  offchip_bytes += o.offchip_bytes;
  return *this;
}

Events Events::scaled(int64_t n) const {
  Events e = *this;
  e.fft_forward *= n;
  e.fft_inverse *= n;
  e.butterflies *= n;
  e.complex_macs *= n;
  e.dense_macs *= n;
  e.sram_reads_per_bank = times(e.sram_reads_per_bank, n);
  e.sram_read_bits *= n;
  e.sram_config_writes_per_bank = times(e.sram_config_writes_per_bank, n);
  e.act_sample_reads *= n;
  e.act_spectrum_writes *= n;
  e.act_spectrum_reads *= n;
  e.act_output_writes *= n;
  e.offchip_bytes *= n;
  return e;
}

bool Events::operator==(const Events& o) const {
  return fft_forward == o.fft_forward && fft_inverse == o.fft_inverse &&
         butterflies == o.butterflies && complex_macs == o.complex_macs &&
         dense_macs == o.dense_macs && sram_reads_per_bank == o.sram_reads_per_bank &&
         sram_read_bits == o.sram_read_bits &&
         sram_config_writes_per_bank == o.sram_config_writes_per_bank &&
         act_sample_reads == o.act_sample_reads && act_spectrum_writes == o.act_spectrum_writes &&
         act_spectrum_reads == o.act_spectrum_reads && act_output_writes == o.act_output_writes &&
         offchip_bytes == o.offchip_bytes;
}

}  // namespace circa::ana
