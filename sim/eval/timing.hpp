// Can the memories and the logic run at the clock? Each memory's access and cycle time from the
// SRAM model that prices it (built-in or CACTI), against the clock period. A read needs
// ceil(access / period) cycles. The weight SRAM's wrapper and both models give a read
// weight_sram.read_latency cycles (arch::weight_read_latency; by default, 0, exactly the cycles it
// needs, resolved here by apply_timing_policy); every other memory reads in one cycle. A memory
// runs when its cycle time fits in the period and its read needs no more cycles than it is given.
// Each logic unit's critical path (arch/critical_paths.hpp, as the generator builds it) priced by
// power/logic_delay.hpp must fit in the period too.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <boost/container/small_vector.hpp>
#include <nlohmann/json.hpp>

#include "arch/critical_paths.hpp"
#include "arch/units.hpp"
#include "eval/memory_costs.hpp"

namespace circa::eval {

struct MemoryTiming {
  const char* name = "";  ///< the unit registry's name
  double access_ns = 0, cycle_ns = 0;
  int read_latency = 1;  ///< ceil(access / period): cycles a read needs at this clock
  int latency = 1;       ///< cycles a read is given: weight_sram.read_latency, else 1
  /// The parameter that sets `latency` ("weight_sram.read_latency"), "" for a memory that reads
  /// in one cycle.
  const char* latency_param = "";
  bool derived = false;  ///< latency 0 in the spec: as many cycles as a read needs
  SourceText source;
};

/// A logic unit's longest register-to-register path.
struct LogicTiming {
  const char* name = "";  ///< the unit registry's name
  double delay_ns = 0;    ///< clock-to-Q + logic (over its cycles) + setup
  arch::LogicPath path;   ///< its operators (arch::describe prints them) and the registers
  SourceText source;
};

/// The logic units' critical paths (up to 7, in place: no allocation per sweep point).
using LogicTimings = boost::container::small_vector<LogicTiming, 7>;

struct TimingCheck {
  double period_ns = 0;
  boost::container::small_vector<MemoryTiming, 4> memories;  ///< the memory units, in place
  LogicTimings logic;
  double max_clock_mhz = 0;  ///< the highest clock at which every memory and every logic path fit
  int limiting = -1;         ///< the index in `memories` of the memory that sets it (-1: none)
  int limiting_logic = -1;   ///< or the index in `logic` of the logic unit that sets it
  /// The unit that sets max_clock_mhz and its delay, e.g. "weight_sram access 0.774 ns" or
  /// "mac_array logic 1.61 ns".
  std::string limited_by() const;
  bool feasible() const {  // inline: the metric table reads it without linking the SRAM models
    for (const MemoryTiming& m : memories)
      if (m.cycle_ns > period_ns || m.read_latency > m.latency) return false;
    for (const LogicTiming& l : logic)
      if (l.delay_ns > period_ns) return false;
    return true;
  }
  /// "" when feasible, else one line: the unit, its delay, the period and the highest clock.
  std::string problem() const;
};

/// The memories alone (no logic paths): their access and cycle times against the clock, the
/// weight SRAM's reads given `weight_read_latency` cycles (0: as many as they need).
TimingCheck memory_timing(double clock_mhz, const UnitMemories& memories, int weight_read_latency);

/// Every present logic unit's critical path of `s`, priced at its node: no clock in it.
LogicTimings logic_timing(const AcceleratorSpec& s);

/// The memories and every logic unit's critical path of `s` against s.clock_mhz.
TimingCheck timing_check(const AcceleratorSpec& s, const UnitMemories& memories);
/// The same with the logic paths given (logic_timing(s), worked out once for every clock).
TimingCheck timing_check(const AcceleratorSpec& s, const UnitMemories& memories,
                         const LogicTimings& logic);

/// Every memory of the spec priced by its SRAM model, and the timing of the memories and the
/// logic at spec.clock_mhz.
TimingCheck spec_timing(const AcceleratorSpec& s);

/// The spec a run uses under technology.timing: as given, or under derate with an infeasible
/// clock, clock_mhz lowered to the highest whole MHz at which every memory reads in the cycles it
/// is given and every logic path fits in the period; `note` says so ("" when nothing changed).
/// ConfigError when not even 1 MHz is feasible. Then, at that clock, weight_sram.read_latency 0
/// becomes ceil(access / period) of the SRAM model pricing the weight SRAM (at least 1).
struct TimedSpec {
  AcceleratorSpec spec;
  std::string note;
};
TimedSpec apply_timing_policy(const AcceleratorSpec& s);

nlohmann::json to_json(const TimingCheck& t);

}  // namespace circa::eval
