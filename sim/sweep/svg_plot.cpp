#include "sweep/svg_plot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace circa::sweep {
namespace {

constexpr double kW = 640, kH = 400, kLeft = 80, kRight = 20, kTop = 36, kBottom = 56;
const char* kPalette[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                          "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

/// Maps data values onto a pixel span, linearly or logarithmically, and chooses tick values.
class Scale {
 public:
  Scale(std::vector<double> values, double from_px, double to_px) : a_(from_px), b_(to_px) {
    values.erase(
        std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }),
        values.end());
    lo_ = values.empty() ? 0 : *std::min_element(values.begin(), values.end());
    hi_ = values.empty() ? 1 : *std::max_element(values.begin(), values.end());
    log_ = lo_ > 0 && hi_ / lo_ > 100;
    if (log_) lo_ = std::log10(lo_), hi_ = std::log10(hi_);
    if (hi_ == lo_) lo_ -= 0.5, hi_ += 0.5;
    const double pad = (hi_ - lo_) * 0.05;
    lo_ -= pad, hi_ += pad;
  }
  double operator()(double v) const {
    return a_ + (b_ - a_) * ((log_ ? std::log10(v) : v) - lo_) / (hi_ - lo_);
  }
  std::vector<double> ticks() const {
    std::vector<double> t;
    if (log_) {
      for (double e = std::ceil(lo_); e <= hi_; ++e) t.push_back(std::pow(10.0, e));
      return t;
    }
    const double raw = (hi_ - lo_) / 5, mag = std::pow(10.0, std::floor(std::log10(raw)));
    const double step = raw / mag < 2 ? 2 * mag : raw / mag < 5 ? 5 * mag : 10 * mag;
    for (double v = std::ceil(lo_ / step) * step; v <= hi_; v += step)
      t.push_back(std::abs(v) < step * 1e-9 ? 0 : v);
    return t;
  }
  bool log() const { return log_; }

 private:
  double a_, b_, lo_, hi_;
  bool log_;
};

std::string tick_text(double v) {
  return fmt::format("{:.4g}", v);
}

std::string axes(const Scale& x, const Scale& y, const std::string& xl, const std::string& yl) {
  std::string s = fmt::format(R"(<rect class="frame" x="{}" y="{}" width="{}" height="{}"/>)",
                              kLeft, kTop, kW - kLeft - kRight, kH - kTop - kBottom);
  for (double t : x.ticks())
    s += fmt::format(
        R"(<line class="grid" x1="{0:.1f}" x2="{0:.1f}" y1="{1}" y2="{2}"/><text class="tick" x="{0:.1f}" y="{3}" text-anchor="middle">{4}</text>)",
        x(t), kTop, kH - kBottom, kH - kBottom + 16, tick_text(t));
  for (double t : y.ticks())
    s += fmt::format(
        R"(<line class="grid" x1="{1}" x2="{2}" y1="{0:.1f}" y2="{0:.1f}"/><text class="tick" x="{3}" y="{0:.1f}" text-anchor="end" dy="4">{4}</text>)",
        y(t), kLeft, kW - kRight, kLeft - 6, tick_text(t));
  s += fmt::format(R"(<text class="label" x="{}" y="{}" text-anchor="middle">{}{}</text>)",
                   (kLeft + kW - kRight) / 2, kH - 14, html_escape(xl), x.log() ? " (log)" : "");
  s += fmt::format(
      R"svg(<text class="label" transform="translate(18 {}) rotate(-90)" text-anchor="middle">{}{}</text>)svg",
      (kTop + kH - kBottom) / 2, html_escape(yl), y.log() ? " (log)" : "");
  return s;
}

}  // namespace

std::string html_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string scatter_svg(const std::string& title, const std::string& x_label,
                        const std::string& y_label, const std::vector<ScatterPoint>& points,
                        bool join_front) {
  std::vector<double> xs, ys;
  for (const auto& p : points) xs.push_back(p.x), ys.push_back(p.y);
  const Scale x(xs, kLeft, kW - kRight), y(ys, kH - kBottom, kTop);
  std::string s = fmt::format(
      R"(<svg class="plot scatter" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}">)",
      kW, kH, kW, kH);
  s += fmt::format(R"(<text class="title" x="{}" y="22">{}</text>)", kLeft, html_escape(title));
  s += axes(x, y, x_label, y_label);
  std::vector<std::pair<double, double>> line;
  for (const auto& p : points)
    if (p.css_class.find("front") != std::string::npos) line.emplace_back(x(p.x), y(p.y));
  std::sort(line.begin(), line.end());
  std::string path;
  for (const auto& [px, py] : line)
    path += fmt::format("{}{:.1f},{:.1f}", path.empty() ? "" : " ", px, py);
  if (join_front && line.size() > 1)
    s += R"(<polyline class="front-line" points=")" + path + R"("/>)";
  for (const auto& p : points) {
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
    s += fmt::format(
        R"(<circle class="pt {}" cx="{:.1f}" cy="{:.1f}" r="{}"><title>{}</title></circle>)",
        p.css_class, x(p.x), y(p.y), p.css_class.find("front") != std::string::npos ? 5 : 3.5,
        html_escape(p.tooltip));
  }
  return s + "</svg>";
}

std::string stacked_bars_svg(const std::string& title, const std::string& unit,
                             const std::vector<std::string>& legend,
                             const std::vector<BarRow>& rows) {
  const double w_total = 840, row_h = 26, left = 290, width = w_total - left - kRight;
  const double height =
      kTop + row_h * static_cast<double>(rows.size()) + 30 + 18 * std::ceil(legend.size() / 4.0);
  double max_total = 0;
  for (const auto& r : rows) {
    double t = 0;
    for (double v : r.parts) t += std::max(0.0, v);
    max_total = std::max(max_total, t);
  }
  std::string s = fmt::format(
      R"(<svg class="plot bars" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {0} {1:.0f}" width="{0}" height="{1:.0f}">)",
      w_total, height);
  s += fmt::format(R"(<text class="title" x="{}" y="22">{} ({}; max {})</text>)", kLeft,
                   html_escape(title), html_escape(unit), tick_text(max_total));
  for (size_t i = 0; i < rows.size(); ++i) {
    const double y = kTop + row_h * static_cast<double>(i);
    s += fmt::format(
        R"(<g class="bar-row"><text class="tick" x="{}" y="{:.1f}" text-anchor="end">{}</text>)",
        left - 6, y + row_h * 0.6, html_escape(rows[i].label));
    double x = left;
    for (size_t k = 0; k < rows[i].parts.size() && k < legend.size(); ++k) {
      const double w = max_total > 0 ? width * std::max(0.0, rows[i].parts[k]) / max_total : 0;
      if (w <= 0) continue;
      s += fmt::format(
          R"(<rect class="bar" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"><title>{}: {} {}</title></rect>)",
          x, y + 3, w, row_h - 6, kPalette[k % 10], html_escape(legend[k]),
          tick_text(rows[i].parts[k]), html_escape(unit));
      x += w;
    }
    s += "</g>";
  }
  const double ly = kTop + row_h * static_cast<double>(rows.size()) + 16;
  for (size_t k = 0; k < legend.size(); ++k) {
    const double lx = left + 130.0 * static_cast<double>(k % 4),
                 yy = ly + 18 * static_cast<double>(k / 4);
    s += fmt::format(
        R"(<rect class="swatch" x="{:.0f}" y="{:.0f}" width="10" height="10" fill="{}"/><text class="tick" x="{:.0f}" y="{:.0f}">{}</text>)",
        lx, yy - 9, kPalette[k % 10], lx + 14, yy, html_escape(legend[k]));
  }
  return s + "</svg>";
}

}  // namespace circa::sweep
