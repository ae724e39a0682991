// Stored rows turned into what reports show: which points meet the constraints, which lie on the
// Pareto front of the objectives (and their rank along it), and the confirmations (at the
// confirm_fidelity) beside the sweep's own figures. The sweep's goals are kept in the store (meta
// table) so that `circa sweep export` can rebuild this without the sweep file.
#pragma once

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "sweep/pareto.hpp"
#include "sweep/store.hpp"
#include "sweep/sweep_spec.hpp"

namespace circa::sweep {

/// What reports need from a sweep spec.
struct ReportSpec {
  std::string name;
  std::string fidelity;                  ///< the sweep's own fidelity name
  std::string confirm_fidelity = "cycle_accurate";  ///< the fidelity of the confirmations
  std::vector<std::string> axis_params;  ///< in axis order
  std::vector<Objective> objectives;
  std::vector<Constraint> constraints;
};
ReportSpec report_spec_of(const SweepSpec& s);
nlohmann::json to_json(const ReportSpec& r);
ReportSpec report_spec_from_json(const nlohmann::json& j);

/// What a result row keeps of its stored point: no config, no breakdowns, no JSON tree, so a
/// million rows fit in a few hundred MB. The breakdowns are read again when a report needs them
/// (ResultSet::metrics_of).
struct PointSummary {
  std::string key;
  PointStatus status = PointStatus::failed;
  std::string error;  ///< one line, for failed points
  double seconds = 0;
  std::vector<std::string> inputs;  ///< the axis values, by ReportSpec::axis_params ("" = none)
};

/// The sorted metric names of a result set, shared by its rows.
struct MetricNames {
  std::vector<std::string> names;
  /// The position of `name` in names, or -1.
  int index_of(const std::string& name) const;
};

struct ResultRow {
  PointSummary point;                       ///< at the sweep's fidelity
  std::vector<double> values;               ///< by MetricNames::names; NaN when absent
  const MetricNames* names = nullptr;       ///< the result set's (for metric())
  bool feasible = false;                    ///< ok and meets every constraint
  std::string violation;                    ///< why not feasible (failed, or the unmet constraint)
  int front_rank = 0;                       ///< 1.. along the Pareto front; 0 = not on it
  /// The re-run at confirm_fidelity, if there is one (few rows: a pointer when absent).
  std::shared_ptr<const StoredPoint> confirmation;

  bool on_front() const { return front_rank > 0; }
  double metric(const std::string& name) const;  ///< NaN when absent
  /// The value of axis parameter `param` ("" when the point has none).
  const std::string& input(const ReportSpec& spec, const std::string& param) const;
};

struct ResultSet {
  ReportSpec spec;
  std::string version;
  std::vector<ResultRow> rows;
  std::vector<std::string> metric_names;  ///< every metric any row has, sorted
  std::shared_ptr<const MetricNames> names;  ///< the same, for the rows' metric()
  /// A row's whole stored metrics (values and breakdowns) at the sweep's fidelity, by key:
  /// read again from the store (or kept, for rows built from memory) when a report needs them.
  std::function<nlohmann::json(const std::string& key)> metrics_of;
};

/// Rows of `version` at the spec's fidelity, in the order of `order` (null: every key, in the
/// order the points finished), with rows at the spec's confirm_fidelity attached as confirmations.
/// The keys of `order` are distinct. For stored points already in memory (tests, small sets).
ResultSet build_results(const ReportSpec& spec, const std::string& version,
                        std::vector<StoredPoint> stored, const std::vector<std::string>* order);
/// The same from a store, a row at a time: only the numbers reports need are kept, and the
/// store (shared with the result) answers metrics_of later.
ResultSet build_results_from_store(const ReportSpec& spec, const std::string& version,
                                   std::shared_ptr<const ResultStore> store,
                                   const std::vector<std::string>* order);

/// At most `limit` rows in table order: every front row (even past the limit), then the others
/// sampled evenly (every stride-th: reproducible, and it keeps the table order).
std::vector<const ResultRow*> sample_rows(const ResultSet& r, size_t limit);

/// Front rows sorted by rank (best first).
std::vector<const ResultRow*> front(const ResultSet& r);

}  // namespace circa::sweep
