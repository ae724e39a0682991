#include "power/price.hpp"

#include <cstring>
#include <unordered_map>
#include <vector>

#include "common/fnv1a.hpp"

namespace circa::power {
namespace {

Cost price_ops(const arch::Ops& ops, int node_nm, const LogicModel& m) {
  Cost total;
  for (const auto& o : ops) {
    const Cost c = m.op(o.op, o.bits, node_nm);
    total.energy_pj += c.energy_pj * o.count;
    total.area_um2 += c.area_um2 * o.count;
  }
  total.source =
      std::string(
          "sim/power/tables/logic_45nm.csv (Horowitz ISSCC 2014; NanGate 45 nm) scaled by ") +
      m.scaling_source(node_nm);
  return total;
}

/// FNV-1a over the key's 64-bit words (a word at a time: it only spreads a hash table's keys).
struct KeyHash {
  std::size_t operator()(const std::vector<double>& key) const {
    std::uint64_t h = kFnv1aOffset;
    for (double d : key) {
      std::uint64_t u;
      std::memcpy(&u, &d, sizeof u);
      h = (h ^ u) * kFnv1aPrime;
    }
    return static_cast<std::size_t>(h ^ (h >> 32));
  }
};

}  // namespace

Cost price(const arch::Ops& ops, int node_nm, const LogicModel& m) {
  // The built-in tables never change, so a sweep prices each operator list once per thread
  // (most points share their units' inventories); another model is priced every time.
  if (&m != &LogicModel::builtin()) return price_ops(ops, node_nm, m);
  thread_local std::vector<double> key;
  thread_local std::unordered_map<std::vector<double>, Cost, KeyHash> cache;
  key.clear();
  key.push_back(node_nm);
  for (const auto& o : ops) key.insert(key.end(), {static_cast<double>(o.op), o.bits, o.count});
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  return cache.emplace(key, price_ops(ops, node_nm, m)).first->second;
}

}  // namespace circa::power
