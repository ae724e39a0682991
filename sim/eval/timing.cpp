#include "eval/timing.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "arch/memory_map.hpp"
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
  if (m.derived || m.access_ns / m.latency < m.cycle_ns)
    return fmt::format("{} cycle {:.3g} ns", m.name, m.cycle_ns);
  if (m.latency > 1)
    return fmt::format("{} access {:.3g} ns in {} cycles", m.name, m.access_ns, m.latency);
  return fmt::format("{} access {:.3g} ns", m.name, m.access_ns);
}

std::string TimingCheck::problem() const {
  for (const MemoryTiming& m : memories) {
    if (m.cycle_ns > period_ns)
      return fmt::format(
          "{} cannot run at {:.0f} MHz: its cycle time {:.3g} ns exceeds the {:.3g} ns period; "
          "the highest feasible clock is {:.0f} MHz (set by {})",
          m.name, 1000 / period_ns, m.cycle_ns, period_ns, max_clock_mhz, limited_by());
    if (m.read_latency > m.latency && *m.latency_param)
      return fmt::format(
          "{} needs {:.3g} ns to read, {} cycles of the {:.3g} ns period at {:.0f} MHz, more than "
          "{} = {}: raise it to {}, or set it to 0 to derive it from the timing; at {} the "
          "highest feasible clock is {:.0f} MHz (set by {})",
          m.name, m.access_ns, m.read_latency, period_ns, 1000 / period_ns, m.latency_param,
          m.latency, m.read_latency, m.latency, max_clock_mhz, limited_by());
    if (m.read_latency > m.latency)
      return fmt::format(
          "{} needs {:.3g} ns to read, {} cycles of the {:.3g} ns period at {:.0f} MHz, and the "
          "{} wrapper reads in one; the highest feasible clock is {:.0f} MHz (set by {})",
          m.name, m.access_ns, m.read_latency, period_ns, 1000 / period_ns, m.name, max_clock_mhz,
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

TimingCheck memory_timing(double clock_mhz, const UnitMemories& memories, int weight_read_latency) {
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
    if (id == static_cast<size_t>(arch::UnitId::weight_sram)) {
      mt.latency_param = "weight_sram.read_latency";
      mt.derived = weight_read_latency == 0;
      mt.latency = mt.derived ? mt.read_latency : weight_read_latency;
    }
    mt.source = m.timing_source;
    // The period it allows: its cycle time, and its access time over the cycles a read is given
    // (a derived latency grows with the clock, so then the cycle time alone).
    const double need = std::max(mt.derived ? 0.0 : mt.access_ns / mt.latency, mt.cycle_ns);
    if (need > slowest) {
      slowest = need;
      t.limiting = static_cast<int>(t.memories.size());
    }
    t.memories.push_back(mt);
  }
  t.max_clock_mhz = slowest > 0 ? 1000 / slowest : 0;
  return t;
}

LogicTimings logic_timing(const AcceleratorSpec& s) {
  LogicTimings logic;
  for (arch::LogicPath& p : arch::critical_paths(s)) {
    const power::PathDelay d = power::LogicDelayModel::builtin().path(p, s.technology.node_nm);
    logic.push_back({arch::to_string(p.unit), d.ns, std::move(p), d.source});
  }
  return logic;
}

TimingCheck timing_check(const AcceleratorSpec& s, const UnitMemories& memories,
                         const LogicTimings& logic) {
  TimingCheck t = memory_timing(s.clock_mhz, memories, s.weight_sram.read_latency);
  double slowest = t.max_clock_mhz > 0 ? 1000 / t.max_clock_mhz : 0;
  t.logic = logic;
  for (size_t i = 0; i < logic.size(); ++i)
    if (logic[i].delay_ns > slowest) {
      slowest = logic[i].delay_ns;
      t.limiting = -1;
      t.limiting_logic = static_cast<int>(i);
    }
  t.max_clock_mhz = slowest > 0 ? 1000 / slowest : 0;
  return t;
}

TimingCheck timing_check(const AcceleratorSpec& s, const UnitMemories& memories) {
  return timing_check(s, memories, logic_timing(s));
}

TimingCheck spec_timing(const AcceleratorSpec& s) {
  return timing_check(s, unit_memories(s, arch::memory_map(s)));
}

namespace {

/// weight_sram.read_latency 0 resolved to the cycles a read needs at s.clock_mhz, computed as
/// memory_timing does.
void derive_weight_read_latency(AcceleratorSpec& s) {
  if (s.weight_sram.read_latency != 0) return;
  // The cached pricing a sweep's points share: this runs for every point.
  std::shared_ptr<const MemoryCost> w;
  try {
    w = memory_cost(s, arch::memory_map(s), arch::MemoryId::weight_sram);
  } catch (
      const ConfigError& e) {  // a shape the SRAM model cannot price: the latency is the user's
    throw ConfigError(std::string(e.what()) +
                      "; weight_sram.read_latency 0 derives the read latency from that model: "
                      "give it in cycles (e.g. weight_sram.read_latency=1) to run without it");
  }
  const double period_ns = 1000 / s.clock_mhz;
  s.weight_sram.read_latency =
      std::max(1, static_cast<int>(std::ceil(w->macro.access_time_ns.value / period_ns)));
}

TimedSpec derated(const AcceleratorSpec& s) {
  TimedSpec t{s, ""};
  if (s.technology.timing != TimingPolicy::derate) return t;
  const TimingCheck check = spec_timing(s);
  if (check.feasible()) return t;
  const double mhz = std::floor(check.max_clock_mhz);
  if (mhz < 1)
    throw ConfigError(
        fmt::format("technology.timing: derate: no clock of 1 MHz or more lets every "
                    "memory read in its cycles and every logic path fit ({})",
                    check.limited_by()));
  t.spec.clock_mhz = mhz;
  t.note = fmt::format(
      "technology.timing: derate: running at {:.0f} MHz instead of clock_mhz = {:.4g} MHz, the "
      "highest whole MHz at which every memory reads in its cycles and every logic path fits ({})",
      mhz, s.clock_mhz, check.limited_by());
  return t;
}

}  // namespace

TimedSpec apply_timing_policy(const AcceleratorSpec& s) {
  TimedSpec t = derated(s);
  derive_weight_read_latency(t.spec);
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
                             {"read_latency_given", m.latency},
                             {"source", m.source.str()}};
  for (const LogicTiming& l : t.logic)
    j["logic"][l.name] = {{"delay_ns", l.delay_ns},
                          {"path", arch::describe(l.path)},
                          {"from_to", l.path.from_to},
                          {"source", l.source.str()}};
  return j;
}

}  // namespace circa::eval
