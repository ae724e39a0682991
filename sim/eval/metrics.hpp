// The metrics of an evaluated design point, declared once: each one's name (the unit in the
// name), unit, source and how it is read off the point. `evaluate` fills PointMetrics::values
// from this table, the cost report's JSON names its totals from it, sweeps validate objectives
// and constraints against it, the HTML report picks its plot axes from it, and the synthetic
// evaluator of the sweep tests reports the same metrics through it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "eval/cost_report.hpp"

namespace circa::eval {

/// What every metric is read from: one run (analytical or SystemC cycles) and its cost report.
struct MetricInputs {
  int64_t cycles = 0;
  const CostReport* cost = nullptr;
  double sqnr_db = 0;
  bool weights_on_chip = true;  ///< every layer's weights fit the weight SRAM
  /// The dense baseline's ratios (eval/dense_baseline.hpp; 0 when the point's area buys no PE).
  double dense_energy_ratio = 0, dense_throughput_ratio = 0, dense_weight_memory_ratio = 0;
};

struct MetricDef {
  const char* name;    ///< as stored, constrained and plotted, e.g. "area_mm2"
  const char* unit;    ///< e.g. "mm2", "1" for a count or a flag
  const char* source;  ///< which model produces it
  double (*getter)(const MetricInputs&);
  /// The key of this figure in the cost report's JSON (to_json(CostReport)), or null when the
  /// cost report does not hold it.
  const char* cost_key;
  /// 1, 2, ...: preference as the HTML report's y axis when a sweep has one objective; 0: never.
  int fallback_axis;
};

/// Every metric, in a fixed order.
const std::vector<MetricDef>& metric_table();

/// The entry called `name`, or null.
const MetricDef* find_metric(const std::string& name);

/// The names of metric_table(), in its order.
const std::vector<std::string>& metric_names();

/// Every metric of the table, read off `in` (in.cost must be set).
std::map<std::string, double> metric_values(const MetricInputs& in);

}  // namespace circa::eval
