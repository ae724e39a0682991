#include "eval/memory_costs.hpp"

#include "cost/cacti_adapter.hpp"
#include "cost/sram_model.hpp"

namespace circa::eval {
namespace {

MemoryCost bank_cost(const AcceleratorSpec& s, const SramEstimator& m, const char* origin,
                     const arch::MemoryShape& shape) {
  SramQuery q;
  q.size_bytes = shape.bits() / 8 / shape.banks;
  q.origin = origin;
  q.block_bytes = word_bits_to_bytes(shape.word_bits, q);
  q.banks = 1;
  q.rw_ports = shape.read_write_ports;
  q.rd_ports = shape.read_ports;
  q.wr_ports = shape.write_ports;
  q.tech_nm = s.technology.node_nm;
  q.device = s.technology.device;
  q.temperature_k = s.technology.temperature_k;
  MemoryCost c;
  c.macro = m.estimate(q);
  c.banks = shape.banks;
  c.word_bits = shape.word_bits;
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

MemoryCost memory_cost(const AcceleratorSpec& s, const SramEstimator& m, arch::MemoryId id) {
  return bank_cost(s, m, arch::to_string(id), arch::memory_map(s).at(id));
}

}  // namespace circa::eval
