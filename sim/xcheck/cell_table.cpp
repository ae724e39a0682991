#include "xcheck/cell_table.hpp"

#include <map>

#include "common/csv.hpp"
#include "common/error.hpp"
#include "xcheck/cell_table_text.hpp"

namespace circa::xcheck {

double cell_area_um2(const std::string& cell) {
  static const std::map<std::string, double> table = [] {
    const CsvTable csv = parse_csv(kNangateCellsCsv, "sim/xcheck/nangate45_cells.csv", true);
    csv.expect_header({"yosys_cell", "area_um2", "source"});
    std::map<std::string, double> t;
    for (std::size_t i = 0; i < csv.rows.size(); ++i) t[csv.rows[i][0]] = csv.number(i, 1);
    return t;
  }();
  const auto it = table.find(cell);
  if (it == table.end())
    throw ConfigError("yosys produced cell " + cell +
                      ", which sim/xcheck/nangate45_cells.csv does not price; add a row for it");
  return it->second;
}

}  // namespace circa::xcheck
