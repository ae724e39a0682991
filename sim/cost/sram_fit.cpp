#include "cost/sram_fit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <tuple>

#include <fmt/format.h>

#include "common/error.hpp"
#include "common/csv.hpp"
#include "common/fnv1a.hpp"
#include "cost/least_squares.hpp"
#include "cost/sram_batch.hpp"

namespace circa {

namespace {

constexpr double kRidge = 1e-8;         // only keeps absent categories at 0
constexpr double kSmoothPenalty = 0.1;  // P-spline weight on capacity-hat second differences
constexpr std::uint64_t kSplitSeed = 0x5EED;

double number_cell(const CsvTable& t, size_t row, int col) {
  const std::string& s = t.rows[row][col];
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || *end != '\0' || !(v > 0.0))
    throw ConfigError(
        SourceLocation{t.path, t.lines[row], col + 1}, t.header[col],
        "'" + s + "' is not a positive number; the reference CSV must hold CACTI's results");
  return v;
}

/// Adds the smoothness rows: sqrt(kappa) * (b[i-1] - 2 b[i] + b[i+1]) = 0 within each group.
void add_penalty_rows(const std::vector<int>& groups, DenseRows& a, std::vector<double>& b) {
  const size_t n = groups.size();
  for (int g = 0; g <= *std::max_element(groups.begin(), groups.end()); ++g) {
    std::vector<size_t> idx;
    for (size_t j = 0; j < n; ++j)
      if (groups[j] == g) idx.push_back(j);
    for (size_t i = 1; i + 1 < idx.size(); ++i) {
      std::vector<double> row(n, 0.0);
      const double s = std::sqrt(kSmoothPenalty);
      row[idx[i - 1]] = s;
      row[idx[i]] = -2.0 * s;
      row[idx[i + 1]] = s;
      a.push_back(std::move(row));
      b.push_back(0.0);
    }
  }
}

SramOutputFit fit_output(int o, const std::vector<const SramReferenceRow*>& rows) {
  CIRCA_CHECK(!rows.empty(), "SRAM fit: no rows");
  DenseRows a;
  std::vector<double> b;
  SramTerms first = sram_terms(kSramFitOutputs[o], rows.front()->query, true);
  for (const auto* r : rows) {
    a.push_back(sram_terms(kSramFitOutputs[o], r->query, false).values);
    b.push_back(std::log(r->target[o]));
  }
  const size_t n = first.values.size();
  for (size_t j = 0; j < n; ++j) {
    std::vector<double> row(n, 0.0);
    row[j] = std::sqrt(kRidge);
    a.push_back(std::move(row));
    b.push_back(0.0);
  }
  add_penalty_rows(first.smooth_group, a, b);
  return SramOutputFit{first.names, solve_least_squares(std::move(a), std::move(b))};
}

double percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

enum class Part { all, fit, holdout };

/// The baseline rows of `rows`, all of them or one side of the hold-out split.
std::vector<SramReferenceRow> select(const std::vector<SramReferenceRow>& rows, Part part) {
  const std::vector<bool> held = holdout_mask(rows);
  std::vector<SramReferenceRow> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!is_baseline_row(rows[i])) continue;
    if (part == Part::all || held[i] == (part == Part::holdout)) out.push_back(rows[i]);
  }
  return out;
}

SramErrorStats stats_of(const std::vector<double>& err) {
  if (err.empty()) return SramErrorStats{};
  return SramErrorStats{static_cast<int>(err.size()), percentile(err, 0.5), percentile(err, 0.9),
                        *std::max_element(err.begin(), err.end())};
}

}  // namespace

std::vector<SramReferenceRow> load_sram_reference(const std::string& csv_path) {
  const CsvTable t = read_csv_file(csv_path);
  std::vector<SramReferenceRow> rows;
  const int set = t.required_column("set");
  const int periph = t.required_column("periph_type");
  const int mode = t.required_column("access_mode");
  const int opt = t.required_column("optimize");
  const int ecc = t.required_column("ecc");
  const int total = t.required_column("leakage_total_mW");
  for (size_t i = 0; i < t.rows.size(); ++i) {
    SramReferenceRow r;
    SramCsvPoint p = sram_point_from_csv(t, i);
    r.point_id = p.point_id;
    r.query = p.query;
    r.set = t.rows[i][set];
    r.periph_type = t.rows[i][periph];
    r.access_mode = t.rows[i][mode];
    r.optimize = t.rows[i][opt];
    r.ecc = t.rows[i][ecc];
    for (int o = 0; o < kSramFitOutputCount; ++o)
      r.target[o] = number_cell(t, i, t.required_column(reference_column(kSramFitOutputs[o])));
    r.leakage_total_mw = number_cell(t, i, total);
    rows.push_back(std::move(r));
  }
  return rows;
}

bool is_baseline_row(const SramReferenceRow& r) {
  return r.optimize == "ED^2" && r.ecc == "false" && r.access_mode == "normal" &&
         r.periph_type == to_string(r.query.device);
}

std::vector<SramReferenceRow> load_sram_reference(const std::vector<std::string>& csv_paths) {
  std::vector<SramReferenceRow> all;
  for (const auto& p : csv_paths) {
    auto rows = load_sram_reference(p);
    all.insert(all.end(), std::make_move_iterator(rows.begin()),
               std::make_move_iterator(rows.end()));
  }
  return all;
}

std::vector<std::string> standard_sram_reference_files() {
  const std::string dir = cacti_reference_dir();
  return {dir + "/cacti7_sram_sweep.csv", dir + "/cacti7_sram_lowpower.csv"};
}

int device_index(DeviceType d) {
  for (int i = 0; i < kDeviceFamilyCount; ++i)
    if (kDeviceFamilies[i] == d) return i;
  CIRCA_CHECK(false, "unknown device type");
  return 0;
}

std::vector<bool> holdout_mask(const std::vector<SramReferenceRow>& rows) {
  std::vector<bool> held(rows.size(), false);
  for (const DeviceType d : kDeviceFamilies) {
    std::vector<std::tuple<std::uint64_t, std::string, size_t>> order;
    for (size_t i = 0; i < rows.size(); ++i)
      if (rows[i].query.device == d && is_baseline_row(rows[i]))
        order.emplace_back(fnv1a64(rows[i].point_id, kFnv1aOffset ^ kSplitSeed), rows[i].point_id, i);
    std::sort(order.begin(), order.end());
    for (size_t r = 0; r < order.size(); r += 5) held[std::get<2>(order[r])] = true;
  }
  return held;
}

std::string cacti_reference_dir() {
  const char* env = std::getenv("CIRCA_SHARED_DIR");
  const std::string shared = (env && *env) ? env : CIRCA_SHARED_DIR_DEFAULT;
  return shared + "/reference/cacti";
}

const char* reported_name(SramReportedOutput o) {
  switch (o) {
    case SramReportedOutput::access_time:
      return "access_time_ns";
    case SramReportedOutput::cycle_time:
      return "cycle_time_ns";
    case SramReportedOutput::read_energy:
      return "read_energy_nJ";
    case SramReportedOutput::write_energy:
      return "write_energy_nJ";
    case SramReportedOutput::leakage:
      return "leakage_total_mW";
    case SramReportedOutput::area:
      return "area_mm2";
  }
  return "?";
}

SramFit fit_sram_coefficients(const std::vector<SramReferenceRow>& rows) {
  std::vector<const SramReferenceRow*> ptrs;
  for (const auto& r : rows) ptrs.push_back(&r);
  SramFit fit;
  fit.rows_fitted = static_cast<int>(rows.size());
  for (int o = 0; o < kSramFitOutputCount; ++o) fit.outputs[o] = fit_output(o, ptrs);
  return fit;
}

SramFit fit_sram_model(const std::vector<SramReferenceRow>& rows,
                       const std::string& reference_file) {
  const auto base = select(rows, Part::all);
  SramFit fit = fit_sram_coefficients(base);
  fit.reference_file = reference_file;
  fit.train_error = sram_errors(fit, base);
  fit.holdout_error = sram_holdout_errors(rows);
  return fit;
}

SramFamilyErrors sram_holdout_errors(const std::vector<SramReferenceRow>& rows) {
  return sram_errors(fit_sram_coefficients(select(rows, Part::fit)), select(rows, Part::holdout));
}

std::array<double, kSramFitOutputCount> predict_raw(const SramFit& fit, const SramQuery& q) {
  std::array<double, kSramFitOutputCount> out{};
  for (int o = 0; o < kSramFitOutputCount; ++o) {
    const SramTerms t = sram_terms(kSramFitOutputs[o], q, false);
    const auto& c = fit.outputs[o].coefficients;
    CIRCA_CHECK(c.size() == t.values.size(), "SRAM fit has the wrong number of coefficients");
    double s = 0.0;
    for (size_t j = 0; j < c.size(); ++j) s += c[j] * t.values[j];
    out[o] = std::exp(s);
  }
  return out;
}

SramFamilyErrors sram_errors(const SramFit& fit, const std::vector<SramReferenceRow>& rows) {
  std::array<std::array<std::vector<double>, kSramReportedCount>, kDeviceFamilyCount> err;
  for (const auto& r : rows) {
    const auto p = predict_raw(fit, r.query);
    const double pred[kSramReportedCount] = {p[0], p[1], p[2], p[3], p[4] + p[5], p[6]};
    const double ref[kSramReportedCount] = {r.target[0], r.target[1],        r.target[2],
                                            r.target[3], r.leakage_total_mw, r.target[6]};
    for (int k = 0; k < kSramReportedCount; ++k)
      err[device_index(r.query.device)][k].push_back(std::fabs(pred[k] / ref[k] - 1.0));
  }
  SramFamilyErrors s{};
  for (int f = 0; f < kDeviceFamilyCount; ++f)
    for (int k = 0; k < kSramReportedCount; ++k) s[f][k] = stats_of(err[f][k]);
  return s;
}

std::string format_family_errors(const SramFamilyErrors& e) {
  std::string out = fmt::format("  {:<10} {:>4}", "family", "rows");
  for (int k = 0; k < kSramReportedCount; ++k)
    out += fmt::format(" {:>18}", reported_name(static_cast<SramReportedOutput>(k)));
  out += fmt::format("\n  {:<10} {:>4}", "", "");
  for (int k = 0; k < kSramReportedCount; ++k) out += fmt::format(" {:>18}", "median / p90 %");
  out += "\n";
  for (int f = 0; f < kDeviceFamilyCount; ++f) {
    out += fmt::format("  {:<10} {:>4}", to_string(kDeviceFamilies[f]), e[f][0].rows);
    for (int k = 0; k < kSramReportedCount; ++k)
      out += fmt::format(" {:>9.1f} / {:>5.1f}", 100 * e[f][k].median, 100 * e[f][k].p90);
    out += "\n";
  }
  return out;
}

}  // namespace circa
