// sram_fit_coefficients.json: the checked-in coefficients of the built-in SRAM model.
#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "cost/sram_fit.hpp"

namespace circa {

namespace {

using Json = nlohmann::ordered_json;
constexpr const char* kFormat = "circa-sram-fit/2";  // 2: errors per device family

Json stats_json(const SramFamilyErrors& e) {
  Json j = Json::object();
  for (int f = 0; f < kDeviceFamilyCount; ++f) {
    Json t = Json::object();
    for (int k = 0; k < kSramReportedCount; ++k) {
      const SramErrorStats& s = e[f][k];
      t[reported_name(static_cast<SramReportedOutput>(k))] = {
          {"rows", s.rows}, {"median", s.median}, {"p90", s.p90}, {"max", s.max}};
    }
    j[to_string(kDeviceFamilies[f])] = t;
  }
  return j;
}

SramFamilyErrors stats_from(const Json& j) {
  SramFamilyErrors e{};
  for (int f = 0; f < kDeviceFamilyCount; ++f)
    for (int k = 0; k < kSramReportedCount; ++k) {
      const Json& s =
          j.at(to_string(kDeviceFamilies[f])).at(reported_name(static_cast<SramReportedOutput>(k)));
      e[f][k] = SramErrorStats{s.at("rows").get<int>(), s.at("median").get<double>(),
                               s.at("p90").get<double>(), s.at("max").get<double>()};
    }
  return e;
}

/// The term names the current code produces for output `o` (they do not depend on the query).
std::vector<std::string> current_terms(SramFitOutput o) {
  SramQuery q;
  q.size_bytes = 32768;
  q.block_bytes = 32;
  return sram_terms(o, q, true).names;
}

}  // namespace

std::string sram_fit_to_json(const SramFit& fit) {
  Json j;
  j["format"] = kFormat;
  j["about"] =
      "Coefficients of Circa's built-in SRAM model: ln(output) = sum(coefficient * term), terms "
      "defined in sim/cost/sram_features.hpp, fitted by sim/cost/sram_fit.cpp. Generated: do not "
      "edit; regenerate with `circa sram --refit --out sim/cost/sram_fit_coefficients.json` (both "
      "shared reference CSVs). Errors are absolute relative errors against CACTI per device "
      "family; holdout_error: fitted without a fifth of each family's rows, tested on that fifth.";
  j["reference_file"] = fit.reference_file;
  j["rows_fitted"] = fit.rows_fitted;
  Json outs = Json::object();
  for (int o = 0; o < kSramFitOutputCount; ++o) {
    Json c = Json::object();
    const auto& f = fit.outputs[o];
    for (size_t i = 0; i < f.terms.size(); ++i) c[f.terms[i]] = f.coefficients[i];
    outs[reference_column(kSramFitOutputs[o])] = c;
  }
  j["ln_output_coefficients"] = outs;
  j["train_error"] = stats_json(fit.train_error);
  j["holdout_error"] = stats_json(fit.holdout_error);
  return j.dump(1) + "\n";
}

SramFit sram_fit_from_json(const std::string& text, const std::string& origin) {
  SramFit fit;
  try {
    const Json j = Json::parse(text);
    if (j.at("format") != kFormat)
      throw ConfigError(
          SourceLocation{origin, 0, 0}, "format",
          "is not '" + std::string(kFormat) + "'; regenerate the file with circa sram --refit");
    fit.reference_file = j.at("reference_file").get<std::string>();
    fit.rows_fitted = j.at("rows_fitted").get<int>();
    for (int o = 0; o < kSramFitOutputCount; ++o) {
      const char* name = reference_column(kSramFitOutputs[o]);
      for (const auto& [term, value] : j.at("ln_output_coefficients").at(name).items()) {
        fit.outputs[o].terms.push_back(term);
        fit.outputs[o].coefficients.push_back(value.get<double>());
      }
      if (fit.outputs[o].terms != current_terms(kSramFitOutputs[o]))
        throw ConfigError(SourceLocation{origin, 0, 0},
                          std::string("ln_output_coefficients.") + name,
                          "its terms differ from the model's (sram_features.cpp changed?); "
                          "regenerate the file with circa sram --refit");
    }
    fit.train_error = stats_from(j.at("train_error"));
    fit.holdout_error = stats_from(j.at("holdout_error"));
  } catch (const nlohmann::json::exception& e) {
    throw ConfigError(SourceLocation{origin, 0, 0}, "",
                      std::string("malformed SRAM fit file: ") + e.what() +
                          "; regenerate it with circa sram --refit");
  }
  return fit;
}

}  // namespace circa
