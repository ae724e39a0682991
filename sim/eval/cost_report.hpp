// Area, power, throughput and efficiency of a design point running a workload: the unit
// inventory priced by the logic model, memories by the SRAM model (built-in or CACTI), and
// activity from the event counts of `circa estimate` or `circa sim`. Every figure carries its
// unit (in its name) and its source.
#pragma once

#include <array>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <boost/container/small_vector.hpp>
#include <nlohmann/json.hpp>

#include "arch/report.hpp"
#include "common/source_text.hpp"
#include "eval/timing.hpp"
#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::eval {

struct Figure {
  std::string_view name;  ///< unit or quantity, e.g. "mac_array": a static name (the registry's)
  double value = 0;
  SourceText source;
};

/// One row per unit (a few more than the registry's units at most), held in place: a sweep
/// makes two cost reports a point without allocating for them.
using Figures = boost::container::small_vector<Figure, 16>;

struct CostReport {
  Figures area_mm2;    ///< per unit
  Figures energy_uj;   ///< datapath dynamic energy per inference, per unit
  Figures clock_uj;    ///< its registers clocked every cycle, per unit
  Figures wires_uj;    ///< its words moved across the floorplan, per memory unit
  Figures leakage_mw;  ///< per unit
  double total_area_mm2 = 0;
  double wire_length_mm = 0;     ///< a memory word's average trip: half the side of the floorplan
  double dynamic_energy_uj = 0;  ///< per inference: datapath + clock + wires
  double leakage_power_mw = 0;
  double latency_us = 0;
  double inferences_per_s = 0;         ///< one inference at a time: clock / cycles
  double energy_per_inference_uj = 0;  ///< dynamic + leakage over the latency
  double power_mw = 0;                 ///< average while running back to back
  double effective_ops = 0;            ///< dense-equivalent: 2 x dense MACs per inference
  double actual_ops = 0;               ///< real multiplies and adds executed per inference
  double effective_gops = 0, actual_gops = 0;
  double effective_tops_per_w = 0, actual_tops_per_w = 0;
  double effective_gops_per_mm2 = 0, actual_gops_per_mm2 = 0;
  /// Per arch::UnitId: register bits of each present logic unit (its clock term), -1 elsewhere.
  std::array<double, arch::kUnitCount> register_bits = [] {
    std::array<double, arch::kUnitCount> none;
    none.fill(-1);
    return none;
  }();
  TimingCheck timing;               ///< the memories' access and cycle times against the clock
  std::vector<std::string> notes;  ///< assumptions and warnings worth reading
};

/// Prices `run` (from the analytical or the SystemC model) on the hardware `s` describes:
/// cost_figures, then add_cost_notes.
CostReport cost_report(const AcceleratorSpec& s, const Workload& w, const arch::RunReport& run);
/// Every figure of cost_report without the notes (text for readers, not figures): what a sweep's
/// points need, with no text made per point.
CostReport cost_figures(const AcceleratorSpec& s, const Workload& w, const arch::RunReport& run);
/// Where a logic unit's leakage comes from: its area at the weight-SRAM macro's leakage per mm2.
const SourceText& logic_leakage_source();
/// The notes of cost_report: the assumptions, the SRAM model's warnings, timing and derating.
void add_cost_notes(const AcceleratorSpec& s, CostReport& c);

/// The clock's energy per inference of `unit`: `register_bits` flops clocked for `cycles` at the
/// spec's node (the logic table's clock_pin row: per flop per cycle).
Figure clock_energy(const AcceleratorSpec& s, std::string_view unit, double register_bits,
                    int64_t cycles);
/// Wire energy per inference of `unit`: `bits` moved `length_mm` (the logic table's wire row).
Figure wire_energy(const AcceleratorSpec& s, std::string_view unit, double bits, double length_mm);
/// The floorplan's wire length between a memory and its consumers: a square of `area_mm2`,
/// memories along one side, consumers over the rest: half the side on average (an assumption).
double wire_length_mm(double area_mm2);
/// Latency, throughput, energy per inference, power and efficiencies of `c` from its energy
/// and leakage rows, its area total and its ops (set before), at `clock_mhz` for `cycles`.
void set_totals(CostReport& c, double clock_mhz, int64_t cycles);

nlohmann::json to_json(const CostReport& c);
/// Per unit: {dynamic, clock, wires, leakage, total} energy per inference in uJ (leakage over
/// the latency), the rows of print_cost_table.
nlohmann::json breakdown_json(const CostReport& c);
/// The table of print_cost_table, then totals, throughput, efficiency and notes.
void print_cost(std::ostream& os, const CostReport& c);
/// One row per unit: area, dynamic (datapath), clock, wire and leakage energy per inference, the
/// unit's share of the energy per inference, and numbered notes naming each distinct source once.
void print_cost_table(std::ostream& os, const CostReport& c);

/// Real operations one butterfly executes: a complex multiply (4 mul + 2 add) and a complex
/// add and subtract (4 add).
constexpr int kOpsPerButterfly = 10;
/// Real operations of one complex multiply-accumulate: 4 mul + 2 add + 2 accumulate adds.
constexpr int kOpsPerComplexMac = 8;

}  // namespace circa::eval
