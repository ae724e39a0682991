#include "eval/memory_costs.hpp"

#include <array>
#include <map>

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
  c.energy_source = c.macro.read_energy_pj.source;
  c.area_source = c.macro.area_mm2.source;
  c.leakage_source = c.macro.leakage_total_mw.source;
  c.timing_source = c.macro.access_time_ns.source;
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

std::shared_ptr<const MemoryCost> memory_cost(const AcceleratorSpec& s, const arch::MemoryMap& map,
                                              arch::MemoryId id) {
  const arch::MemoryShape& shape = map.at(id);
  if (s.technology.sram_model != SramModel::builtin) {
    // The user's CACTI keeps its own on-disk cache; the adapter is cheap to make.
    return std::make_shared<const MemoryCost>(
        bank_cost(s, *sram_estimator(s), arch::to_string(id), shape));
  }
  // The built-in model is a pure function of the query: a sweep prices each memory shape once
  // per thread, however many points share it (axes such as the clock or the MAC lanes).
  using Key = std::array<int64_t, 10>;
  thread_local std::map<Key, std::shared_ptr<const MemoryCost>> cache;
  const BuiltinSramModel& model = BuiltinSramModel::standard();
  const Key key = {static_cast<int64_t>(id),
                   shape.banks,
                   shape.depth,
                   shape.word_bits,
                   shape.read_write_ports,
                   shape.read_ports,
                   shape.write_ports,
                   s.technology.node_nm,
                   static_cast<int64_t>(s.technology.device),
                   s.technology.temperature_k};
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  return cache
      .emplace(key,
               std::make_shared<const MemoryCost>(bank_cost(s, model, arch::to_string(id), shape)))
      .first->second;
}

UnitMemories unit_memories(const AcceleratorSpec& s, const arch::MemoryMap& map) {
  UnitMemories memories;
  for (const auto& u : arch::units())
    if (u.pricing == arch::Pricing::memory && u.present(s))
      memories[static_cast<size_t>(u.id)] = memory_cost(s, map, *u.memory);
  return memories;
}

}  // namespace circa::eval
