// Stored rows turned into what reports show: which points meet the constraints, which lie on the
// Pareto front of the objectives (and their rank along it), and the confirmations (at the
// confirm_fidelity) beside the sweep's own figures. The sweep's goals are kept in the store (meta
// table) so that `circa sweep export` can rebuild this without the sweep file.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

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

struct ResultRow {
  StoredPoint point;                        ///< at the sweep's fidelity
  bool feasible = false;                    ///< ok and meets every constraint
  std::string violation;                    ///< why not feasible (failed, or the unmet constraint)
  int front_rank = 0;                       ///< 1.. along the Pareto front; 0 = not on it
  std::optional<StoredPoint> confirmation;  ///< the re-run at confirm_fidelity, if there is one

  bool on_front() const { return front_rank > 0; }
  double metric(const std::string& name) const;  ///< NaN when absent
};

struct ResultSet {
  ReportSpec spec;
  std::string version;
  std::vector<ResultRow> rows;
  std::vector<std::string> metric_names;  ///< every metric any row has, sorted
};

/// Rows of `version` at the spec's fidelity, in the order of `order` (null: every key, in the
/// order the points finished), with rows at the spec's confirm_fidelity attached as confirmations.
/// The keys of `order` are distinct. `stored` is taken by value: pass the store's rows as a
/// temporary and they are moved into the result rather than copied (half the peak memory).
ResultSet build_results(const ReportSpec& spec, const std::string& version,
                        std::vector<StoredPoint> stored, const std::vector<std::string>* order);

/// Front rows sorted by rank (best first).
std::vector<const ResultRow*> front(const ResultSet& r);

/// Indices of the rows no other row dominates; costs[i] are row i's objectives, all minimised.
std::vector<bool> non_dominated(const std::vector<std::vector<double>>& costs);

}  // namespace circa::sweep
