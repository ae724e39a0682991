// The non-CLI part of `circa sram`: queries from CSV, results to CSV, and a printable summary.
#pragma once

#include <string>
#include <vector>

#include "common/csv.hpp"
#include "cost/sram_query.hpp"

namespace circa {

/// One CSV row to cost: its point_id and the query.
struct SramCsvPoint {
  std::string point_id;
  SramQuery query;
};

/// Column names read from an input CSV (the CACTI reference CSV's names; others are ignored).
inline constexpr const char* kSramInputColumns[] = {
    "point_id", "size_bytes", "block_bytes", "banks",  "tech_nm",
    "rw_ports", "rd_ports",   "wr_ports",    "temp_K", "cell_type"};
/// Column names written, after point_id (the reference CSV's names for the same quantities).
inline constexpr const char* kSramOutputColumns[] = {"access_time_ns",
                                                     "cycle_time_ns",
                                                     "read_energy_nJ",
                                                     "write_energy_nJ",
                                                     "leakage_subthreshold_mW",
                                                     "leakage_gate_mW",
                                                     "leakage_total_mW",
                                                     "leakage_total_x_banks_mW",
                                                     "area_mm2"};

/// The query of row `row` of `t`; ConfigError naming file:line:column on a bad cell.
SramCsvPoint sram_point_from_csv(const CsvTable& t, size_t row);
/// Every row of an input CSV.
std::vector<SramCsvPoint> read_sram_points_csv(const std::string& path);
/// Costs every point (stops at the first ConfigError, which names the row).
std::vector<SramResult> estimate_all(const SramEstimator& model,
                                     const std::vector<SramCsvPoint>& pts);
/// CSV text: point_id plus kSramOutputColumns in the reference's units (6 significant digits).
std::string sram_results_csv(const std::vector<SramCsvPoint>& pts,
                             const std::vector<SramResult>& res);
/// A human-readable report of one result: every output with unit, then source, validity, accuracy.
std::string format_sram_result(const SramQuery& q, const SramResult& r);

}  // namespace circa
