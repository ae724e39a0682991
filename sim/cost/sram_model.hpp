// The built-in SRAM model: closed-form estimates of a scratchpad's timing, energy, leakage and
// area, fitted to CACTI 7.0 (see sram_features.hpp for the form, sram_fit.hpp for the fit). It
// answers only inside the range it was fitted on; outside it, a ConfigError says which input, its
// value, the allowed range, and suggests the CACTI adapter.
#pragma once

#include <string>

#include "cost/sram_fit.hpp"
#include "cost/sram_query.hpp"

namespace circa {

/// The fitted input domain of the built-in model.
struct SramBuiltinDomain {
  static constexpr std::int64_t min_size_bytes = 1024;
  static constexpr std::int64_t max_size_bytes = 2 * 1024 * 1024;
  static constexpr int min_block_bytes = 8;
  static constexpr int max_block_bytes = 128;
  static constexpr int max_banks = 4;
  static constexpr int min_tech_nm = 22;
  static constexpr int max_tech_nm = 90;
  static constexpr int min_temperature_k = 300;
  static constexpr int max_temperature_k = 400;
  static constexpr int min_rows_per_subarray = 16;  ///< CACTI's MINSUBARRAYROWS
};

class BuiltinSramModel : public SramEstimator {
 public:
  explicit BuiltinSramModel(SramFit fit);
  /// The model with the checked-in coefficients (sram_fit_coefficients.json).
  static const BuiltinSramModel& standard();

  /// ConfigError when `q` lies outside the fitted domain; never clamps.
  void validate(const SramQuery& q) const;
  /// Validates, then evaluates. Every value carries unit, source, validity and accuracy.
  SramResult estimate(const SramQuery& q) const override;

  const SramFit& fit() const { return fit_; }
  /// The fitted domain as one line of text.
  static std::string validity_text();

 private:
  SramFit fit_;
};

/// Shorthand for BuiltinSramModel::standard().estimate(q).
SramResult estimate_sram_builtin(const SramQuery& q);

}  // namespace circa
