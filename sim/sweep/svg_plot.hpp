// Plots as inline SVG text, drawn here in C++ so the report needs no script library and no
// network: a scatter plot (with the Pareto front joined) and horizontal stacked bars.
#pragma once

#include <string>
#include <vector>

namespace circa::sweep {

struct ScatterPoint {
  double x = 0;
  double y = 0;
  std::string css_class;  ///< added to "pt": "front", "infeasible", ...
  std::string tooltip;
};

/// A scatter plot; with `join_front`, points of class "front" are joined by a line in x order.
/// An axis turns logarithmic when its positive values span more than two decades.
std::string scatter_svg(const std::string& title, const std::string& x_label,
                        const std::string& y_label, const std::vector<ScatterPoint>& points,
                        bool join_front);

struct BarRow {
  std::string label;
  std::vector<double> parts;  ///< one value per legend entry
};

/// One horizontal stacked bar per row, segments in `legend` order, all on one scale.
std::string stacked_bars_svg(const std::string& title, const std::string& unit,
                             const std::vector<std::string>& legend,
                             const std::vector<BarRow>& rows);

/// Text safe inside HTML/SVG elements and attribute values.
std::string html_escape(const std::string& s);

}  // namespace circa::sweep
