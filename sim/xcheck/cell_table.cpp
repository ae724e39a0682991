#include "xcheck/cell_table.hpp"

#include <map>

#include "common/error.hpp"
#include "power/csv_lines.hpp"
#include "xcheck/cell_table_text.hpp"

namespace circa::xcheck {

double cell_area_um2(const std::string& cell) {
  static const std::map<std::string, double> table = [] {
    const std::string name = "sim/xcheck/nangate45_cells.csv";
    std::map<std::string, double> t;
    for (const auto& r :
         power::read_csv(kNangateCellsCsv, name, {"yosys_cell", "area_um2", "source"}))
      t[r.fields[0]] = power::csv_number(r, 1, name);
    return t;
  }();
  const auto it = table.find(cell);
  if (it == table.end())
    throw ConfigError("yosys produced cell " + cell +
                      ", which sim/xcheck/nangate45_cells.csv does not price; add a row for it");
  return it->second;
}

}  // namespace circa::xcheck
