// Fitting the built-in SRAM model to the CACTI 7 reference sweep, and the checked-in result.
//
// The fit is ordinary least squares of ln(output) on the terms of sram_features.hpp, with a tiny
// ridge (1e-8, only so that absent categories get 0 instead of a singular matrix) and a
// second-difference penalty (kappa 0.1) along each group of capacity hats. The coefficients used
// by the tool are in sim/cost/sram_fit_coefficients.json, written by
//     circa sram --refit <shared>/reference/cacti/cacti7_sram_sweep.csv --out
//     sim/cost/sram_fit_coefficients.json
// and embedded at build time; the unit test `sram_fit/refit_reproduces_checked_in_coefficients`
// fails when the file and the fit code disagree.
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "cost/sram_features.hpp"

namespace circa {

/// One successful point of the CACTI reference sweep: inputs, run settings and results.
struct SramReferenceRow {
  std::string point_id;
  std::string set;
  SramQuery query;
  std::string periph_type, access_mode, optimize, ecc;
  std::array<double, kSramFitOutputCount> target{};  ///< indexed like kSramFitOutputs
  double leakage_total_mw = 0.0;                     ///< per bank, subthreshold + gate
};

/// Reads cacti7_sram_sweep.csv (or a file with the same columns).
std::vector<SramReferenceRow> load_sram_reference(const std::string& csv_path);
/// Rows run with the settings the built-in model describes: ED^2 optimisation, no ECC, normal
/// access mode, cell type = peripheral type. (Other rows answer other questions.)
bool is_baseline_row(const SramReferenceRow& r);
/// The deterministic 20 % hold-out split: FNV-1a(point_id) % 5 == 0. Hashing (not every 5th id)
/// because the ids enumerate a grid, and id % 5 would hold out one whole word width.
bool is_holdout_row(const std::string& point_id);
/// <shared>/reference/cacti: $CIRCA_SHARED_DIR if set, else the source tree's ../shared.
std::string cacti_reference_dir();

/// The reported quantities whose accuracy is measured (leakage as subthreshold + gate).
enum class SramReportedOutput { access_time, cycle_time, read_energy, write_energy, leakage, area };
inline constexpr int kSramReportedCount = 6;
const char* reported_name(SramReportedOutput o);  ///< "access_time_ns", ..., "leakage_total_mW"

/// Absolute relative error statistics of predictions against CACTI.
struct SramErrorStats {
  int rows = 0;
  double median = 0.0;
  double p90 = 0.0;
  double max = 0.0;
};

struct SramOutputFit {
  std::vector<std::string> terms;
  std::vector<double> coefficients;
};

/// A fitted model: coefficients of every output plus how well it does.
struct SramFit {
  std::string reference_file;  ///< file name of the CSV it was fitted to
  int rows_fitted = 0;
  std::array<SramOutputFit, kSramFitOutputCount> outputs;
  std::array<SramErrorStats, kSramReportedCount> train_error;    ///< on the rows fitted
  std::array<SramErrorStats, kSramReportedCount> holdout_error;  ///< fit without, test on the 20 %
};

/// Fits the coefficients on `rows` (no error statistics).
SramFit fit_sram_coefficients(const std::vector<SramReferenceRow>& rows);
/// Fits on all baseline rows of `rows` and fills train and hold-out statistics.
SramFit fit_sram_model(const std::vector<SramReferenceRow>& rows,
                       const std::string& reference_file);
/// Fits on the baseline rows outside the hold-out split and measures the rows inside it.
std::array<SramErrorStats, kSramReportedCount> sram_holdout_errors(
    const std::vector<SramReferenceRow>& rows);

/// Predictions in the reference CSV's units, indexed like kSramFitOutputs. No validation.
std::array<double, kSramFitOutputCount> predict_raw(const SramFit& fit, const SramQuery& q);
/// Error statistics of `fit` on `rows`.
std::array<SramErrorStats, kSramReportedCount> sram_errors(
    const SramFit& fit, const std::vector<SramReferenceRow>& rows);

/// JSON text of a fit (the format of sram_fit_coefficients.json), and back. The reader checks
/// that the term names match the current sram_terms(); ConfigError naming `origin` otherwise.
std::string sram_fit_to_json(const SramFit& fit);
SramFit sram_fit_from_json(const std::string& text, const std::string& origin);
/// The checked-in sram_fit_coefficients.json, embedded by the build.
const char* embedded_sram_fit_json();

}  // namespace circa
