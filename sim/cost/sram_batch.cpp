#include "cost/sram_batch.hpp"

#include <charconv>

#include <fmt/format.h>

namespace circa {

namespace {

std::int64_t integer_cell(const CsvTable& t, size_t row, const char* column) {
  const int c = t.required_column(column);
  const std::string& s = t.rows[row][c];
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size())
    throw ConfigError(SourceLocation{t.path, t.lines[row], c + 1}, column,
                      "'" + s + "' is not an integer; write a whole number");
  return v;
}

int int_cell(const CsvTable& t, size_t row, const char* column) {
  const std::int64_t v = integer_cell(t, row, column);
  if (v < -1000000000 || v > 1000000000)
    throw ConfigError(SourceLocation{t.path, t.lines[row], t.column(column) + 1}, column,
                      fmt::format("{} is out of range", v));
  return static_cast<int>(v);
}

/// The per-output lines of a report: name, value, unit, accuracy.
void add_line(std::string& out, const char* name, const SramValue& v) {
  out += fmt::format("  {:<34} {:>12.6g} {:<4} ({})\n", name, v.value, v.unit, v.accuracy);
}

}  // namespace

SramCsvPoint sram_point_from_csv(const CsvTable& t, size_t row) {
  SramCsvPoint p;
  p.point_id = t.rows[row][t.required_column("point_id")];
  SramQuery& q = p.query;
  q.where = SourceLocation{t.path, t.lines[row], 0};
  q.size_bytes = integer_cell(t, row, "size_bytes");
  q.block_bytes = int_cell(t, row, "block_bytes");
  q.banks = int_cell(t, row, "banks");
  q.tech_nm = int_cell(t, row, "tech_nm");
  q.rw_ports = int_cell(t, row, "rw_ports");
  q.rd_ports = int_cell(t, row, "rd_ports");
  q.wr_ports = int_cell(t, row, "wr_ports");
  q.temperature_k = int_cell(t, row, "temp_K");
  q.device = parse_device_type(t.rows[row][t.required_column("cell_type")], q);
  return p;
}

std::vector<SramCsvPoint> read_sram_points_csv(const std::string& path) {
  const CsvTable t = read_csv_file(path);
  for (const char* c : kSramInputColumns) t.required_column(c);
  std::vector<SramCsvPoint> pts;
  for (size_t i = 0; i < t.rows.size(); ++i) pts.push_back(sram_point_from_csv(t, i));
  return pts;
}

std::vector<SramResult> estimate_all(const SramEstimator& model,
                                     const std::vector<SramCsvPoint>& pts) {
  std::vector<SramResult> out;
  out.reserve(pts.size());
  for (const auto& p : pts) out.push_back(model.estimate(p.query));
  return out;
}

std::string sram_results_csv(const std::vector<SramCsvPoint>& pts,
                             const std::vector<SramResult>& res) {
  CIRCA_CHECK(pts.size() == res.size(), "one result per point");
  std::string out = "point_id";
  for (const char* c : kSramOutputColumns) out += std::string(",") + c;
  out += "\n";
  for (size_t i = 0; i < pts.size(); ++i) {
    const SramResult& r = res[i];
    const double v[] = {r.access_time_ns.value,
                        r.cycle_time_ns.value,
                        r.read_energy_pj.value / 1000.0,
                        r.write_energy_pj.value / 1000.0,
                        r.leakage_subthreshold_per_bank_mw.value,
                        r.leakage_gate_per_bank_mw.value,
                        r.leakage_per_bank_mw.value,
                        r.leakage_total_mw.value,
                        r.area_mm2.value};
    out += csv_field(pts[i].point_id);
    for (double x : v) out += fmt::format(",{:.6g}", x);
    out += "\n";
  }
  return out;
}

std::string format_sram_result(const SramQuery& q, const SramResult& r) {
  std::string out = "SRAM " + describe(q) + "\n";
  add_line(out, "access_time_ns", r.access_time_ns);
  add_line(out, "cycle_time_ns", r.cycle_time_ns);
  add_line(out, "read_energy_pj (per word access)", r.read_energy_pj);
  add_line(out, "write_energy_pj (per word access)", r.write_energy_pj);
  add_line(out, "leakage_per_bank_mw", r.leakage_per_bank_mw);
  add_line(out, "leakage_total_mw (all banks)", r.leakage_total_mw);
  add_line(out, "area_mm2 (all banks)", r.area_mm2);
  out += "source:   " + r.access_time_ns.source + "\n";
  out += "validity: " + r.access_time_ns.validity + "\n";
  for (const auto& w : r.warnings) out += "warning:  " + w + "\n";
  return out;
}

}  // namespace circa
