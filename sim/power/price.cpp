#include "power/price.hpp"

namespace circa::power {

Cost price(const arch::Ops& ops, int node_nm, const LogicModel& m) {
  Cost total;
  for (const auto& o : ops) {
    const Cost c = m.op(o.op, o.bits, node_nm);
    total.energy_pj += c.energy_pj * o.count;
    total.area_um2 += c.area_um2 * o.count;
  }
  total.source = "sim/power/tables/logic_45nm.csv (Horowitz ISSCC 2014; NanGate 45 nm) scaled by " +
                 m.scaling_source(node_nm);
  return total;
}

}  // namespace circa::power
