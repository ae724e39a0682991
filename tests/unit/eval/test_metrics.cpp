// The metric table is the one list of a design point's metrics: evaluate reports exactly its
// entries, the cost report's JSON holds the entries it names with the getter's value, and the
// fidelity names go both ways through their {enum, name} table.
#define BOOST_TEST_MODULE metrics
#include <boost/test/unit_test.hpp>

#include <iostream>
#include <set>

#include "analytical/estimate.hpp"
#include "eval/cost_report.hpp"
#include "eval/evaluate.hpp"
#include "eval/metrics.hpp"
#include "eval/run_spec.hpp"
#include "spec/config_loader.hpp"

using namespace circa;
using namespace circa::eval;

namespace {
const std::string kSrc = CIRCA_SOURCE_DIR;
}

BOOST_AUTO_TEST_CASE(names_are_unique_and_carry_unit_and_source) {
  std::set<std::string> names, cost_keys;
  for (const MetricDef& m : metric_table()) {
    BOOST_TEST(names.insert(m.name).second, m.name << " is listed twice");
    BOOST_TEST(std::string(m.unit).size() > 0u, m.name);
    BOOST_TEST(std::string(m.source).size() > 0u, m.name);
    BOOST_TEST(m.getter != nullptr, m.name);
    if (m.cost_key) BOOST_TEST(cost_keys.insert(m.cost_key).second, m.cost_key);
    BOOST_TEST(find_metric(m.name) == &m);
  }
  BOOST_TEST(metric_names().size() == metric_table().size());
  BOOST_TEST(find_metric("area_um2") == nullptr);
}

BOOST_AUTO_TEST_CASE(evaluate_reports_exactly_the_table_and_cost_json_agrees) {
  const AcceleratorSpec s = eval::load_run_spec(kSrc + "/configs/default.yaml", {}, std::cerr);
  const Workload w = load_workload(kSrc + "/workloads/lenet300.yaml");
  const PointMetrics m = evaluate(s, w, Fidelity::analytical, 1);
  std::set<std::string> reported;
  for (const auto& [name, v] : m.values) reported.insert(name);
  const std::set<std::string> table(metric_names().begin(), metric_names().end());
  BOOST_TEST((reported == table));

  const CostReport c = cost_report(s, w, ana::estimate(s, w));
  const nlohmann::json j = to_json(c);
  MetricInputs in;
  in.cost = &c;
  for (const MetricDef& d : metric_table()) {
    if (!d.cost_key) continue;
    BOOST_REQUIRE_MESSAGE(j.contains(d.cost_key), d.cost_key);
    BOOST_TEST(j.at(d.cost_key).get<double>() == d.getter(in), d.cost_key);
    BOOST_TEST(m.values.at(d.name) == d.getter(in), d.name);
  }
  BOOST_TEST(j.at("total_area_mm2").get<double>() == m.values.at("area_mm2"));
  BOOST_TEST(j.at("inferences_per_s").get<double>() == m.values.at("throughput_inferences_per_s"));
}

// A sweep stores each unit's energy split as the cost table prints it (stats.json's breakdown,
// made by other code), and the split adds up to the energy per inference (set_totals' sum).
BOOST_AUTO_TEST_CASE(the_stored_energy_split_is_the_cost_tables_and_adds_up) {
  const AcceleratorSpec s = eval::load_run_spec(kSrc + "/configs/default.yaml", {}, std::cerr);
  const Workload w = load_workload(kSrc + "/workloads/lenet300.yaml");
  const PointMetrics m = evaluate(s, w, Fidelity::analytical, 1);
  const nlohmann::json table = breakdown_json(cost_report(s, w, ana::estimate(s, w)));
  double sum_pj = 0;
  size_t entries = 0;
  for (const char* kind : {"dynamic", "clock", "wires", "leakage"}) {
    const std::string name = std::string("energy_") + kind + "_pj";
    BOOST_REQUIRE_MESSAGE(m.breakdowns.count(name), name);
    for (const auto& [unit, pj] : m.breakdowns.at(name)) {
      BOOST_TEST(pj == table.at(unit).at(kind).get<double>() * 1e6,
                 boost::test_tools::tolerance(1e-12));
      sum_pj += pj;
      ++entries;
    }
  }
  BOOST_TEST(sum_pj * 1e-6 == m.values.at("energy_per_inference_uj"),
             boost::test_tools::tolerance(1e-12));
  // Every logic unit leaks at the same density per mm2 (the weight-SRAM macro's): its own row.
  const auto& leak = m.breakdowns.at("energy_leakage_pj");
  const auto& area = m.breakdowns.at("area_um2");
  for (const char* unit : {"fft", "mac_array", "accumulators", "controller", "peripheral"}) {
    BOOST_REQUIRE_MESSAGE(leak.count(unit), unit);
    BOOST_TEST(leak.at(unit) / area.at(unit) == leak.at("fft") / area.at("fft"),
               boost::test_tools::tolerance(1e-12));
  }
  BOOST_TEST(leak.count("logic") == 0u, "no lump row for all logic");
  BOOST_TEST(entries > 20u);
}

BOOST_AUTO_TEST_CASE(fidelity_names_go_both_ways) {
  for (const auto& e : kFidelityNames) {
    Fidelity f = e.value == Fidelity::analytical ? Fidelity::cosim : Fidelity::analytical;
    BOOST_TEST(parse_name(kFidelityNames, e.name, &f));
    BOOST_TEST((f == e.value));
    BOOST_TEST(std::string(to_string(e.value)) == e.name);
  }
  Fidelity f = Fidelity::cosim;
  BOOST_TEST(!parse_name(kFidelityNames, "cycle-accurate", &f));
  BOOST_TEST((f == Fidelity::cosim), "a failed parse leaves the value alone");
}
