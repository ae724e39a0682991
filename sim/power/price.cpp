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

/// A priced operator list: the node and the operators as given (compared field by field, as
/// doubles: equal lists price equally).
struct Priced {
  int node_nm;
  arch::Ops ops;
  Cost cost;
};

bool same(const Priced& p, const arch::Ops& ops, int node_nm) {
  if (p.node_nm != node_nm || p.ops.size() != ops.size()) return false;
  for (std::size_t i = 0; i < ops.size(); ++i)
    if (p.ops[i].op != ops[i].op || p.ops[i].bits != ops[i].bits || p.ops[i].count != ops[i].count)
      return false;
  return true;
}

/// FNV-1a over the node and the operators' 64-bit words (a word at a time: it only spreads a
/// hash table's keys), read in place: no key is built per call.
std::uint64_t key_hash(const arch::Ops& ops, int node_nm) {
  std::uint64_t h = kFnv1aOffset;
  const auto mix = [&h](double d) {
    std::uint64_t u;
    std::memcpy(&u, &d, sizeof u);
    h = (h ^ u) * kFnv1aPrime;
  };
  mix(node_nm);
  for (const auto& o : ops) {
    mix(static_cast<double>(o.op));
    mix(o.bits);
    mix(o.count);
  }
  return h ^ (h >> 32);
}

}  // namespace

Cost price(const arch::Ops& ops, int node_nm, const LogicModel& m) {
  // The built-in tables never change, so a sweep prices each operator list once per thread
  // (most points share their units' inventories); another model is priced every time.
  if (&m != &LogicModel::builtin()) return price_ops(ops, node_nm, m);
  // Lists by hash; lists that share a hash are told apart by their operators.
  thread_local std::unordered_map<std::uint64_t, std::vector<Priced>> cache;
  std::vector<Priced>& bucket = cache[key_hash(ops, node_nm)];
  for (const Priced& p : bucket)
    if (same(p, ops, node_nm)) return p.cost;
  bucket.push_back({node_nm, ops, price_ops(ops, node_nm, m)});
  return bucket.back().cost;
}

}  // namespace circa::power
