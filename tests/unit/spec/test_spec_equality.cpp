// same_design_but_clock and same_layers key the memos of a sweep's hot path: a field either
// leaves out would hand one design the figures of another. Every parameter of the declared
// tables is changed in turn, so a field added to the spec without its comparison fails here.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "spec/accelerator_params.hpp"
#include "spec/config_loader.hpp"

using namespace circa;

namespace {

/// A valid value of `p` other than `now`.
std::string another_value(const ParamInfo& p, const std::string& now) {
  switch (p.type) {
    case ParamType::boolean:
      return parse_boolean(now) ? "false" : "true";
    case ParamType::choice:
      for (const std::string& c : p.choices)
        if (c != now) return c;
      break;
    case ParamType::integer: {
      const long long v = parse_integer(now);
      const long long up = p.power_of_two ? (v > 0 ? v * 2 : 1) : v + 1;
      const long long down = p.power_of_two ? v / 2 : v - 1;
      return std::to_string(!p.has_range || up <= p.max ? up : down);
    }
    case ParamType::real: {
      const double v = parse_real(now);
      return format_real(!p.has_range || v + 0.5 <= p.max ? v + 0.5 : v - 0.5);
    }
    case ParamType::text:
      return now + "x";
  }
  BOOST_FAIL(p.path << " has no second value");
  return now;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_accelerator_parameter_but_name_and_clock_tells_designs_apart) {
  const AcceleratorSpec base = default_accelerator();
  int checked = 0;
  for (const auto& p : accelerator_params()) {
    AcceleratorSpec s = base;
    const std::string now = p.get(s), other = another_value(p.info, now);
    BOOST_TEST_CONTEXT(p.info.path << ": " << now << " -> " << other) {
      BOOST_TEST_REQUIRE(check_value(p.info, other) == "");
      p.set(s, other);
      BOOST_TEST_REQUIRE(p.get(s) != now);
      const bool label = p.info.path == "name" || p.info.path == "clock_mhz";
      BOOST_TEST(same_design_but_clock(s, base) == label);
      BOOST_TEST(same_design_but_clock(base, s) == label);
      ++checked;
    }
  }
  BOOST_TEST(checked > 40);
  BOOST_TEST(same_design_but_clock(base, base));
}

BOOST_AUTO_TEST_CASE(every_layer_parameter_tells_workloads_apart) {
  Workload base;
  base.layers.resize(2);
  int checked = 0;
  for (const auto& p : layer_params()) {
    Workload w = base;
    const std::string now = p.get(w.layers[1]), other = another_value(p.info, now);
    BOOST_TEST_CONTEXT(p.info.path << ": " << now << " -> " << other) {
      BOOST_TEST_REQUIRE(check_value(p.info, other) == "");
      p.set(w.layers[1], other);
      BOOST_TEST(!same_layers(w, base));
      ++checked;
    }
  }
  BOOST_TEST(checked > 15);
  Workload moved = base;
  moved.layers[0].where.line = 7;  // where the YAML was: no figure depends on it
  BOOST_TEST(same_layers(moved, base));
  moved.layers.pop_back();
  BOOST_TEST(!same_layers(moved, base));
}

namespace {

/// format_real as first written: every precision from 6 up until the text reads back.
std::string format_real_by_search(double v) {
  char buf[64];
  for (int precision = 6; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

}  // namespace

BOOST_AUTO_TEST_CASE(format_real_starts_its_search_at_the_shortest_digits_and_finds_the_same) {
  std::mt19937_64 g(7);
  std::vector<double> values = {0.0,
                                -0.0,
                                0.5,
                                1.0 / 3,
                                800,
                                1e21,
                                1e-7,
                                123456.7,
                                1234567,
                                std::numeric_limits<double>::max(),
                                std::numeric_limits<double>::denorm_min(),
                                std::numeric_limits<double>::infinity(),
                                std::numeric_limits<double>::quiet_NaN()};
  for (int i = 0; i < 50000; ++i) {
    values.push_back(std::ldexp(std::uniform_real_distribution<double>(-1, 1)(g),
                                std::uniform_int_distribution<int>(-80, 80)(g)));
    values.push_back(std::round(values.back() * 1e4) / 1e4);  // few digits, as configs give
    uint64_t bits = g();  // any bit pattern, powers of two included
    double any;
    std::memcpy(&any, &bits, sizeof any);
    values.push_back(any);
  }
  for (double v : values) BOOST_TEST_REQUIRE(format_real(v) == format_real_by_search(v), v);
}
