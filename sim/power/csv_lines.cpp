#include "power/csv_lines.hpp"

#include <cstdlib>
#include <sstream>

#include "common/error.hpp"

namespace circa::power {
namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (char c : line) {
    if (c == '"')
      quoted = !quoted;
    else if (c == ',' && !quoted)
      out.emplace_back();
    else
      out.back() += c;
  }
  return out;
}

}  // namespace

std::vector<CsvRow> read_csv(const std::string& text, const std::string& name,
                             const std::vector<std::string>& header) {
  std::istringstream in(text);
  std::vector<CsvRow> rows;
  bool seen_header = false;
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    auto fields = split(line);
    if (!seen_header) {
      if (fields != header)
        throw ConfigError(SourceLocation{name, n, 1}, "",
                          "unexpected header; expected the columns of the bundled table");
      seen_header = true;
      continue;
    }
    if (fields.size() != header.size())
      throw ConfigError(SourceLocation{name, n, 1}, "",
                        "expected " + std::to_string(header.size()) + " fields, found " +
                            std::to_string(fields.size()));
    rows.push_back(CsvRow{n, std::move(fields)});
  }
  return rows;
}

double csv_number(const CsvRow& row, size_t i, const std::string& name) {
  char* end = nullptr;
  const double v = std::strtod(row.fields[i].c_str(), &end);
  if (row.fields[i].empty() || *end != '\0')
    throw ConfigError(
        SourceLocation{name, row.line, 1}, "",
        "field " + std::to_string(i + 1) + " '" + row.fields[i] + "' is not a number");
  return v;
}

}  // namespace circa::power
