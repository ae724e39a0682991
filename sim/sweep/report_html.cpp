#include "sweep/report_html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "eval/metrics.hpp"
#include "spec/param.hpp"
#include "sweep/export.hpp"
#include "sweep/report_app.hpp"
#include "sweep/svg_plot.hpp"

namespace circa::sweep {
namespace {

const char* kStyle = R"(body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}
table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}
th{background:#f0f0f0}tr.front td{background:#eef6ee}tr.failed td{color:#a33}td.note{text-align:left}
svg .frame{fill:none;stroke:#888}svg .grid{stroke:#eee}svg .tick{font-size:11px;fill:#555}
svg .label{font-size:12px}svg .title{font-size:14px;font-weight:600}
svg .pt{fill:#9aa;fill-opacity:.6}svg .pt.infeasible{fill:none;stroke:#c88}
svg .pt.front{fill:#d62728;fill-opacity:.9}svg .front-line{fill:none;stroke:#d62728;stroke-width:1.5}
svg .pt.sel{stroke:#000;stroke-width:2.5}svg .pt{cursor:pointer}tr.sel td{background:#ffe9a8}
#circa-tip{position:absolute;display:none;background:#fff;border:1px solid #888;padding:4px 8px;
font-size:11px;white-space:pre;pointer-events:none}th{cursor:pointer}
th[data-sort=asc]::after{content:" \25B2"}th[data-sort=desc]::after{content:" \25BC"}
td.share span{display:inline-block;height:9px;background:#d62728;vertical-align:middle}
table.breakdown{display:inline-table;margin:0 16px 8px 0;vertical-align:top}
)";

// Annotates each plot with how many marks the browser actually laid out (a rendering check).
const char* kScript = R"(<script>
document.querySelectorAll('svg.plot').forEach(function(svg){var n=0;
svg.querySelectorAll('circle.pt,rect.bar').forEach(function(e){var b=e.getBBox();if(b.width>0&&b.height>0)n++;});
svg.setAttribute('data-drawn',String(n));});
</script>)";

/// A row's breakdowns (read again from the store), or an empty object.
nlohmann::json breakdowns_of(const ResultSet& r, const ResultRow& row) {
  const nlohmann::json m = r.metrics_of ? r.metrics_of(row.point.key) : nlohmann::json();
  return m.is_object() && m.contains("breakdowns") ? m.at("breakdowns") : nlohmann::json::object();
}

/// "block_size=64 mac.lanes=8 ..." (or "block_size=64 lanes=8" when `short_names`).
std::string label_of(const ResultRow& row, const ReportSpec& spec, bool short_names = false) {
  std::string s;
  for (size_t i = 0; i < spec.axis_params.size() && i < row.point.inputs.size(); ++i) {
    const std::string& a = spec.axis_params[i];
    if (row.point.inputs[i].empty()) continue;
    const std::string name = short_names ? a.substr(a.rfind('.') + 1) : a;
    s += (s.empty() ? "" : " ") + name + "=" + row.point.inputs[i];
  }
  return s.empty() ? row.point.key.substr(0, 12) : s;
}

/// The plot's y metric: the second objective, else the metric table's preferred fallback axis
/// (a common cost) that the first objective does not cover.
std::string y_metric(const ResultSet& r) {
  if (r.spec.objectives.size() > 1) return r.spec.objectives[1].metric;
  const std::string x = r.spec.objectives.at(0).metric;
  std::vector<const eval::MetricDef*> fallbacks;
  for (const auto& m : eval::metric_table())
    if (m.fallback_axis > 0) fallbacks.push_back(&m);
  std::sort(fallbacks.begin(), fallbacks.end(),
            [](auto* a, auto* b) { return a->fallback_axis < b->fallback_axis; });
  for (const eval::MetricDef* m : fallbacks)
    if (m->name != x && std::count(r.metric_names.begin(), r.metric_names.end(), m->name))
      return m->name;
  for (const auto& m : r.metric_names)
    if (m != x) return m;
  return x;
}

std::string scatter(const ResultSet& r) {
  const std::string xm = r.spec.objectives.at(0).metric, ym = y_metric(r);
  std::vector<ScatterPoint> pts;
  for (const ResultRow* shown : shown_rows(r)) {
    const ResultRow& row = *shown;
    if (row.point.status != PointStatus::ok) continue;
    const std::string cls = row.on_front() ? "front" : row.feasible ? "feasible" : "infeasible";
    pts.push_back(ScatterPoint{
        row.metric(xm), row.metric(ym), cls,
        label_of(row, r.spec) +
            (row.on_front() ? " (front #" + std::to_string(row.front_rank) + ")" : "")});
  }
  // Joining the front is only meaningful when the plot shows all of its objectives.
  const bool join = r.spec.objectives.size() == 2;
  return scatter_svg("Pareto front: " + xm + " vs " + ym, xm, ym, pts, join);
}

/// The objective that is an accuracy metric, or null.
const Objective* accuracy_objective(const ResultSet& r) {
  for (const auto& o : r.spec.objectives)
    if (is_accuracy_metric(o.metric)) return &o;
  return nullptr;
}

constexpr const char* kEnergy = "energy_per_inference_uj";

/// Energy against the accuracy objective with the front of just these two among the feasible
/// points, when the sweep ranks accuracy among more objectives (with exactly these two, the
/// main plot is this one already). Empty otherwise.
std::string accuracy_energy(const ResultSet& r) {
  const Objective* acc = accuracy_objective(r);
  if (!acc || !std::count(r.metric_names.begin(), r.metric_names.end(), kEnergy)) return "";
  const std::vector<std::string> main = {r.spec.objectives[0].metric, y_metric(r)};
  if (r.spec.objectives.size() == 2 && std::count(main.begin(), main.end(), kEnergy) &&
      std::count(main.begin(), main.end(), acc->metric))
    return "";
  std::vector<const ResultRow*> rows;
  std::vector<std::vector<double>> costs;
  for (const auto& row : r.rows) {
    if (!row.feasible) continue;
    const double a = row.metric(acc->metric);
    rows.push_back(&row);
    costs.push_back({row.metric(kEnergy), acc->goal == Goal::maximise ? -a : a});
  }
  const std::vector<bool> keep = non_dominated(costs);
  std::vector<ScatterPoint> pts;
  size_t on_front = 0;
  std::vector<bool> shown(r.rows.size(), false);
  for (const ResultRow* row : shown_rows(r)) shown[row - r.rows.data()] = true;
  for (size_t i = 0; i < rows.size(); ++i) {
    on_front += keep[i];
    if (!keep[i] && !shown[rows[i] - r.rows.data()]) continue;  // the page's sample only
    pts.push_back(ScatterPoint{rows[i]->metric(kEnergy), rows[i]->metric(acc->metric),
                               keep[i] ? "front" : "feasible", label_of(*rows[i], r.spec)});
  }
  return fmt::format(
      "<h2>Accuracy-energy Pareto front</h2>\n<p>The {} feasible points; red: the {} that no "
      "other point beats in both {} and {}.</p>\n<p>{}</p>\n",
      rows.size(), on_front, kEnergy, acc->metric,
      scatter_svg("Accuracy-energy Pareto front: " + std::string(kEnergy) + " vs " + acc->metric,
                  kEnergy, acc->metric, pts, true));
}

/// One stacked-bar plot per breakdown (area_um2, energy_pj, ...) over the front's best points;
/// energy_pj's split by kind (energy_dynamic_pj, ...) is shown on a selected point only.
std::string breakdowns(const ResultSet& r) {
  std::vector<const ResultRow*> chosen = front(r);
  if (chosen.size() > kMaxBarPoints) chosen.resize(kMaxBarPoints);
  std::vector<nlohmann::json> parts_of;  // each chosen row's breakdowns, read once
  for (const auto* row : chosen) parts_of.push_back(breakdowns_of(r, *row));
  std::set<std::string> names;
  for (const auto& b : parts_of)
    for (const auto& [name, parts] : b.items())
      if (name == "energy_pj" || name.rfind("energy_", 0) != 0) names.insert(name);
  std::string out;
  for (const auto& name : names) {
    std::set<std::string> units;
    for (const auto& b : parts_of)
      if (b.contains(name))
        for (const auto& [unit, v] : b.at(name).items()) units.insert(unit);
    const std::vector<std::string> legend(units.begin(), units.end());
    std::vector<BarRow> bars;
    for (size_t c = 0; c < chosen.size(); ++c) {
      const ResultRow* row = chosen[c];
      BarRow bar{
          "#" + std::to_string(row->front_rank) + " " + label_of(*row, r.spec, true).substr(0, 40),
          {}};
      const auto& b = parts_of[c];
      for (const auto& u : legend)
        bar.parts.push_back(
            b.contains(name) && b.at(name).contains(u) ? b.at(name).at(u).get<double>() : 0.0);
      bars.push_back(std::move(bar));
    }
    const size_t cut = name.rfind('_');
    out += "<p>" +
           stacked_bars_svg("Per-unit " + name.substr(0, cut),
                            cut == std::string::npos ? "" : name.substr(cut + 1), legend, bars) +
           "</p>\n";
  }
  return out.empty() ? "<p>No point on the front reports breakdowns.</p>\n" : out;
}

/// The rows as JSON for the report's script, in table order ("</" escaped for the script tag).
std::string report_data(const ResultSet& r) {
  nlohmann::json j{{"axes", r.spec.axis_params},
                   {"metrics", r.metric_names},
                   {"x", r.spec.objectives.at(0).metric},
                   {"y", y_metric(r)},
                   {"join_front", r.spec.objectives.size() == 2},
                   {"rows", nlohmann::json::array()}};
  const std::vector<const ResultRow*> shown = shown_rows(r);
  // A sampled page carries the breakdowns of the front only (they are most of its size).
  const bool sampled = shown.size() < r.rows.size();
  for (const ResultRow* shown_row : shown) {
    const ResultRow& row = *shown_row;
    const PointSummary& p = row.point;
    nlohmann::json values = nlohmann::json::object(), inputs = nlohmann::json::object();
    for (size_t m = 0; m < r.metric_names.size(); ++m)
      values[r.metric_names[m]] = row.values[m];  // NaN -> null
    for (size_t a = 0; a < r.spec.axis_params.size() && a < p.inputs.size(); ++a)
      if (!p.inputs[a].empty()) inputs[r.spec.axis_params[a]] = p.inputs[a];
    j["rows"].push_back({{"key", p.key},
                         {"label", label_of(row, r.spec)},
                         {"status", to_string(p.status)},
                         {"feasible", row.feasible},
                         {"front", row.front_rank},
                         {"inputs", inputs},
                         {"values", values},
                         {"breakdowns", sampled && !row.on_front() ? nlohmann::json::object()
                                                                   : breakdowns_of(r, row)},
                         {"note", p.status == PointStatus::ok ? row.violation : p.error}});
  }
  std::string text = j.dump();
  for (size_t at = text.find("</"); at != std::string::npos; at = text.find("</", at))
    text.replace(at, 2, "<\\/");
  return text;
}

// Shown by the script only (hidden when scripts do not run).
const char* kExploreControls =
    R"(<p id="circa-explore" style="display:none">Plot <select id="circa-y"></select> against
<select id="circa-x"></select>; hover a point for its figures, click it (or a table row) to see its
breakdown.</p>
)";
const char* kTableFilters =
    R"(<p><label><input type="checkbox" id="circa-front"> front only</label>
<label><input type="checkbox" id="circa-feasible"> feasible only</label>
<input type="search" id="circa-text" placeholder="filter rows"> <span id="circa-count"></span>
Click a column header to sort.</p>
)";

std::string cell(double v) {
  return std::isnan(v) ? "" : fmt::format("{:.5g}", v);
}

std::string table(const ResultSet& r) {
  std::string s =
      std::string(kTableFilters) + "<table id=\"circa-table\"><tr><th>front</th><th>status</th>";
  for (const auto& a : r.spec.axis_params) s += "<th>" + html_escape(a) + "</th>";
  for (const auto& m : r.metric_names) s += "<th>" + html_escape(m) + "</th>";
  s += "<th>note</th></tr>\n";
  size_t n = 0;
  const std::vector<const ResultRow*> rows = shown_rows(r);
  for (const ResultRow* shown : rows) {
    const ResultRow& row = *shown;
    ++n;
    const auto& p = row.point;
    s += fmt::format("<tr class=\"{}\" data-i=\"{}\"><td>{}</td><td>{}</td>",
                     row.on_front()                ? "front"
                     : p.status == PointStatus::ok ? ""
                                                   : "failed",
                     n - 1, row.on_front() ? std::to_string(row.front_rank) : "",
                     to_string(p.status));
    for (size_t a = 0; a < r.spec.axis_params.size(); ++a)
      s += "<td>" + html_escape(a < p.inputs.size() ? p.inputs[a] : "") + "</td>";
    for (size_t m = 0; m < r.metric_names.size(); ++m) s += "<td>" + cell(row.values[m]) + "</td>";
    std::string note = p.status == PointStatus::ok ? row.violation : p.error;
    if (row.confirmation && row.confirmation->status == PointStatus::ok &&
        row.confirmation->metrics.contains("values"))
      note +=
          fmt::format("{}{}: {} cycles", note.empty() ? "" : "; ", r.spec.confirm_fidelity,
                      cell(row.confirmation->metrics.at("values").value("cycles", std::nan(""))));
    s += "<td class=\"note\">" + html_escape(note) + "</td></tr>\n";
  }
  s += "</table>\n";
  if (rows.size() < r.rows.size())
    s += fmt::format(
        "<p>The page shows {} of the {} points: the whole front and an even sample of the rest "
        "(breakdowns of the front only). results.csv has all of them; results.json lists at "
        "most {} (the front and an even sample), 'circa sweep export DIR --json FILE' writes "
        "them all.</p>\n",
        rows.size(), r.rows.size(), kMaxJsonPoints);
  return s;
}

std::string summary(const ResultSet& r) {
  size_t ok = 0, feasible = 0;
  for (const auto& row : r.rows)
    ok += row.point.status == PointStatus::ok, feasible += row.feasible;
  std::string goals, limits;
  for (const auto& o : r.spec.objectives)
    goals += (goals.empty() ? "" : ", ") +
             std::string(o.goal == Goal::minimise ? "minimise " : "maximise ") + o.metric;
  for (const auto& c : r.spec.constraints) limits += (limits.empty() ? "" : ", ") + c.text;
  return fmt::format(
      "<p>circa {}, {} fidelity: {} points, {} evaluated, {} failed, {} meet the constraints, {} "
      "on the "
      "Pareto front.</p>\n<p>Objectives: {}. Constraints: {}.</p>\n",
      html_escape(r.version), html_escape(r.spec.fidelity), r.rows.size(), ok, r.rows.size() - ok,
      feasible, front(r).size(), html_escape(goals), html_escape(limits.empty() ? "none" : limits));
}

}  // namespace

std::vector<const ResultRow*> shown_rows(const ResultSet& r) {
  return sample_rows(r, kMaxShownRows);
}

std::string render_report_html(const ResultSet& r) {
  std::string s = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
                  html_escape(r.spec.name) + " - Circa sweep</title>\n<style>" + kStyle +
                  "</style></head><body>\n";
  s += "<h1>Sweep " + html_escape(r.spec.name) + "</h1>\n" + summary(r);
  s += "<h2>Pareto front</h2>\n" + std::string(kExploreControls) + "<div id=\"circa-plot\">" +
       scatter(r) + "</div>\n<div id=\"circa-selected\"></div><div id=\"circa-tip\"></div>\n";
  s += accuracy_energy(r);
  s += "<h2>Breakdowns of the best front points</h2>\n" + breakdowns(r);
  s += "<h2>All points</h2>\n" + table(r);
  s += "<script type=\"application/json\" id=\"circa-data\">" + report_data(r) + "</script>\n";
  s += std::string("<script>\n") + kReportAppJs + "</script>\n";
  return s + kScript + "\n</body></html>\n";
}

}  // namespace circa::sweep
