#include "eval/timing.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "common/error.hpp"
#include "power/logic_delay.hpp"

namespace circa::eval {

std::string TimingCheck::limited_by() const {
  if (limiting_logic >= 0) {
    const LogicTiming& l = logic.at(static_cast<size_t>(limiting_logic));
    return fmt::format("{} logic {:.3g} ns", l.name, l.delay_ns);
  }
  if (limiting < 0) return "";
  const MemoryTiming& m = memories.at(static_cast<size_t>(limiting));
  return fmt::format("{} {} {:.3g} ns", m.name, m.access_ns >= m.cycle_ns ? "access" : "cycle",
                     std::max(m.access_ns, m.cycle_ns));
}

std::string TimingCheck::problem() const {
  for (const MemoryTiming& m : memories) {
    if (m.cycle_ns > period_ns)
      return fmt::format(
          "{} cannot run at {:.0f} MHz: its cycle time {:.3g} ns exceeds the {:.3g} ns period; "
          "the highest feasible clock is {:.0f} MHz (set by {})",
          m.name, 1000 / period_ns, m.cycle_ns, period_ns, max_clock_mhz, limited_by());
    if (m.read_latency > 1)
      return fmt::format(
          "{} needs {:.3g} ns to read, {} cycles of the {:.3g} ns period at {:.0f} MHz, and the "
          "SRAM wrappers read in one; the highest feasible clock is {:.0f} MHz (set by {})",
          m.name, m.access_ns, m.read_latency, period_ns, 1000 / period_ns, max_clock_mhz,
          limited_by());
  }
  for (const LogicTiming& l : logic)
    if (l.delay_ns > period_ns)
      return fmt::format(
          "{} cannot run at {:.0f} MHz: its critical path ({}: {}) takes {:.3g} ns, more than the "
          "{:.3g} ns period; the highest feasible clock is {:.0f} MHz (set by {})",
          l.name, 1000 / period_ns, l.path.from_to, arch::describe(l.path), l.delay_ns, period_ns,
          max_clock_mhz, limited_by());
  return "";
}

TimingCheck memory_timing(double clock_mhz, const UnitMemories& memories) {
  TimingCheck t;
  t.period_ns = 1000 / clock_mhz;
  double slowest = 0;
  for (size_t id = 0; id < memories.size(); ++id) {
    if (!memories[id]) continue;
    const MemoryCost& m = *memories[id];
    MemoryTiming mt;
    mt.name = arch::to_string(static_cast<arch::UnitId>(id));
    mt.access_ns = m.macro.access_time_ns.value;
    mt.cycle_ns = m.macro.cycle_time_ns.value;
    mt.read_latency = std::max(1, static_cast<int>(std::ceil(mt.access_ns / t.period_ns)));
    mt.source = m.timing_source;
    const double need = std::max(mt.access_ns, mt.cycle_ns);
    if (need > slowest) {
      slowest = need;
      t.limiting = static_cast<int>(t.memories.size());
    }
    t.memories.push_back(mt);
  }
  t.max_clock_mhz = slowest > 0 ? 1000 / slowest : 0;
  return t;
}

TimingCheck timing_check(const AcceleratorSpec& s, const UnitMemories& memories) {
  TimingCheck t = memory_timing(s.clock_mhz, memories);
  double slowest = t.max_clock_mhz > 0 ? 1000 / t.max_clock_mhz : 0;
  for (arch::LogicPath& p : arch::critical_paths(s)) {
    const power::PathDelay d = power::LogicDelayModel::builtin().path(p, s.technology.node_nm);
    if (d.ns > slowest) {
      slowest = d.ns;
      t.limiting = -1;
      t.limiting_logic = static_cast<int>(t.logic.size());
    }
    t.logic.push_back({arch::to_string(p.unit), d.ns, std::move(p), d.source});
  }
  t.max_clock_mhz = slowest > 0 ? 1000 / slowest : 0;
  return t;
}

TimingCheck spec_timing(const AcceleratorSpec& s) {
  const auto sram = sram_estimator(s);
  UnitMemories memories;
  for (const auto& u : arch::units())
    if (u.pricing == arch::Pricing::memory && u.present(s))
      memories[static_cast<size_t>(u.id)] =
          std::make_shared<const MemoryCost>(memory_cost(s, *sram, *u.memory));
  return timing_check(s, memories);
}

TimedSpec apply_timing_policy(const AcceleratorSpec& s) {
  TimedSpec t{s, ""};
  if (s.technology.timing != TimingPolicy::derate) return t;
  const TimingCheck check = spec_timing(s);
  if (check.feasible()) return t;
  const double mhz = std::floor(check.max_clock_mhz);
  if (mhz < 1)
    throw ConfigError(
        fmt::format("technology.timing: derate: no clock of 1 MHz or more lets every "
                    "memory read in one cycle and every logic path fit ({})",
                    check.limited_by()));
  t.spec.clock_mhz = mhz;
  t.note = fmt::format(
      "technology.timing: derate: running at {:.0f} MHz instead of clock_mhz = {:.4g} MHz, the "
      "highest whole MHz at which every memory reads in one cycle and every logic path fits ({})",
      mhz, s.clock_mhz, check.limited_by());
  return t;
}

nlohmann::json to_json(const TimingCheck& t) {
  nlohmann::json j = {{"period_ns", t.period_ns},
                      {"max_clock_mhz", t.max_clock_mhz},
                      {"limited_by", t.limited_by()},
                      {"feasible", t.feasible()},
                      {"problem", t.problem()}};
  for (const MemoryTiming& m : t.memories)
    j["memories"][m.name] = {{"access_ns", m.access_ns},
                             {"cycle_ns", m.cycle_ns},
                             {"read_latency", m.read_latency},
                             {"source", m.source.str()}};
  for (const LogicTiming& l : t.logic)
    j["logic"][l.name] = {{"delay_ns", l.delay_ns},
                          {"path", arch::describe(l.path)},
                          {"from_to", l.path.from_to},
                          {"source", l.source.str()}};
  return j;
}

}  // namespace circa::eval
