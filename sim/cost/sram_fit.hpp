// Fitting the built-in SRAM model to the CACTI 7 reference data, and the checked-in result.
//
// The data are both reference files: cacti7_sram_sweep.csv (mostly itrs-hp) and
// cacti7_sram_lowpower.csv (itrs-lop and itrs-lstp at every node), one joint fit over all device
// families. The fit is ordinary least squares of ln(output) on the terms of sram_features.hpp, with a tiny
// ridge (1e-8, only so that absent categories get 0 instead of a singular matrix) and a
// second-difference penalty (kappa 0.1) along each group of capacity hats. The coefficients used
// by the tool are in sim/cost/sram_fit_coefficients.json, written by
//     circa sram --refit --out sim/cost/sram_fit_coefficients.json
// (--refit with no file takes both shared reference files)
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
/// Reads several such files, in order, into one list.
std::vector<SramReferenceRow> load_sram_reference(const std::vector<std::string>& csv_paths);
/// The reference files the checked-in fit is made from: the sweep, then the low-power points.
std::vector<std::string> standard_sram_reference_files();
/// Rows run with the settings the built-in model describes: ED^2 optimisation, no ECC, normal
/// access mode, cell type = peripheral type. (Other rows answer other questions.)
bool is_baseline_row(const SramReferenceRow& r);
/// The device families the model distinguishes, indexed by device_index().
inline constexpr int kDeviceFamilyCount = 3;
inline constexpr std::array<DeviceType, kDeviceFamilyCount> kDeviceFamilies = {
    DeviceType::itrs_hp, DeviceType::itrs_lop, DeviceType::itrs_lstp};
int device_index(DeviceType d);
/// The deterministic hold-out split, exactly a fifth of each family: within each device family the
/// baseline rows are ordered by FNV-1a(point_id) (ties by id) and every 5th of that order (ranks
/// 0, 5, 10, ...) is held out. Hashed order, not file order, because the sweep's ids enumerate a
/// grid and every 5th id would hold out one whole word width. Entry i is for rows[i]; rows that
/// are not baseline rows are never held out (nor fitted).
std::vector<bool> holdout_mask(const std::vector<SramReferenceRow>& rows);
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

/// Error statistics of every reported output, indexed by SramReportedOutput.
using SramErrorTable = std::array<SramErrorStats, kSramReportedCount>;
/// One table per device family, indexed by device_index(); a family without rows has rows == 0.
using SramFamilyErrors = std::array<SramErrorTable, kDeviceFamilyCount>;

struct SramOutputFit {
  std::vector<std::string> terms;
  std::vector<double> coefficients;
};

/// A fitted model: coefficients of every output plus how well it does.
struct SramFit {
  std::string reference_file;  ///< file names of the CSVs it was fitted to, joined by " + "
  int rows_fitted = 0;
  std::array<SramOutputFit, kSramFitOutputCount> outputs;
  SramFamilyErrors train_error;    ///< on the rows fitted
  SramFamilyErrors holdout_error;  ///< fitted without the hold-out fifth, tested on it
};

/// Fits the coefficients on `rows` (no error statistics).
SramFit fit_sram_coefficients(const std::vector<SramReferenceRow>& rows);
/// Fits on all baseline rows of `rows` and fills train and hold-out statistics.
SramFit fit_sram_model(const std::vector<SramReferenceRow>& rows,
                       const std::string& reference_file);
/// Fits on the baseline rows outside the hold-out split and measures the rows inside it.
SramFamilyErrors sram_holdout_errors(const std::vector<SramReferenceRow>& rows);

/// Predictions in the reference CSV's units, indexed like kSramFitOutputs. No validation.
std::array<double, kSramFitOutputCount> predict_raw(const SramFit& fit, const SramQuery& q);
/// Error statistics of `fit` on `rows`, per device family.
SramFamilyErrors sram_errors(const SramFit& fit, const std::vector<SramReferenceRow>& rows);
/// A printable table: one line per family with rows, then median / p90 of every output, in %.
std::string format_family_errors(const SramFamilyErrors& e);

/// JSON text of a fit (the format of sram_fit_coefficients.json), and back. The reader checks
/// that the term names match the current sram_terms(); ConfigError naming `origin` otherwise.
std::string sram_fit_to_json(const SramFit& fit);
SramFit sram_fit_from_json(const std::string& text, const std::string& origin);
/// The checked-in sram_fit_coefficients.json, embedded by the build.
const char* embedded_sram_fit_json();

}  // namespace circa
