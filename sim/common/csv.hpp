// The project's one CSV reader/writer (RFC 4180 quoting): the CACTI reference tables, `circa sram
// --csv`, and the bundled logic and cell tables ('#' comment lines allowed there).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace circa {

/// A parsed CSV file: one header row, then data rows, each with the line it started on.
struct CsvTable {
  std::string path;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> lines;  ///< 1-based source line of each row, for error messages
  int header_line = 0;

  /// Index of a header column, or -1.
  int column(const std::string& name) const;
  /// Index of a column that must exist; ConfigError naming the file and the missing column.
  int required_column(const std::string& name) const;
  /// ConfigError at the header's line unless the header is exactly `columns`.
  void expect_header(const std::vector<std::string>& columns) const;
  /// Field `col` of row `row` as a number; ConfigError naming the file, line and field.
  double number(std::size_t row, std::size_t col) const;
};

/// Parses CSV text; ConfigError (naming `path` and the line) on unbalanced quotes or ragged rows.
/// With `comments`, records whose first character is '#' are skipped.
CsvTable parse_csv(const std::string& text, const std::string& path, bool comments = false);
/// Reads and parses a CSV file; ConfigError when it cannot be read.
CsvTable read_csv_file(const std::string& path);
/// Quotes a field when it holds a comma, quote or newline.
std::string csv_field(const std::string& text);

}  // namespace circa
