// YAML corners a hostile or careless user reaches: anchors and aliases (they work as YAML says),
// merge keys (refused), alias bombs and deep nesting (refused quickly, without expanding), and
// NaN, infinities, huge integers, empty strings and nulls for every parameter of every table
// (each refused with that parameter's own allowed range).
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "../../config_error.hpp"
#include "spec/accelerator_params.hpp"
#include "spec/config_loader.hpp"
#include "spec/yaml_guard.hpp"

namespace fs = std::filesystem;
namespace bdata = boost::unit_test::data;
using namespace circa;

namespace {

/// Writes `text` to a file of its own under the temp dir and returns the path.
std::string write_temp(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / ("circa-yaml-edge-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path file = dir / name;
  std::ofstream(file) << text;
  return file.string();
}

/// "a.b.c: v" as nested block mappings.
std::string nested(const std::string& path, const std::string& value, int indent = 0) {
  const size_t dot = path.find('.');
  const std::string pad(static_cast<size_t>(indent), ' ');
  if (dot == std::string::npos) return pad + path + ": " + value + "\n";
  return pad + path.substr(0, dot) + ":\n" + nested(path.substr(dot + 1), value, indent + 2);
}

long max_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

/// A billion-laughs file: level 0 holds 9 scalars, each next level 9 aliases of the one before.
std::string alias_bomb(int levels) {
  std::string text = "kind: workload\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < levels; ++i) {
    const std::string prev = "*l" + std::to_string(i - 1);
    text += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [";
    for (int j = 0; j < 9; ++j) text += (j ? ", " : "") + prev;
    text += "]\n";
  }
  return text + "layers: *l" + std::to_string(levels - 1) + "\n";
}

// Values no parameter accepts in YAML's own spellings: null three ways, the empty string, NaN and
// infinities as YAML and as C write them, and integers beyond 64 bits.
const std::vector<std::string> kHostile = {
    "~",    "null", "",     "''",   ".nan", "nan",   "NaN",
    ".inf", "-.inf", "inf", "-infinity", "99999999999999999999999", "-99999999999999999999999"};

bool accepted_as_text(const ParamInfo& p, const std::string& v) {
  if (p.type != ParamType::text) return false;
  const bool null_or_empty = v == "~" || v == "null" || v.empty() || v == "''";
  return !null_or_empty || (v == "''" && check_value(p, "").empty());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(yaml_edge_cases)

BOOST_AUTO_TEST_CASE(anchors_and_aliases_work_as_yaml_says) {
  const std::string file = write_temp("aliases.yaml",
                                      "kind: accelerator\n"
                                      "weight_sram: &mem\n  capacity_kib: 128\n  banks: 2\n"
                                      "activation_buffer: *mem\n"
                                      "formats:\n  input: &q {bits: 16, frac: 11}\n  output: *q\n"
                                      "mac:\n  lanes: &n 16\n"
                                      "fft:\n  samples_per_cycle: *n\n");
  const AcceleratorSpec s = load_accelerator(file).spec;
  BOOST_TEST(s.activation_buffer.capacity_kib == 128);
  BOOST_TEST(s.activation_buffer.banks == 2);
  BOOST_TEST(s.formats.output.frac == 11);
  BOOST_TEST(s.fft.samples_per_cycle == 16);
  BOOST_TEST(s.mac.lanes == 16);
}

BOOST_AUTO_TEST_CASE(an_alias_repeats_a_workload_layer) {
  const std::string file = write_temp(
      "layer_alias.yaml",
      "kind: workload\nlayers:\n  - &a {name: a, type: fc, in_features: 64, out_features: 64}\n"
      "  - {name: b, type: fc, in_features: 64, out_features: 64}\n  - *a\n");
  // The alias is a true copy, name included, so the third layer repeats the first one's name.
  const std::string e = test::config_error_of([&] { load_workload(file); });
  BOOST_TEST(e.find(":3:5: error: layers[2].name: layer name 'a' is used twice") !=
                 std::string::npos,
             e);
}

BOOST_AUTO_TEST_CASE(an_alias_bomb_is_refused_quickly_without_expanding) {
  const long rss_before = max_rss_kib();
  const auto start = std::chrono::steady_clock::now();
  // 9^12 (282 billion) values once expanded.
  const std::string file = write_temp("bomb.yaml", alias_bomb(12));
  const std::string e = test::config_error_of([&] { load_workload(file); });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(e.find("the file expands to more than 100000 values once its aliases are followed") !=
                 std::string::npos,
             e);
  BOOST_TEST(e.find("bomb.yaml:7:") != std::string::npos, e);  // l5, where the count passes 1e5
  BOOST_TEST_MESSAGE("alias bomb refused in " << seconds << " s, peak RSS grew by "
                                              << max_rss_kib() - rss_before << " KiB");
  BOOST_TEST(seconds < 2.0);
  BOOST_TEST(max_rss_kib() - rss_before < 64 * 1024);
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_refused_at_the_limit) {
  for (const int depth : {kMaxYamlDepth + 1, 100000}) {
    const std::string file = write_temp(
        "deep.yaml", "kind: accelerator\nname: " + std::string(static_cast<size_t>(depth), '[') +
                         "1" + std::string(static_cast<size_t>(depth), ']') + "\n");
    const auto start = std::chrono::steady_clock::now();
    const std::string e = test::config_error_of([&] { load_accelerator(file); });
    BOOST_TEST(e.find("deep.yaml:2:" + std::to_string(6 + kMaxYamlDepth) +
                      ": error: nesting deeper than 32 levels") != std::string::npos,
               e);
    BOOST_TEST(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() <
               2.0);
  }
  // One level less is still parsed (and then refused for what it is: a list, not a name).
  const std::string ok = write_temp(
      "shallow.yaml", "kind: accelerator\nname: " + std::string(kMaxYamlDepth - 1, '[') + "1" +
                          std::string(kMaxYamlDepth - 1, ']') + "\n");
  BOOST_TEST(test::config_error_of([&] {
               load_accelerator(ok);
             }).find("name: expected a single value") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_second_document_is_refused_at_its_line) {
  const std::string file =
      write_temp("two.yaml", "kind: accelerator\nclock_mhz: 800\n...\n---\nclock_mhz: 900\n");
  const std::string e = test::config_error_of([&] { document_kind(file); });
  BOOST_TEST(e.find("two.yaml:4:1: error: a second YAML document starts here") !=
                 std::string::npos,
             e);
  // A lone leading '---' or a trailing '...' is still one document.
  const std::string one =
      write_temp("one.yaml", "---\nkind: accelerator\nclock_mhz: 700\n...\n");
  BOOST_TEST(load_accelerator(one).spec.clock_mhz == 700);
}

BOOST_AUTO_TEST_CASE(an_alias_inside_the_node_it_names_is_refused) {
  const std::string file = write_temp("cycle.yaml", "kind: accelerator\nname: &a [x, *a]\n");
  BOOST_TEST(test::config_error_of([&] { load_accelerator(file); })
                 .find("cycle.yaml:2:14: error: this alias "
                       "refers to the node that contains it") != std::string::npos);
}

BOOST_DATA_TEST_CASE(every_accelerator_parameter_refuses_hostile_values_with_its_range,
                     bdata::make(kHostile), value) {
  int checked = 0;
  for (const auto& p : accelerator_params()) {
    if (accepted_as_text(p.info, value)) continue;
    const std::string file =
        write_temp("param.yaml", "kind: accelerator\n" + nested(p.info.path, value));
    const std::string e = test::config_error_of([&] { load_accelerator(file); });
    BOOST_TEST_CONTEXT(p.info.path << " = " << value) {
      BOOST_TEST(e.find(": error: " + p.info.path + ": ") != std::string::npos, e);
      BOOST_TEST(e.find(p.info.allowed()) != std::string::npos, e);
    }
    ++checked;
  }
  BOOST_TEST(checked >= 50);
}

BOOST_DATA_TEST_CASE(every_layer_and_workload_parameter_refuses_hostile_values_with_its_range,
                     bdata::make(kHostile), value) {
  using Fields = std::vector<std::pair<std::string, std::string>>;
  const std::map<LayerKind, Fields> base_layer = {
      {LayerKind::fc, {{"name", "l"}, {"type", "fc"}, {"in_features", "64"}, {"out_features", "64"}}},
      {LayerKind::conv,
       {{"name", "l"}, {"type", "conv"}, {"in_channels", "4"}, {"out_channels", "4"},
        {"in_height", "8"}, {"in_width", "8"}, {"kernel", "3"}}},
      {LayerKind::lstm,
       {{"name", "l"}, {"type", "lstm"}, {"input_size", "64"}, {"hidden_size", "64"}}}};
  int checked = 0;
  for (const auto& [kind, fields] : base_layer)
    for (const auto& p : layer_params()) {
      if (!applies_to(p.info, kind) || accepted_as_text(p.info, value)) continue;
      // The layer's other keys, then the hostile one (YAML refuses a key given twice).
      std::string layer;
      for (const auto& [key, v] : fields)
        if (key != p.info.path)
          layer += key + ": " + v + ", ";
      const std::string v = value.empty() ? "~" : value;  // "" ends a flow mapping: spell it
      const std::string file = write_temp(
          "layer.yaml", "kind: workload\nlayers:\n  - {" + layer + p.info.path + ": " + v + "}\n");
      const std::string e = test::config_error_of([&] { load_workload(file); });
      BOOST_TEST_CONTEXT(to_string(kind) << " " << p.info.path << " = " << value) {
        const bool names_key = e.find("layers[0]." + p.info.path + ": ") != std::string::npos ||
                               e.find(": error: " + p.info.path + ": ") != std::string::npos;
        BOOST_TEST(names_key, e);
        BOOST_TEST(e.find(p.info.allowed()) != std::string::npos, e);
      }
      ++checked;
    }
  for (const auto& p : workload_params()) {
    if (accepted_as_text(p.info, value)) continue;
    const std::string file = write_temp(
        "workload.yaml", "kind: workload\n" + nested(p.info.path, value) +
                             "layers:\n  - {name: a, type: fc, in_features: 8, out_features: 8}\n");
    const std::string e = test::config_error_of([&] { load_workload(file); });
    BOOST_TEST_CONTEXT(p.info.path << " = " << value) {
      BOOST_TEST(e.find(p.info.allowed()) != std::string::npos, e);
    }
    ++checked;
  }
  BOOST_TEST(checked >= 5);
}

BOOST_AUTO_TEST_SUITE_END()
