// The sweep's HTML report: one self-contained page (inline CSS, SVG and script; nothing fetched
// from the network) with the Pareto scatter plot, per-unit breakdown bars of the front's best
// points, and the table of all points. Its script (report_app.js) redraws the plot on any two
// metrics, shows a point's figures on hover and its breakdown on click, and sorts and filters
// the table; without scripts the static plot and table remain.
#pragma once

#include <string>
#include <vector>

#include "sweep/results.hpp"

namespace circa::sweep {

/// Points whose breakdowns are drawn as bars: the front's best, at most this many.
constexpr size_t kMaxBarPoints = 12;
/// Rows the page carries (plots, table and script data): the whole front and an even sample of
/// the rest up to this many; results.csv has every row (a 100k-row page makes browsers crawl).
constexpr size_t kMaxShownRows = 5000;

/// The rows the page shows, in table order: every front row, then others sampled evenly.
std::vector<const ResultRow*> shown_rows(const ResultSet& r);

std::string render_report_html(const ResultSet& r);

}  // namespace circa::sweep
