#include "cost/sram_features.hpp"

#include <algorithm>
#include <cmath>

#include "common/error.hpp"

namespace circa {

const char* reference_column(SramFitOutput o) {
  switch (o) {
    case SramFitOutput::access_time:
      return "access_time_ns";
    case SramFitOutput::cycle_time:
      return "cycle_time_ns";
    case SramFitOutput::read_energy:
      return "read_energy_nJ";
    case SramFitOutput::write_energy:
      return "write_energy_nJ";
    case SramFitOutput::leakage_subthreshold:
      return "leakage_subthreshold_mW";
    case SramFitOutput::leakage_gate:
      return "leakage_gate_mW";
    case SramFitOutput::area:
      return "area_mm2";
  }
  return "?";
}

namespace {

/// Piecewise-linear interpolation weights of x on the knots (they sum to 1).
template <size_t N>
std::array<double, N> hats(double x, const std::array<double, N>& knots) {
  CIRCA_CHECK(x >= knots.front() - 1e-9 && x <= knots.back() + 1e-9,
              "SRAM model feature outside its knots (query not validated?)");
  std::array<double, N> h{};
  for (size_t i = 0; i + 1 < N; ++i) {
    if (x <= knots[i + 1] || i + 2 == N) {
      const double t = std::clamp((x - knots[i]) / (knots[i + 1] - knots[i]), 0.0, 1.0);
      h[i] = 1.0 - t;
      h[i + 1] = t;
      break;
    }
  }
  return h;
}

template <size_t N>
std::array<double, N> log_hats(int node_nm, const std::array<int, N>& knots_nm) {
  std::array<double, N> k{};
  for (size_t i = 0; i < N; ++i) k[i] = std::log(static_cast<double>(knots_nm[i]));
  return hats(std::log(static_cast<double>(node_nm)), k);
}

/// Appends terms; names are built only when requested (evaluation does not need them).
class TermWriter {
 public:
  TermWriter(SramTerms& t, bool names) : t_(t), names_(names) {}
  void add(double v, const char* name, int group = -1) {
    t_.values.push_back(v);
    t_.smooth_group.push_back(group);
    if (names_) t_.names.emplace_back(name);
  }
  void add(double v, const std::string& name, int group = -1) {
    t_.values.push_back(v);
    t_.smooth_group.push_back(group);
    if (names_) t_.names.push_back(name);
  }
  bool names() const { return names_; }

 private:
  SramTerms& t_;
  bool names_;
};

struct Normalized {
  double lc, lw, lb, t;
  bool two_rw, one_r_one_w;
};

Normalized normalize(const SramQuery& q) {
  Normalized n{};
  n.lc = std::log2(static_cast<double>(q.size_bytes) / 32768.0);
  n.lw = std::log2(q.block_bytes / 32.0);
  n.lb = std::log2(static_cast<double>(q.banks));
  n.t = (q.temperature_k - 360) / 100.0;
  n.two_rw = q.rw_ports == 2 && q.rd_ports == 0 && q.wr_ports == 0;
  n.one_r_one_w = q.rw_ports == 0 && q.rd_ports == 1 && q.wr_ports == 1;
  return n;
}

/// Capacity hats times `scale`, as smoothing group `group`.
void add_capacity_group(TermWriter& w, const std::array<double, 7>& hc, double scale,
                        const std::string& suffix, int group) {
  for (size_t k = 0; k < hc.size(); ++k)
    w.add(hc[k] * scale, w.names() ? "cap[" + std::to_string(k) + "]" + suffix : std::string(),
          group);
}

}  // namespace

SramTerms sram_terms(SramFitOutput o, const SramQuery& q, bool with_names) {
  const Normalized n = normalize(q);
  const auto hc = hats(n.lc, kCapacityKnots);
  const auto hn = log_hats(q.tech_nm, kNodeKnotsNm);
  SramTerms t;
  TermWriter w(t, with_names);
  add_capacity_group(w, hc, 1.0, "", 0);
  add_capacity_group(w, hc, n.lw, "*lw", 1);
  add_capacity_group(w, hc, n.lw * n.lw, "*lw^2", 2);
  // Node 22 nm is the base level (the capacity hats sum to one and act as the intercept).
  for (size_t k = 1; k < hn.size(); ++k) {
    const std::string node = w.names() ? "node" + std::to_string(kNodeKnotsNm[k]) : "";
    w.add(hn[k], node);
    w.add(hn[k] * n.lc, node + "*lc");
    w.add(hn[k] * n.lw, node + "*lw");
  }
  add_capacity_group(w, hc, n.lb, "*lb", 3);
  add_capacity_group(w, hc, n.lb * n.lw, "*lb*lw", 4);
  w.add(n.two_rw, "ports2rw");
  w.add(n.one_r_one_w, "ports1r1w");
  w.add(n.one_r_one_w * n.lc, "ports1r1w*lc");
  w.add(n.one_r_one_w * n.lw, "ports1r1w*lw");
  // Low-power devices: each family's own level at every node, and its own slopes in capacity,
  // word width and banks, on top of the shared (itrs-hp-dominated) shape.
  for (const DeviceType d : {DeviceType::itrs_lop, DeviceType::itrs_lstp}) {
    const double is = q.device == d ? 1.0 : 0.0;
    const std::string fam = w.names() ? to_string(d) : "";
    for (size_t k = 0; k < hn.size(); ++k)
      w.add(is * hn[k], w.names() ? fam + "*node" + std::to_string(kNodeKnotsNm[k]) : "");
    w.add(is * n.lc, fam + "*lc");
    w.add(is * n.lw, fam + "*lw");
    w.add(is * n.lb, fam + "*lb");
  }
  if (o == SramFitOutput::leakage_subthreshold) {
    w.add(n.t, "t");
    w.add(n.t * n.t, "t^2");
  }
  return t;
}

}  // namespace circa
