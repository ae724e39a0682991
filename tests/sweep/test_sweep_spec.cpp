// Sweep files: what a valid file expands to, and a one-line error at file:line:col for each kind
// of mistake (unknown keys, non-parameters, bad values, empty and unequal axes, contradictions).
#define BOOST_TEST_MODULE sweep_spec
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "sweep/point.hpp"
#include "sweep/results.hpp"
#include "sweep/sweep_spec.hpp"
#include "sweep_test_util.hpp"

using namespace circa;
using namespace circa::sweep;
using circa::sweep::test::sweep_yaml;
using circa::sweep::test::TempDir;

namespace {

std::string error_of(const std::string& yaml) {
  TempDir dir;
  const std::string file = dir.write("s.yaml", yaml);
  try {
    load_sweep(file);
  } catch (const ConfigError& e) {
    std::string msg = e.what();
    // Messages start with the file path; tests compare what follows it.
    return msg.compare(0, file.size(), file) == 0 ? msg.substr(file.size()) : msg;
  }
  return "no error";
}

struct BadCase {
  const char* name;
  std::string yaml;
  std::string expected;  ///< substring of the message after the file name
};
std::ostream& operator<<(std::ostream& os, const BadCase& c) {
  return os << c.name;
}

const BadCase kBad[] = {
    {"unknown_top_key", sweep_yaml("  mac.lanes: [4, 8]\n", "fidelty: analytical\n"),
     ":9:1: error: fidelty: unknown key 'fidelty' (did you mean 'fidelity'?)"},
    {"axis_not_a_parameter", sweep_yaml("  mac.lane: [4, 8]\n"),
     ":6:3: error: axes.mac.lane: 'mac.lane' is not an accelerator parameter (did you mean "
     "'mac.lanes'?)"},
    {"axis_value_checked", sweep_yaml("  block_size: [16, 24]\n"),
     ":6:20: error: axes.block_size: value '24': must be a power of two"},
    {"axis_value_out_of_range",
     sweep_yaml("  mac.lanes: {powers_of_two: {from: 1024, to: 8192}}\n"),
     ":6:14: error: axes.mac.lanes: value '8192': out of range"},
    {"empty_axis", sweep_yaml("  mac.lanes: []\n"), ":6:14: error: axes.mac.lanes: empty axis"},
    {"scalar_axis", sweep_yaml("  mac.lanes: 8\n"),
     ":6:14: error: axes.mac.lanes: expected several values"},
    {"duplicate_value", sweep_yaml("  mac.lanes: [4, 8, 4]\n"),
     ":6:21: error: axes.mac.lanes: value '4' is listed twice"},
    {"range_backwards", sweep_yaml("  clock_mhz: {from: 900, to: 100, step: 100}\n"),
     ":6:30: error: axes.clock_mhz.to: is below 'from'"},
    {"range_on_a_choice", sweep_yaml("  fft.style: {from: 1, to: 2, step: 1}\n"),
     "axes.fft.style: 'fft.style' is not numeric"},
    {"integer_range_with_fraction", sweep_yaml("  mac.lanes: {from: 4, to: 8, step: 0.5}\n"),
     "axes.mac.lanes: 'mac.lanes' is an integer: from and step must be integers"},
    {"zip_unequal", sweep_yaml("  zip:\n    mac.lanes: [4, 8]\n    block_size: [16, 32, 64]\n"),
     ":8:5: error: axes.zip.block_size: zipped axes have unequal lengths: mac.lanes has 2 values, "
     "block_size has 3"},
    {"zip_duplicate_tuple", sweep_yaml("  zip: {mac.lanes: [4, 8, 4], block_size: [16, 32, 16]}\n"),
     ":6:8: error: axes.zip: values 3 repeat values 1 (mac.lanes=4, block_size=16)"},
    {"zip_single_parameter", sweep_yaml("  zip: {mac.lanes: [4, 8]}\n"),
     "axes.zip: a zip group maps two or more"},
    {"varied_twice",
     sweep_yaml("  mac.lanes: [4, 8]\n  zip: {mac.lanes: [4, 8], block_size: [16, 32]}\n"),
     ":7:3: error: axes.mac.lanes: parameter varied twice (first at "},
    {"contradictory_constraints",
     sweep_yaml("  mac.lanes: [4, 8]\n", "constraints:\n  min_area_mm2: 5\n  max_area_mm2: 2\n"),
     ":11:3: error: constraints: 'max_area_mm2: 2' contradicts 'min_area_mm2: 5'"},
    {"contradictory_expressions",
     sweep_yaml("  mac.lanes: [4, 8]\n",
                "constraints:\n  require: ['area_mm2 <= 1', 'area_mm2 >= 3']\n"),
     "'area_mm2 <= 1' contradicts 'area_mm2 >= 3'"},
    {"unknown_constraint", sweep_yaml("  mac.lanes: [4, 8]\n", "constraints:\n  max_area_mm: 5\n"),
     ":10:3: error: constraints.max_area_mm: unknown key 'max_area_mm' (did you mean "
     "'max_area_mm2'?)"},
    {"bad_expression",
     sweep_yaml("  mac.lanes: [4, 8]\n", "constraints:\n  require: ['area_mm2 < 3']\n"),
     "expected 'metric <= value' or 'metric >= value'"},
    {"unknown_objective",
     "kind: sweep\nbase: " + test::kBase + "\nworkload: " + test::kLenet +
         "\naxes: {mac.lanes: [4, 8]}\nobjectives: {minimise: [energy_uj]}\n",
     ":5:25: error: objectives.minimise: unknown metric 'energy_uj'"},
    {"objective_twice",
     "kind: sweep\nbase: " + test::kBase + "\nworkload: " + test::kLenet +
         "\naxes: {mac.lanes: [4, 8]}\nobjectives: {minimise: [area_mm2], maximise: area_mm2}\n",
     "metric 'area_mm2' is already an objective"},
    {"missing_objectives",
     "kind: sweep\nbase: " + test::kBase + "\nworkload: " + test::kLenet +
         "\naxes: {mac.lanes: [4]}\n",
     ":1:1: error: objectives: missing required key 'objectives'"},
    {"fidelity_typo", sweep_yaml("  mac.lanes: [4, 8]\n", "fidelity: cycle-accurate\n"),
     ":9:11: error: fidelity: value 'cycle-accurate' (did you mean 'cycle_accurate'?)"},
    {"confirm_best_needs_a_lower_fidelity",
     sweep_yaml("  mac.lanes: [4, 8]\n", "fidelity: cosim\nconfirm_best: 2\n"),
     ":10:15: error: confirm_best: the best points are re-run at cycle_accurate "
     "(confirm_fidelity), which must be above the sweep's fidelity cosim (analytical < "
     "cycle_accurate < cosim)"},
    {"confirm_fidelity_not_above_the_sweep",
     sweep_yaml("  mac.lanes: [4, 8]\n",
                "fidelity: cycle_accurate\nconfirm_best: 2\nconfirm_fidelity: cycle_accurate\n"),
     ":11:19: error: confirm_fidelity: the best points are re-run at cycle_accurate "
     "(confirm_fidelity), which must be above the sweep's fidelity cycle_accurate"},
    {"confirm_fidelity_typo",
     sweep_yaml("  mac.lanes: [4, 8]\n", "confirm_best: 2\nconfirm_fidelity: cosmi\n"),
     ":10:19: error: confirm_fidelity: value 'cosmi' (did you mean 'cosim'?); allowed here: "
     "cycle_accurate, cosim"},
    {"confirm_fidelity_analytical",
     sweep_yaml("  mac.lanes: [4, 8]\n", "confirm_best: 2\nconfirm_fidelity: analytical\n"),
     ":10:19: error: confirm_fidelity: value 'analytical'; allowed here: cycle_accurate, cosim"},
    {"confirm_fidelity_without_confirm_best",
     sweep_yaml("  mac.lanes: [4, 8]\n", "confirm_fidelity: cosim\n"),
     ":9:19: error: confirm_fidelity: applies only with confirm_best: N (N >= 1)"},
    {"confirm_fidelity_with_confirm_best_0",
     sweep_yaml("  mac.lanes: [4, 8]\n", "confirm_best: 0\nconfirm_fidelity: cosim\n"),
     ":10:19: error: confirm_fidelity: applies only with confirm_best: N (N >= 1)"},
    {"missing_base", "kind: sweep\nbase: nowhere.yaml\nworkload: " + test::kLenet + "\n",
     ":2:7: error: base: file '"},
    // YAML corners: one document per file, no merge keys, and NaN, infinities, huge numbers,
    // empty strings and nulls refused with the value's allowed range.
    {"second_document", sweep_yaml("  mac.lanes: [4, 8]\n", "---\nkind: sweep\n"),
     ":9:1: error: a second YAML document starts here"},
    {"merge_key", sweep_yaml("  mac.lanes: &l [4, 8]\n", "constraints:\n  <<: {max_area_mm2: 5}\n"),
     ":10:3: error: merge keys ('<<: *name') are not supported"},
    {"axis_value_null", sweep_yaml("  mac.lanes: [4, ~]\n"),
     ":6:18: error: axes.mac.lanes: value '': expected an integer, power of two, in 1..4096"},
    {"axis_value_empty", sweep_yaml("  fft.style: [pipelined, '']\n"),
     "axes.fft.style: value '': expected one of unrolled, pipelined, iterative"},
    {"axis_value_nan", sweep_yaml("  clock_mhz: [nan, 800]\n"),
     ":6:15: error: axes.clock_mhz: value 'nan': not a finite number (allowed: a number in "
     "1..5000 MHz)"},
    {"axis_value_yaml_nan", sweep_yaml("  clock_mhz: [.nan, 800]\n"),
     "axes.clock_mhz: value '.nan': expected a number in 1..5000 MHz"},
    {"axis_value_infinite", sweep_yaml("  clock_mhz: [800, -.inf, .inf]\n"),
     "axes.clock_mhz: value '-.inf': expected a number in 1..5000 MHz"},
    {"axis_value_huge", sweep_yaml("  mac.lanes: [4, 99999999999999999999]\n"),
     "axes.mac.lanes: value '99999999999999999999': out of range (allowed: an integer, power of "
     "two, in 1..4096)"},
    {"range_bound_nan", sweep_yaml("  clock_mhz: {from: 100, to: nan, step: 100}\n"),
     "axes.clock_mhz.to: value 'nan': expected a finite number"},
    {"range_bound_infinite", sweep_yaml("  clock_mhz: {from: 100, to: 1e999, step: 100}\n"),
     "axes.clock_mhz.to: value '1e999': expected a finite number"},
    {"seed_null", sweep_yaml("  mac.lanes: [4, 8]\n", "seed:\n"),
     "seed: value '': expected an integer in 0..4611686018427387904"},
    {"seed_huge", sweep_yaml("  mac.lanes: [4, 8]\n", "seed: 99999999999999999999\n"),
     "seed: value '99999999999999999999': expected an integer in 0.."},
    {"fidelity_null", sweep_yaml("  mac.lanes: [4, 8]\n", "fidelity: ~\n"),
     "fidelity: value ''; allowed here: analytical, cycle_accurate, cosim"},
    {"name_empty",
     "kind: sweep\nname: ''\nbase: " + test::kBase + "\nworkload: " + test::kLenet +
         "\naxes: {mac.lanes: [4, 8]}\nobjectives: {minimise: [area_mm2]}\n",
     ":2:7: error: name: value '': expected non-empty text"},
    {"timeout_zero", sweep_yaml("  mac.lanes: [4, 8]\n", "timeout_s: 0\n"),
     ":9:12: error: timeout_s: value '0': expected seconds in (0, 1000000]; leave timeout_s out "
     "for no limit"},
    {"timeout_negative", sweep_yaml("  mac.lanes: [4, 8]\n", "timeout_s: -5\n"),
     "timeout_s: value '-5': expected seconds in (0, 1000000]"},
    {"timeout_nan", sweep_yaml("  mac.lanes: [4, 8]\n", "timeout_s: .nan\n"),
     "timeout_s: value '.nan': expected seconds in (0, 1000000]"},
    {"timeout_null", sweep_yaml("  mac.lanes: [4, 8]\n", "timeout_s:\n"),
     "timeout_s: value '': expected seconds in (0, 1000000]"},
    {"timeout_huge", sweep_yaml("  mac.lanes: [4, 8]\n", "timeout_s: 1e7\n"),
     "timeout_s: value '1e7': expected seconds in (0, 1000000]"},
    // Found by fuzz_config_check: a name longer than the file system allows ended in an uncaught
    // std::filesystem error.
    {"base_name_too_long", "kind: sweep\nbase: " + std::string(300, 'a') + ".yaml\n",
     ":2:7: error: base: file '"},
    {"wrong_kind", "kind: accelerator\n",
     ":1:7: error: kind: this is a file of kind 'accelerator'; 'circa sweep' needs"},
    // The accuracy section (sweep/accuracy.hpp) and the metrics that need it.
    {"accuracy_unknown_key",
     sweep_yaml("  mac.lanes: [4, 8]\n", "accuracy:\n  dataset: fashion-mnist\n  epoch: 2\n"),
     ":11:3: error: accuracy.epoch: unknown key 'epoch' (did you mean 'epochs'?)"},
    {"accuracy_unknown_dataset",
     sweep_yaml("  mac.lanes: [4, 8]\n", "accuracy:\n  dataset: mnist\n"),
     ":10:12: error: accuracy.dataset: unknown dataset 'mnist'; the one available is "
     "fashion-mnist"},
    {"accuracy_without_dataset", sweep_yaml("  mac.lanes: [4, 8]\n", "accuracy: {epochs: 2}\n"),
     ":9:11: error: accuracy.dataset: missing required key 'dataset'"},
    {"accuracy_epochs_out_of_range",
     sweep_yaml("  mac.lanes: [4, 8]\n", "accuracy: {dataset: fashion-mnist, epochs: 0}\n"),
     ":9:44: error: accuracy.epochs: value '0': expected an integer in 1..1000"},
    {"accuracy_not_a_mapping", sweep_yaml("  mac.lanes: [4, 8]\n", "accuracy: fashion-mnist\n"),
     ":9:11: error: accuracy: expected a mapping (example: accuracy: {dataset: fashion-mnist, "
     "epochs: 2})"},
    {"accuracy_objective_without_section",
     "kind: sweep\nbase: " + test::kBase + "\nworkload: " + test::kLenet +
         "\naxes:\n  mac.lanes: [4, 8]\nobjectives:\n  maximise: [accuracy]\n",
     ":7:3: error: objectives: metric 'accuracy' needs an 'accuracy' section saying how to train "
     "the weights (add accuracy: {dataset: fashion-mnist, epochs: 2})"},
    {"accuracy_constraint_without_section",
     sweep_yaml("  mac.lanes: [4, 8]\n", "constraints:\n  max_accuracy_drop: 1\n"),
     ":10:3: error: constraints: metric 'accuracy_drop' needs an 'accuracy' section"},
    {"accuracy_metric_misspelt",
     sweep_yaml("  mac.lanes: [4, 8]\n", "constraints:\n  min_acuracy: 80\n"),
     ":10:3: error: constraints.min_acuracy: unknown key 'min_acuracy' (did you mean "
     "'min_accuracy'?)"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(sweep_files)

BOOST_DATA_TEST_CASE(malformed_sweep_is_refused_with_location, boost::unit_test::data::make(kBad),
                     c) {
  const std::string e = error_of(c.yaml);
  BOOST_TEST(e.find(c.expected) != std::string::npos, "got: " << e << "\nwant: " << c.expected);
  BOOST_TEST(e.find('\n') == std::string::npos, "one line: " << e);
}

BOOST_AUTO_TEST_CASE(axes_expand_in_file_order_last_fastest) {
  TempDir dir;
  const SweepSpec s = load_sweep(dir.write(
      "s.yaml", sweep_yaml("  block_size: [16, 32]\n  clock_mhz: {from: 400, to: 600, step: 100}\n"
                           "  zip:\n    mac.lanes: {powers_of_two: {from: 3, to: 8}}\n    "
                           "fft.samples_per_cycle: [2, 4]\n")));
  BOOST_TEST(s.point_count() == 12u);
  const auto points = expand_points(s);
  BOOST_REQUIRE(points.size() == 12u);
  auto text = [](const std::vector<Override>& p) {
    std::string t;
    for (const auto& o : p) t += o.path + "=" + o.value + " ";
    return t;
  };
  BOOST_TEST(text(points[0]) == "block_size=16 clock_mhz=400 mac.lanes=4 fft.samples_per_cycle=2 ");
  BOOST_TEST(text(points[1]) == "block_size=16 clock_mhz=400 mac.lanes=8 fft.samples_per_cycle=4 ");
  BOOST_TEST(text(points[2]) == "block_size=16 clock_mhz=500 mac.lanes=4 fft.samples_per_cycle=2 ");
  BOOST_TEST(text(points[11]) ==
             "block_size=32 clock_mhz=600 mac.lanes=8 fft.samples_per_cycle=4 ");
}

BOOST_AUTO_TEST_CASE(an_alias_repeats_an_axis) {
  TempDir dir;
  const SweepSpec s = load_sweep(
      dir.write("s.yaml", sweep_yaml("  mac.lanes: &values [4, 8]\n  weight_sram.banks: *values\n")));
  BOOST_TEST(s.point_count() == 4u);
  BOOST_TEST(s.axes.at(1).values.at(0) == (std::vector<std::string>{"4", "8"}));
}

BOOST_AUTO_TEST_CASE(real_ranges_do_not_drift_past_the_end) {
  TempDir dir;
  const SweepSpec s = load_sweep(dir.write(
      "s.yaml", sweep_yaml("  offchip.bandwidth_gb_per_s: {from: 0.1, to: 1.0, step: 0.1}\n")));
  BOOST_TEST(s.axes.at(0).values.at(0).size() == 10u);
  BOOST_TEST(s.axes[0].values[0].back() == "1");
}

BOOST_AUTO_TEST_CASE(goals_and_options_are_read) {
  TempDir dir;
  const SweepSpec s = load_sweep(
      dir.write("s.yaml", sweep_yaml("  mac.lanes: [4, 8]\n",
                                     "constraints:\n  weights_fit_on_chip: true\n  max_area_mm2: "
                                     "5\n  require: ['sqnr_db >= 30']\n"
                                     "fidelity: analytical\nconfirm_best: 3\nseed: 7\n")));
  BOOST_TEST(s.constraints.size() == 3u);
  BOOST_TEST(s.constraints[0].metric == "weights_on_chip");
  BOOST_TEST(s.constraints[0].holds(1.0));
  BOOST_TEST(!s.constraints[0].holds(0.0));
  BOOST_TEST(s.constraints[1].holds(5.0));
  BOOST_TEST(!s.constraints[1].holds(5.01));
  BOOST_TEST((s.constraints[2].compare == Compare::at_least));
  BOOST_TEST(s.objectives.size() == 2u);
  BOOST_TEST(s.confirm_best == 3);
  BOOST_TEST((s.confirm_fidelity == eval::Fidelity::cycle_accurate), "the default");
  BOOST_TEST(s.seed == 7u);
}

BOOST_AUTO_TEST_CASE(confirm_fidelity_cosim_is_read_above_either_lower_fidelity) {
  TempDir dir;
  for (const std::string fidelity : {"analytical", "cycle_accurate"}) {
    const SweepSpec s = load_sweep(dir.write(
        "s.yaml",
        sweep_yaml("  mac.lanes: [4, 8]\n",
                   "fidelity: " + fidelity + "\nconfirm_best: 1\nconfirm_fidelity: cosim\n")));
    BOOST_TEST((s.confirm_fidelity == eval::Fidelity::cosim));
    BOOST_TEST(report_spec_of(s).confirm_fidelity == "cosim");
  }
}

BOOST_AUTO_TEST_CASE(paths_are_relative_to_the_sweep_file) {
  const SweepSpec s = load_sweep(test::kSource + "/configs/sweeps/default.yaml");
  BOOST_TEST(s.base == test::kSource + "/configs/default.yaml");
  BOOST_TEST(s.workload == test::kSource + "/workloads/lenet300.yaml");
  BOOST_TEST(s.point_count() == 5u * 5 * 3 * 3 * 2);  // the axes of configs/sweeps/default.yaml
  BOOST_TEST(s.confirm_best == 3);
  BOOST_TEST(fidelity_name(s.fidelity) == std::string("analytical"));
}

BOOST_AUTO_TEST_CASE(invalid_combination_becomes_a_failed_point) {
  TempDir dir;
  // samples_per_cycle 32 exceeds block_size 16: each value alone is valid, together they are not.
  const SweepSpec s = load_sweep(dir.write(
      "s.yaml", sweep_yaml("  zip: {block_size: [16, 64], fft.samples_per_cycle: [32, 32]}\n")));
  const SweepContext ctx = load_context(s);
  const auto points = expand_points(s);
  const Point bad = resolve_point(s, ctx, points[0]);
  const Point good = resolve_point(s, ctx, points[1]);
  BOOST_TEST(!bad.spec.has_value());
  BOOST_TEST(
      bad.error.find("fft.samples_per_cycle: value 32 exceeds block_size 16") != std::string::npos,
      bad.error);
  BOOST_TEST(bad.key.size() == 64u);
  BOOST_TEST(good.error.empty(), good.error);
  BOOST_TEST(good.spec->fft.samples_per_cycle == 32);
  BOOST_TEST(good.key != bad.key);
  BOOST_TEST(resolve_point(s, ctx, points[1]).key == good.key);  // deterministic
}

BOOST_AUTO_TEST_CASE(key_depends_on_config_workload_and_seed) {
  const std::string a = point_key("kind: accelerator\n", "kind: workload\n", 1);
  BOOST_TEST(a == point_key("kind: accelerator\n", "kind: workload\n", 1));
  BOOST_TEST(a != point_key("kind: accelerator\n", "kind: workload\n", 2));
  BOOST_TEST(a != point_key("kind: accelerator \n", "kind: workload\n", 1));
  BOOST_TEST(a != point_key("kind: accelerator\n", "kind: workload \n", 1));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(accuracy_section_is_read_and_keys_the_points) {
  TempDir dir;
  const std::string axes = "  block_size: [16, 64]\n";
  const SweepSpec plain = load_sweep(dir.write("plain.yaml", sweep_yaml(axes)));
  const SweepSpec two = load_sweep(dir.write(
      "two.yaml",
      sweep_yaml(axes,
                 "accuracy: {dataset: fashion-mnist, epochs: 2, seed: 7, train_images: 600}\n")));
  const SweepSpec three = load_sweep(
      dir.write("three.yaml", sweep_yaml(axes, "accuracy: {dataset: fashion-mnist, epochs: 3}\n")));
  BOOST_TEST(!plain.accuracy.has_value());
  BOOST_REQUIRE(two.accuracy.has_value());
  BOOST_TEST(two.accuracy->dataset == "fashion-mnist");
  BOOST_TEST(two.accuracy->epochs == 2);
  BOOST_TEST(two.accuracy->seed == 7u);
  BOOST_TEST(two.accuracy->train_images == 600);
  BOOST_TEST(three.accuracy->seed == 1u);  // the default
  // A point measured with accuracy is another result than one without, or one of other epochs;
  // without a section the keys stay those of earlier stores.
  auto key = [](const SweepSpec& s) {
    const SweepContext ctx = load_context(s);
    return resolve_point(s, ctx, expand_points(s).front()).key;
  };
  const SweepContext ctx = load_context(plain);
  const Point p = resolve_point(plain, ctx, expand_points(plain).front());
  BOOST_TEST(key(plain) == point_key(p.config, ctx.workload_yaml, plain.seed));
  BOOST_TEST(key(two) != key(plain));
  BOOST_TEST(key(three) != key(two));
  // Accuracy metrics are known to objectives and constraints.
  for (const char* m : {"accuracy", "accuracy_drop", "float_accuracy", "dense_accuracy"})
    BOOST_TEST(std::count(known_metrics().begin(), known_metrics().end(), m) == 1, m);
}
