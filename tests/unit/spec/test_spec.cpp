// The bundled configs and workloads load; defaults come from the parameter table; the dump is a
// faithful, re-loadable picture of the spec; layer geometry matches hand-computed shapes.
#define BOOST_TEST_MODULE spec
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include <yaml-cpp/yaml.h>

#include "spec/accelerator_params.hpp"
#include "spec/config_loader.hpp"

namespace fs = std::filesystem;
using namespace circa;

namespace {
const fs::path kRoot(CIRCA_SOURCE_DIR);

std::vector<fs::path> yaml_in(const fs::path& dir) {
  std::vector<fs::path> v;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".yaml") v.push_back(e.path());
  return v;
}
}  // namespace

BOOST_AUTO_TEST_CASE(every_bundled_file_passes_config_check) {
  int accelerators = 0, workloads = 0;
  for (const auto& dir : {kRoot / "configs", kRoot / "workloads"})
    for (const auto& f : yaml_in(dir)) {
      BOOST_TEST_CONTEXT(f.string()) {
        switch (document_kind(f.string())) {
          case DocumentKind::accelerator: BOOST_CHECK_NO_THROW(load_accelerator(f.string())); ++accelerators; break;
          case DocumentKind::workload: BOOST_CHECK_NO_THROW(load_workload(f.string())); ++workloads; break;
          case DocumentKind::sweep: break;
        }
      }
    }
  BOOST_TEST(accelerators >= 3);
  BOOST_TEST(workloads >= 4);
}

BOOST_AUTO_TEST_CASE(defaults_come_from_the_table) {
  const AcceleratorSpec s = default_accelerator();
  for (const auto& p : accelerator_params()) BOOST_TEST(p.get(s) == p.info.default_text, p.info.path);
  BOOST_TEST(s.block_size == 64);
  BOOST_TEST(s.formats.accumulator.frac == s.formats.product.frac);
  // The defaults must pass their own cross-checks.
  BOOST_CHECK_NO_THROW(cross_check(s, {}, "<defaults>"));
}

BOOST_AUTO_TEST_CASE(base_file_values_are_inherited_and_overridden) {
  const auto small = load_accelerator((kRoot / "configs" / "small.yaml").string()).spec;
  const auto base = load_accelerator((kRoot / "configs" / "default.yaml").string()).spec;
  BOOST_TEST(small.block_size == 16);                       // set in small.yaml
  BOOST_TEST(small.technology.node_nm == base.technology.node_nm);  // inherited
  BOOST_TEST(std::string(to_string(small.weight_sram.layout)) == to_string(base.weight_sram.layout));
}

BOOST_AUTO_TEST_CASE(dump_reloads_to_the_same_spec) {
  const auto spec = load_accelerator((kRoot / "configs" / "clstm_fpga.yaml").string()).spec;
  const std::string text = dump_yaml(spec);
  const fs::path tmp = fs::temp_directory_path() / "circa_dump_roundtrip.yaml";
  std::ofstream(tmp) << text;
  BOOST_TEST(dump_yaml(load_accelerator(tmp.string()).spec) == text);
  fs::remove(tmp);
}

/// The dump as yaml-cpp's node tree and emitter write it (dump_yaml writes it line by line).
std::string emitted(const AcceleratorSpec& s) {
  YAML::Node root;
  root["kind"] = "accelerator";
  for (const auto& p : accelerator_params()) {
    YAML::Node node = root;
    std::string path = p.info.path;
    for (size_t dot; (dot = path.find('.')) != std::string::npos; path.erase(0, dot + 1))
      node.reset(node[path.substr(0, dot)]);
    node[path] = p.get(s);
  }
  YAML::Emitter out;
  out << root;
  return std::string(out.c_str()) + "\n";
}

BOOST_AUTO_TEST_CASE(dump_is_the_yaml_emitters_text) {
  std::vector<AcceleratorSpec> specs{default_accelerator()};
  for (const auto& f : yaml_in(kRoot / "configs"))
    specs.push_back(load_accelerator(f.string()).spec);
  // Names the emitter must quote (or not): the line writer asks it per value.
  for (const char* name : {"", "true", "null", "a: b", "#x", "- y", "it's", "x\"y", "12"}) {
    specs.push_back(default_accelerator());
    specs.back().name = name;
  }
  for (const auto& s : specs) {
    BOOST_TEST_CONTEXT(s.name) {
      BOOST_TEST(dump_yaml(s) == emitted(s));
      const YAML::Node back = YAML::Load(dump_yaml(s));
      BOOST_TEST(back["name"].as<std::string>() == s.name);
    }
  }
}

BOOST_AUTO_TEST_CASE(workload_dump_reloads_to_the_same_workload) {
  const auto w = load_workload((kRoot / "workloads" / "cifar_cnn.yaml").string());
  const fs::path tmp = fs::temp_directory_path() / "circa_workload_roundtrip.yaml";
  std::ofstream(tmp) << dump_yaml(w);
  BOOST_TEST(dump_yaml(load_workload(tmp.string())) == dump_yaml(w));
  fs::remove(tmp);
}

BOOST_AUTO_TEST_CASE(fc_geometry_pads_to_whole_blocks) {
  Layer l;
  l.kind = LayerKind::fc;
  l.in_features = 784;
  l.out_features = 300;
  const LayerGeometry g = geometry(l, 64);
  BOOST_TEST(g.p == 5);   // ceil(300/64)
  BOOST_TEST(g.q == 13);  // ceil(784/64)
  BOOST_TEST(g.dense_macs == 784 * 300);
  BOOST_TEST(g.weight_params == 5 * 13 * 64);
}

BOOST_AUTO_TEST_CASE(conv_geometry_follows_the_tensor_formulation) {
  Layer l;
  l.kind = LayerKind::conv;
  l.in_channels = 3, l.out_channels = 32, l.in_height = 32, l.in_width = 32;
  l.kernel = 3, l.stride = 1, l.padding = 1, l.pool = Pooling::max2;
  const LayerGeometry g = geometry(l, 16);
  BOOST_TEST(g.p == 2);
  BOOST_TEST(g.q == 9);  // 9 taps x ceil(3/16)
  BOOST_TEST(g.products == 32 * 32);
  BOOST_TEST(g.output_elements == 32 * 16 * 16);
  BOOST_TEST(g.dense_macs == int64_t{9} * 3 * 32 * 32 * 32);
}

BOOST_AUTO_TEST_CASE(lstm_geometry_stacks_four_gates) {
  Layer l;
  l.kind = LayerKind::lstm;
  l.input_size = 160, l.hidden_size = 512, l.time_steps = 4, l.block_size = 8;
  const LayerGeometry g = geometry(l, 64);
  BOOST_TEST(g.k == 8);
  BOOST_TEST(g.p == 256);
  BOOST_TEST(g.q == 84);  // 672 / 8, as in C-LSTM's Google LSTM
  BOOST_TEST(g.products == 4);
}
