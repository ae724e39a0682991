// Sweep results as files: CSV (one row per point, axis values then metrics), JSON (the same plus
// breakdowns and the sweep's goals) and the HTML report, all written into the sweep folder.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

#include "sweep/results.hpp"

namespace circa::sweep {

/// The points a sweep's own results.json lists at most: a million points would be 2.5 GB of
/// JSON. Beyond it the file lists the front and an even sample of the rest (sample_rows) and
/// says so; results.csv always has every point, and `circa sweep export --json` writes all.
constexpr size_t kMaxJsonPoints = 20000;
/// What a partial results.json says about itself (its "points_note").
inline constexpr const char* kPartialJsonNote =
    "this file lists the Pareto front and an even sample of the other points; results.csv has "
    "every point, and 'circa sweep export DIR --json FILE' writes them all as JSON";

void write_csv(const ResultSet& r, std::ostream& out);
nlohmann::json results_json(const ResultSet& r);
/// results_json(r).dump(2) and a newline, written a point at a time (a million-point sweep);
/// with more rows than `max_points`, only sample_rows(r, max_points) and the counts.
void write_results_json(const ResultSet& r, std::ostream& out, size_t max_points = SIZE_MAX);

/// Says (in one line) that results.json is partial, when `r` has more than kMaxJsonPoints rows.
void print_partial_json_note(const ResultSet& r, std::ostream& out);

/// Writes `dir`/results.csv (every point), results.json (at most kMaxJsonPoints) and report.html.
void write_reports(const ResultSet& r, const std::string& dir);

/// The results of the sweep folder `dir` for `version`, rebuilt from its store; `order` as in
/// build_results. Throws ConfigError when `dir` holds no store.
ResultSet load_results(const std::string& dir, const std::string& version,
                       const std::vector<std::string>* order = nullptr);

/// Opens `file` and lets `write` fill it (a large file without a copy of its text in memory);
/// throws ConfigError naming the file when it cannot be written.
void write_file_with(const std::string& file, const std::function<void(std::ostream&)>& write);
/// Writes `text` to `file`, or throws ConfigError naming the file.
void write_text_file(const std::string& file, const std::string& text);

}  // namespace circa::sweep
