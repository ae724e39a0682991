// Minimal CSV reading for Circa's own tables: '#' comment lines, a header, quoted fields.
#pragma once

#include <string>
#include <vector>

namespace circa::power {

struct CsvRow {
  int line = 0;  ///< 1-based line in the text
  std::vector<std::string> fields;
};

/// Rows after the header; throws ConfigError("<name>:<line>: ...") on a wrong field count.
std::vector<CsvRow> read_csv(const std::string& text, const std::string& name,
                             const std::vector<std::string>& header);

double csv_number(const CsvRow& row, size_t i, const std::string& name);

}  // namespace circa::power
