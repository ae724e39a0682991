#include "common/csv.hpp"

#include <algorithm>
#include <cstdlib>

#include "common/error.hpp"
#include "common/text_file.hpp"

namespace circa {

int CsvTable::column(const std::string& name) const {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

int CsvTable::required_column(const std::string& name) const {
  int c = column(name);
  if (c < 0)
    throw ConfigError(SourceLocation{path, 1, 0}, name,
                      "column '" + name +
                          "' is missing from the header; add it (see the CACTI "
                          "reference CSV for the expected column names)");
  return c;
}

void CsvTable::expect_header(const std::vector<std::string>& columns) const {
  if (header != columns)
    throw ConfigError(SourceLocation{path, header_line, 1}, "",
                      "unexpected header; expected the columns of the bundled table");
}

double CsvTable::number(std::size_t row, std::size_t col) const {
  const std::string& f = rows[row][col];
  char* end = nullptr;
  const double v = std::strtod(f.c_str(), &end);
  if (f.empty() || *end != '\0')
    throw ConfigError(SourceLocation{path, lines[row], 1}, "",
                      "field " + std::to_string(col + 1) + " '" + f + "' is not a number");
  return v;
}

namespace {

/// Splits one record starting at `pos`; advances `pos` and `line` past it.
std::vector<std::string> next_record(const std::string& t, size_t& pos, int& line,
                                     const std::string& path) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  const int start_line = line;
  for (; pos < t.size(); ++pos) {
    char c = t[pos];
    if (quoted) {
      if (c == '"' && pos + 1 < t.size() && t[pos + 1] == '"') {
        fields.back() += '"';
        ++pos;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c == '\n') {
      ++pos;
      ++line;
      break;
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  if (quoted)
    throw ConfigError(SourceLocation{path, start_line, 0}, "",
                      "unterminated quoted field; close the quote");
  return fields;
}

}  // namespace

CsvTable parse_csv(const std::string& text, const std::string& path, bool comments) {
  CsvTable t;
  t.path = path;
  size_t pos = 0;
  int line = 1;
  while (pos < text.size()) {
    const int row_line = line;
    if (comments && text[pos] == '#') {
      pos = std::min(text.find('\n', pos), text.size() - 1) + 1;
      ++line;
      continue;
    }
    auto rec = next_record(text, pos, line, path);
    if (rec.size() == 1 && rec[0].empty()) continue;  // blank line
    if (t.header.empty()) {
      t.header = std::move(rec);
      t.header_line = row_line;
      continue;
    }
    if (rec.size() != t.header.size())
      throw ConfigError(SourceLocation{path, row_line, 0}, "",
                        "row has " + std::to_string(rec.size()) + " fields but the header has " +
                            std::to_string(t.header.size()) + "; fix the row");
    t.rows.push_back(std::move(rec));
    t.lines.push_back(row_line);
  }
  if (t.header.empty()) throw ConfigError(SourceLocation{path, 0, 0}, "", "the CSV file is empty");
  return t;
}

CsvTable read_csv_file(const std::string& path) {
  return parse_csv(read_text_file(path), path);
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string q = "\"";
  for (char c : text) q += (c == '"') ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

}  // namespace circa
