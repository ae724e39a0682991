#include "eval/memory_costs.hpp"

#include "cost/cacti_adapter.hpp"
#include "cost/sram_model.hpp"

namespace circa::eval {
namespace {

MemoryCost bank_cost(const AcceleratorSpec& s, const SramEstimator& m, const char* origin,
                     int capacity_kib, int banks, int word_bits, int rw, int rd, int wr) {
  SramQuery q;
  q.size_bytes = int64_t{capacity_kib} * 1024 / banks;
  q.origin = origin;
  q.block_bytes = word_bits_to_bytes(word_bits, q);
  q.banks = 1;
  q.rw_ports = rw;
  q.rd_ports = rd;
  q.wr_ports = wr;
  q.tech_nm = s.technology.node_nm;
  q.device = s.technology.device;
  q.temperature_k = s.technology.temperature_k;
  MemoryCost c;
  c.macro = m.estimate(q);
  c.banks = banks;
  c.word_bits = word_bits;
  return c;
}

}  // namespace

std::unique_ptr<SramEstimator> sram_estimator(const AcceleratorSpec& s) {
  if (s.technology.sram_model == SramModel::builtin)
    return std::make_unique<BuiltinSramModel>(BuiltinSramModel::standard());
  CactiAdapterOptions o;
  o.cacti_dir = s.technology.cacti_dir;
  return std::make_unique<CactiAdapter>(o);
}

MemoryCost weight_sram_cost(const AcceleratorSpec& s, const SramEstimator& m) {
  const SramSpec& w = s.weight_sram;
  return bank_cost(s, m, "weight_sram", w.capacity_kib, w.banks, w.word_bits, w.read_write_ports,
                   w.read_ports, w.write_ports);
}

MemoryCost activation_buffer_cost(const AcceleratorSpec& s, const SramEstimator& m) {
  const BufferSpec& b = s.activation_buffer;
  return bank_cost(s, m, "activation_buffer", b.capacity_kib, b.banks, b.word_bits, 1, 0, 0);
}

}  // namespace circa::eval
