#include "cost/sram_model.hpp"

#include <fmt/format.h>

namespace circa {

namespace {

using D = SramBuiltinDomain;
constexpr const char* kUseCacti = "or cost it with a CACTI binary (--model cacti)";

bool power_of_two(long long v) {
  return v > 0 && (v & (v - 1)) == 0;
}

void check_ports(const SramQuery& q) {
  const bool ok = (q.rw_ports == 1 && q.rd_ports == 0 && q.wr_ports == 0) ||
                  (q.rw_ports == 2 && q.rd_ports == 0 && q.wr_ports == 0) ||
                  (q.rw_ports == 0 && q.rd_ports == 1 && q.wr_ports == 1);
  if (!ok)
    throw_query_error(q, "rw_ports/rd_ports/wr_ports",
                      fmt::format("{} rw + {} rd + {} wr ports per bank is not a fitted port set; "
                                  "use 1 rw, 2 rw, or 1 rd + 1 wr, {}",
                                  q.rw_ports, q.rd_ports, q.wr_ports, kUseCacti));
}

void check_sizes(const SramQuery& q) {
  if (q.size_bytes < D::min_size_bytes || q.size_bytes > D::max_size_bytes)
    throw_query_error(q, "size_bytes",
                      fmt::format("{} bytes is outside the fitted range {}..{} (1 KiB..2 MiB); use "
                                  "a size in that range, {}",
                                  q.size_bytes, D::min_size_bytes, D::max_size_bytes, kUseCacti));
  if (q.block_bytes < D::min_block_bytes || q.block_bytes > D::max_block_bytes)
    throw_query_error(
        q, "block_bytes",
        fmt::format("{} bytes is outside the fitted word-width range {}..{} bytes; use a "
                    "width in that range, {}",
                    q.block_bytes, D::min_block_bytes, D::max_block_bytes, kUseCacti));
  if (!power_of_two(q.banks))
    throw_query_error(
        q, "banks",
        fmt::format("{} is not a power of two (CACTI requires one); use 1, 2 or 4", q.banks));
  if (q.banks > D::max_banks)
    throw_query_error(q, "banks",
                      fmt::format("{} is outside the fitted range 1..{}; use 1, 2 or 4 banks, {}",
                                  q.banks, D::max_banks, kUseCacti));
  // CACTI needs >= 16 rows per subarray with at least 2 subarrays per bank (Ndbl >= 2).
  const std::int64_t min_size = 2LL * D::min_rows_per_subarray * q.banks * q.block_bytes;
  if (q.size_bytes < min_size)
    throw_query_error(
        q, "size_bytes",
        fmt::format("{} bytes in {} bank(s) of {} B words leaves fewer than {} rows "
                    "per subarray (size/(banks*block*2) = {} < 16), so CACTI finds no "
                    "valid organisation; use size_bytes >= {}, narrower words or fewer banks",
                    q.size_bytes, q.banks, q.block_bytes, D::min_rows_per_subarray,
                    q.size_bytes / (2LL * q.banks * q.block_bytes), min_size));
}

void check_technology(const SramQuery& q) {
  if (q.tech_nm < D::min_tech_nm || q.tech_nm > D::max_tech_nm)
    throw_query_error(
        q, "tech_nm",
        fmt::format("{} nm is outside the range {}..{} nm of CACTI 7's technology data; "
                    "use a node in that range",
                    q.tech_nm, D::min_tech_nm, D::max_tech_nm));
  if (q.temperature_k < D::min_temperature_k || q.temperature_k > D::max_temperature_k ||
      q.temperature_k % 10 != 0)
    throw_query_error(q, "temp_K",
                      fmt::format("{} K is not allowed: CACTI 7 takes {}..{} K in steps of 10 K",
                                  q.temperature_k, D::min_temperature_k, D::max_temperature_k));
}

/// Honest notes for inputs that are allowed but thinly covered by the reference data.
std::vector<std::string> coverage_warnings(const SramQuery& q) {
  std::vector<std::string> w;
  if (q.device != DeviceType::itrs_hp && q.temperature_k != 360)
    w.push_back("the temperature dependence of leakage was fitted on itrs-hp at 45 nm only");
  // The low-power file draws word widths, banks and ports at random; the hp sweep is a grid.
  if (q.device == DeviceType::itrs_hp && q.banks > 1 && q.block_bytes != 16 && q.block_bytes != 64)
    w.push_back("itrs-hp multi-bank terms were fitted at 16 and 64 B words only");
  if (q.device == DeviceType::itrs_hp && q.banks > 1 && q.rd_ports + q.wr_ports > 0)
    w.push_back("itrs-hp 1r1w ports with several banks were fitted on 2 points only");
  if (q.rw_ports == 2) w.push_back("2 rw ports were fitted on 4 itrs-hp points at 45 nm only");
  return w;
}

}  // namespace

BuiltinSramModel::BuiltinSramModel(SramFit fit) : fit_(std::move(fit)) {}

const BuiltinSramModel& BuiltinSramModel::standard() {
  static const BuiltinSramModel model(
      sram_fit_from_json(embedded_sram_fit_json(), "sim/cost/sram_fit_coefficients.json"));
  return model;
}

std::string BuiltinSramModel::validity_text() {
  return "22..90 nm, 1 KiB..2 MiB, 8..128 B words, 1/2/4 banks, ports 1rw|2rw|1r+1w per bank, "
         "itrs-hp|lstp|lop, 300..400 K; CACTI 7 plain RAM with ED^2 optimisation, no ECC";
}

void BuiltinSramModel::validate(const SramQuery& q) const {
  check_query_basics(q);
  check_sizes(q);
  check_ports(q);
  check_technology(q);
}

SramResult BuiltinSramModel::estimate(const SramQuery& q) const {
  validate(q);
  const auto raw = predict_raw(fit_, q);
  const std::string source =
      fmt::format("builtin model fitted to CACTI 7.0 reference data ({}), {} rows",
                  fit_.reference_file, fit_.rows_fitted);
  const std::string validity = validity_text();
  auto value = [&](double v, const char* unit, SramReportedOutput o) {
    // The accuracy of the query's own device family: the families differ (hp is the densest).
    const SramErrorStats& e = fit_.holdout_error[device_index(q.device)][static_cast<int>(o)];
    return SramValue{v, unit, source, validity,
                     fmt::format("{} held-out error vs CACTI: median {:.1f} %, p90 {:.1f} %",
                                 to_string(q.device), 100 * e.median, 100 * e.p90)};
  };
  using R = SramReportedOutput;
  SramResult r;
  r.access_time_ns = value(raw[0], "ns", R::access_time);
  r.cycle_time_ns = value(raw[1], "ns", R::cycle_time);
  r.read_energy_pj = value(raw[2] * 1000.0, "pJ", R::read_energy);
  r.write_energy_pj = value(raw[3] * 1000.0, "pJ", R::write_energy);
  r.leakage_subthreshold_per_bank_mw = value(raw[4], "mW", R::leakage);
  r.leakage_gate_per_bank_mw = value(raw[5], "mW", R::leakage);
  for (SramValue* part : {&r.leakage_subthreshold_per_bank_mw, &r.leakage_gate_per_bank_mw})
    part->accuracy += " (measured on their sum)";
  r.leakage_per_bank_mw = value(raw[4] + raw[5], "mW", R::leakage);
  r.leakage_total_mw = value((raw[4] + raw[5]) * q.banks, "mW", R::leakage);
  r.area_mm2 = value(raw[6], "mm2", R::area);
  r.warnings = coverage_warnings(q);
  return r;
}

SramResult estimate_sram_builtin(const SramQuery& q) {
  return BuiltinSramModel::standard().estimate(q);
}

}  // namespace circa
