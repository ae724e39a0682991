// Cross-check of the analytical logic area against synthesis: each generated unit is
// synthesized by Yosys to generic gates, the gates are priced with NanGate 45 nm cell areas
// (nangate45_cells.csv), and the result is held against the logic model's inventory of the same
// unit (Horowitz ISSCC 2014 operator areas). Both sides are at 45 nm.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "spec/accelerator_spec.hpp"

namespace circa::xcheck {

struct UnitArea {
  std::string unit;    ///< a generated module's role (butterfly, mac_lane, peripheral, lstm_cell,
                       ///< fft, ...), or top_logic: the top module's own logic (controller,
                       ///< sequencers, conv gather and pooling, weight-stream FIFO)
  std::string module;  ///< the generated module synthesized
  double analytical_um2 = 0;
  double synthesized_um2 = 0;
  std::map<std::string, int> cells;  ///< yosys gate counts
  double ratio() const { return analytical_um2 / synthesized_um2; }
};

struct AreaCheck {
  std::vector<UnitArea> units;
  double analytical_um2 = 0;
  double synthesized_um2 = 0;
  double ratio() const { return analytical_um2 / synthesized_um2; }
};

/// Which parts to synthesize: the generated units, the top's own logic (by far the slowest: its
/// layer table and sequencers flatten to tens of thousands of gates), or both.
enum class AreaParts { units, top_logic, all };

/// Generates the spec's RTL into `workdir`, synthesizes each comparable unit and prices both
/// sides at 45 nm. ConfigError when yosys is missing or fails.
AreaCheck yosys_area_check(const AcceleratorSpec& s, const std::string& workdir,
                           AreaParts parts = AreaParts::all);

/// Prices a yosys `stat` cell list; ConfigError naming a cell the table does not price.
double nangate_area_um2(const std::map<std::string, int>& cells);

/// Reads the "$_X_   N" lines of a yosys `stat` report.
std::map<std::string, int> parse_stat_cells(const std::string& stat);

}  // namespace circa::xcheck
