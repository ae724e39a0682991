#include "sweep/export.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>

#include "spec/param.hpp"
#include "sweep/report_html.hpp"
#include "sweep/runner.hpp"

namespace circa::sweep {
namespace {

namespace fs = std::filesystem;

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string number(double v) {
  return std::isnan(v) ? "" : format_real(v);
}

/// A confirmation's metric.
double value_of(const StoredPoint& p, const std::string& metric) {
  if (!p.metrics.is_object() || !p.metrics.contains("values") ||
      !p.metrics.at("values").contains(metric))
    return std::nan("");
  return p.metrics.at("values").at(metric).get<double>();
}

}  // namespace

void write_csv(const ResultSet& r, std::ostream& out) {
  bool confirmed = false;
  for (const auto& row : r.rows) confirmed |= row.confirmation != nullptr;
  std::vector<std::string> head = {"key", "status", "feasible", "front_rank"};
  for (const auto& a : r.spec.axis_params) head.push_back(a);
  for (const auto& m : r.metric_names) head.push_back(m);
  if (confirmed)
    for (const auto& m : r.metric_names) head.push_back(r.spec.confirm_fidelity + "." + m);
  head.push_back("note");
  for (size_t i = 0; i < head.size(); ++i) out << (i ? "," : "") << csv_field(head[i]);
  out << "\n";
  for (const auto& row : r.rows) {
    const PointSummary& p = row.point;
    out << p.key << "," << to_string(p.status) << "," << (row.feasible ? 1 : 0) << ","
        << row.front_rank;
    for (size_t a = 0; a < r.spec.axis_params.size(); ++a)
      out << "," << csv_field(a < p.inputs.size() ? p.inputs[a] : "");
    for (size_t m = 0; m < r.metric_names.size(); ++m)
      out << "," << number(m < row.values.size() ? row.values[m] : std::nan(""));
    if (confirmed)
      for (const auto& m : r.metric_names)
        out << "," << (row.confirmation ? number(value_of(*row.confirmation, m)) : "");
    out << "," << csv_field(p.status == PointStatus::ok ? row.violation : p.error) << "\n";
  }
}

namespace {

nlohmann::json point_json(const ResultSet& r, const ResultRow& row) {
  const PointSummary& p = row.point;
  nlohmann::json inputs = nlohmann::json::object();
  for (size_t a = 0; a < r.spec.axis_params.size() && a < p.inputs.size(); ++a)
    if (!p.inputs[a].empty()) inputs[r.spec.axis_params[a]] = p.inputs[a];
  nlohmann::json e{{"key", p.key},
                   {"status", to_string(p.status)},
                   {"inputs", inputs},
                   {"feasible", row.feasible},
                   {"front_rank", row.front_rank},
                   {"seconds", p.seconds}};
  if (p.status == PointStatus::ok) e["metrics"] = r.metrics_of(p.key);
  if (!p.error.empty()) e["error"] = p.error;
  if (!row.feasible && p.status == PointStatus::ok) e["violation"] = row.violation;
  if (row.confirmation)
    e["confirmation"] = {{"fidelity", row.confirmation->fidelity},
                         {"status", to_string(row.confirmation->status)},
                         {"error", row.confirmation->error},
                         {"metrics", row.confirmation->metrics}};
  return e;
}

nlohmann::json results_head(const ResultSet& r, size_t listed) {
  nlohmann::json j = to_json(r.spec);
  j["version"] = r.version;
  if (listed < r.rows.size()) {  // only a large sweep's file says it is partial
    j["points_total"] = r.rows.size();
    j["points_listed"] = listed;
    j["points_note"] = kPartialJsonNote;
  }
  j["points"] = nlohmann::json::array();
  return j;
}

}  // namespace

nlohmann::json results_json(const ResultSet& r) {
  nlohmann::json j = results_head(r, r.rows.size());
  for (const auto& row : r.rows) j["points"].push_back(point_json(r, row));
  return j;
}

void write_results_json(const ResultSet& r, std::ostream& out, size_t max_points) {
  // results_json(r).dump(2) a point at a time: the head with an empty "points" array, split
  // there, and each point dumped at the array's indentation (4 spaces), so no tree or text of
  // every point is held at once.
  const std::vector<const ResultRow*> rows = sample_rows(r, max_points);
  const std::string head = results_head(r, rows.size()).dump(2);
  const std::string empty = "\n  \"points\": []";
  const size_t at = head.find(empty);
  CIRCA_CHECK(at != std::string::npos, "results head without its points array");
  if (rows.empty()) {
    out << head << "\n";
    return;
  }
  out << head.substr(0, at) << "\n  \"points\": [";
  for (size_t i = 0; i < rows.size(); ++i) {
    std::string text = point_json(r, *rows[i]).dump(2);
    out << (i ? ",\n    " : "\n    ");
    for (size_t from = 0, nl; from < text.size(); from = nl + 1) {  // a line at a time
      nl = std::min(text.find('\n', from), text.size());
      out.write(text.data() + from, static_cast<std::streamsize>(nl - from));
      if (nl < text.size()) out << "\n    ";
    }
  }
  out << "\n  ]" << head.substr(at + empty.size()) << "\n";
}

void write_file_with(const std::string& file, const std::function<void(std::ostream&)>& write) {
  errno = 0;
  std::ofstream out(file, std::ios::binary);
  write(out);
  if (out.flush()) return;
  const int err = errno;  // the failed open or write's
  throw ConfigError("cannot write '" + file + "'" +
                    (err != 0 ? " (" + std::string(std::strerror(err)) + ")" : std::string()) +
                    (err == ENOSPC ? "; the disk is full: free space (or choose another folder) "
                                     "and run again"
                                   : "; check the folder exists and is writable"));
}

void write_text_file(const std::string& file, const std::string& text) {
  write_file_with(file, [&](std::ostream& out) { out << text; });
}

void print_partial_json_note(const ResultSet& r, std::ostream& out) {
  if (r.rows.size() <= kMaxJsonPoints) return;
  out << r.spec.name << ": results.json lists " << sample_rows(r, kMaxJsonPoints).size() << " of "
      << r.rows.size() << " points: " << kPartialJsonNote << "\n";
}

void write_reports(const ResultSet& r, const std::string& dir) {
  write_file_with((fs::path(dir) / "results.csv").string(),
                  [&](std::ostream& out) { write_csv(r, out); });
  write_file_with((fs::path(dir) / "results.json").string(),
                  [&](std::ostream& out) { write_results_json(r, out, kMaxJsonPoints); });
  write_text_file((fs::path(dir) / "report.html").string(), render_report_html(r));
}

ResultSet load_results(const std::string& dir, const std::string& version,
                       const std::vector<std::string>* order) {
  const std::string path = store_path(dir);
  if (!fs::is_regular_file(path))
    throw ConfigError("'" + dir +
                      "' holds no sweep results (no results.sqlite); run 'circa sweep FILE --out " +
                      dir + "' first");
  const auto store = std::make_shared<const ResultStore>(path);
  const std::string spec = store->meta("report_spec");
  if (spec.empty())
    throw ConfigError("'" + path +
                      "' has no sweep description; it was not written by 'circa sweep'");
  // A store edited or damaged outside Circa is the user's file, not a Circa bug.
  try {
    return build_results_from_store(report_spec_from_json(nlohmann::json::parse(spec)), version,
                                    store, order);
  } catch (const nlohmann::json::exception& e) {
    throw ConfigError("results store '" + path + "' is damaged (" + e.what() +
                      "); move it away and run the sweep again");
  }
}

}  // namespace circa::sweep
