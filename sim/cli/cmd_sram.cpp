// `circa sram`: cost one SRAM array, or every row of a CSV, with the built-in model or CACTI;
// `circa sram --refit` regenerates the built-in model's coefficients. The logic is in sim/cost/.
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cost/cacti_adapter.hpp"
#include "cost/sram_batch.hpp"
#include "cost/sram_model.hpp"
#include "common/text_file.hpp"

namespace circa::cli {
namespace {

struct SramArgs {
  SramQuery q;
  std::string cell_type = "itrs-hp";
  std::string csv_in, out;
  std::vector<std::string> refit;  ///< reference CSVs to refit from; empty: the shared ones
  std::string model = "builtin";
  std::string cacti_dir, cacti_cache;
  double cacti_timeout_s = 120.0;
  bool no_cache = false;
  CLI::Option* refit_flag = nullptr;  ///< --refit given, with or without a file
};

std::unique_ptr<SramEstimator> make_model(const SramArgs& a) {
  if (a.model == "builtin") return std::make_unique<BuiltinSramModel>(BuiltinSramModel::standard());
  CactiAdapterOptions o;  // no --cacti-dir: the folder cmake/install-cacti.sh builds into
  o.cacti_dir = a.cacti_dir;
  o.cache_dir = a.cacti_cache;
  o.timeout_s = a.cacti_timeout_s;
  o.use_cache = !a.no_cache;
  return std::make_unique<CactiAdapter>(o);
}

void refit(const SramArgs& a) {
  if (a.out.empty())
    throw ConfigError("--refit needs --out FILE.json (e.g. sim/cost/sram_fit_coefficients.json)");
  std::vector<std::string> csvs;  // a bare --refit arrives as one empty value
  for (const auto& c : a.refit)
    if (!c.empty()) csvs.push_back(c);
  if (csvs.empty()) csvs = standard_sram_reference_files();
  std::string names;
  for (const auto& c : csvs)
    names += (names.empty() ? "" : " + ") + c.substr(c.find_last_of('/') + 1);
  const SramFit fit = fit_sram_model(load_sram_reference(csvs), names);
  write_text_file_atomic(a.out, sram_fit_to_json(fit));
  std::cout << fmt::format("fitted {} rows of {}; wrote {}\n", fit.rows_fitted, names, a.out);
  std::cout << "error against CACTI on the rows held out of the fit, per device family:\n"
            << format_family_errors(fit.holdout_error);
}

void run(SramArgs& a) {
  if (a.refit_flag->count() > 0) return refit(a);
  const auto model = make_model(a);
  if (!a.csv_in.empty()) {
    if (a.out.empty()) throw ConfigError("--csv needs --out OUT.csv");
    const auto pts = read_sram_points_csv(a.csv_in);
    write_text_file_atomic(a.out, sram_results_csv(pts, estimate_all(*model, pts)));
    std::cout << fmt::format("wrote {} rows to {} ({} model)\n", pts.size(), a.out, a.model);
    return;
  }
  if (a.q.size_bytes == 0 || a.q.block_bytes == 0)
    throw ConfigError(
        "give --size-bytes and --block-bytes (one array), or --csv IN.csv --out OUT.csv");
  a.q.device = parse_device_type(a.cell_type, a.q);
  std::cout << format_sram_result(a.q, model->estimate(a.q));
}

}  // namespace

void register_sram_command(CLI::App& app, CommandTable& t) {
  auto args = std::make_shared<SramArgs>();
  auto* c = app.add_subcommand(
      "sram", "SRAM access time, energy, leakage and area (built-in CACTI-fitted model or CACTI)");
  SramQuery& q = args->q;
  auto* size = c->add_option("--size-bytes", q.size_bytes, "Capacity over all banks, bytes");
  c->add_option("--block-bytes", q.block_bytes, "Word width, bytes (one access = one word)");
  c->add_option("--banks", q.banks, "Banks (power of two)")->capture_default_str();
  c->add_option("--tech-nm", q.tech_nm, "Technology node, nm (22..90)")->capture_default_str();
  c->add_option("--rw-ports", q.rw_ports, "Read-write ports per bank")->capture_default_str();
  c->add_option("--rd-ports", q.rd_ports, "Exclusive read ports per bank")->capture_default_str();
  c->add_option("--wr-ports", q.wr_ports, "Exclusive write ports per bank")->capture_default_str();
  c->add_option("--temp-k", q.temperature_k, "Temperature, K (300..400, step 10)")
      ->capture_default_str();
  c->add_option("--cell-type", args->cell_type, "itrs-hp, itrs-lstp or itrs-lop")
      ->capture_default_str();
  auto* csv = c->add_option("--csv", args->csv_in,
                            "Cost every row of a CSV with the CACTI reference's input columns");
  c->add_option("--out", args->out, "Output CSV (with --csv) or coefficient JSON (with --refit)");
  args->refit_flag =
      c->add_option(
           "--refit", args->refit,
           "Refit the built-in model from CACTI reference CSVs (default: the shared sweep and "
           "low-power files) and write the coefficients to --out")
          ->expected(0, -1);
  c->add_option("--model", args->model, "builtin or cacti")
      ->check(CLI::IsMember({"builtin", "cacti"}))
      ->capture_default_str();
  c->add_option("--cacti-dir", args->cacti_dir,
                "CACTI 7 build folder (with --model cacti; default: $CIRCA_CACTI_DIR, else the "
                "folder cmake/install-cacti.sh builds into)");
  c->add_option("--cacti-cache", args->cacti_cache,
                "CACTI result cache folder (default ~/.cache/circa/cacti)");
  c->add_option("--cacti-timeout", args->cacti_timeout_s, "Seconds before a CACTI run is killed")
      ->capture_default_str();
  c->add_flag("--no-cache", args->no_cache, "Always run CACTI; neither read nor write the cache");
  csv->excludes(size);
  t.add(c, [args] {
    run(*args);
    return 0;
  });
}

}  // namespace circa::cli
