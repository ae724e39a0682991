// The terms of the built-in SRAM model: a regression of ln(output) on physically meaningful
// features of the query. One definition serves the fit and the evaluation.
//
//   lc = log2(size / 32 KiB), lw = log2(block / 32 B), lb = log2(banks), t = (T - 360 K) / 100 K
//
// * capacity: piecewise-linear "hat" basis in lc, knots every 4x (1 KiB .. 2 MiB), each also times
//   lw and lw^2: CACTI's organisation search changes the size-scaling regime (flat periphery-bound
//   small/wide arrays, C^0.5 bitline/H-tree energy, C^1 area) and the regime depends on width;
// * node: hats in ln(node) at the five CACTI nodes (a categorical node that interpolates for
//   in-between nodes such as 40 nm), plus node x lc and node x lw slopes;
// * banks: lb x capacity hats and lb x lw x capacity hats (H-tree/routing overhead of small
//   multi-bank arrays), linear in lb so 2 banks sits between the fitted 1 and 4;
// * ports: 2rw and 1r1w indicators, the latter also x lc and x lw (bigger cells, more wires);
// * device: for each low-power family (itrs-lop, itrs-lstp) its own level at each node (hats in
//   ln(node): the ITRS device tables differ node by node, e.g. lstp leaks 4500x less than hp at
//   45 nm but 800x less at 22 nm) and its own lc, lw and lb slopes (slower periphery shifts the
//   organisation CACTI picks); itrs-hp is the base. Chosen by 5-fold cross-validation over the
//   richer alternatives (family x capacity hats, family x node x lc), which fitted worse;
// * temperature: t and t^2 on subthreshold leakage only (CACTI's timing, energy, area and gate
//   leakage do not depend on temperature).
// Adjacent capacity-hat coefficients of a group are tied by a small smoothness penalty (a P-spline)
// so the fit has no wiggles between capacities; see sram_fit.cpp.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "cost/sram_query.hpp"

namespace circa {

/// The quantities the built-in model fits, each as ln(value in the reference CSV's unit).
enum class SramFitOutput {
  access_time,
  cycle_time,
  read_energy,
  write_energy,
  leakage_subthreshold,
  leakage_gate,
  area,
};
inline constexpr int kSramFitOutputCount = 7;
inline constexpr std::array<SramFitOutput, kSramFitOutputCount> kSramFitOutputs = {
    SramFitOutput::access_time,  SramFitOutput::cycle_time,           SramFitOutput::read_energy,
    SramFitOutput::write_energy, SramFitOutput::leakage_subthreshold, SramFitOutput::leakage_gate,
    SramFitOutput::area};

/// The reference CSV column an output is fitted to, e.g. "read_energy_nJ".
const char* reference_column(SramFitOutput o);

/// Capacity-hat knots in lc, and the resulting fitted capacity range in bytes.
inline constexpr std::array<double, 7> kCapacityKnots = {-5, -3, -1, 1, 3, 5, 6};
inline constexpr std::array<int, 5> kNodeKnotsNm = {22, 32, 45, 65, 90};

/// The design row of one output for one query. smooth_group[i] >= 0 ties term i to its
/// neighbours in the same group (consecutive capacity hats); -1 means no penalty.
struct SramTerms {
  std::vector<double> values;
  std::vector<std::string> names;  ///< filled only when asked for
  std::vector<int> smooth_group;
};

/// Builds the terms of `o` for `q`. The query must lie inside the fitted capacity and node range
/// (the caller validates); outside it this is an InternalError.
SramTerms sram_terms(SramFitOutput o, const SramQuery& q, bool with_names);

}  // namespace circa
