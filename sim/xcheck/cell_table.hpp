// The NanGate 45 nm cell areas of nangate45_cells.csv, compiled in.
#pragma once

#include <string>

namespace circa::xcheck {

/// Area of one yosys generic cell; ConfigError for a cell the table does not price.
double cell_area_um2(const std::string& yosys_cell);

}  // namespace circa::xcheck
