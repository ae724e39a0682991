// The cfg writer reproduces, byte for byte, the cfg files CACTI ran for the reference data.
#define BOOST_TEST_MODULE cost_cacti_cfg
#include <boost/test/unit_test.hpp>

#include <set>

#include "cost/cacti_cfg.hpp"
#include "common/csv.hpp"
#include "cost/sram_batch.hpp"
#include "cost_test_support.hpp"

using namespace circa;

namespace {

std::string drop_first_line(const std::string& s) {
  return s.substr(s.find('\n') + 1);
}

/// The reference template without its leading '#' comment lines.
std::string template_body() {
  std::string t = test::slurp(test::reference_dir() + "/cfg/sram_ram_template.cfg.in");
  while (!t.empty() && t[0] == '#') t = drop_first_line(t);
  return t;
}

/// Independent of the writer: fills the template the way the README describes, from CSV cells.
std::string fill_from_row(const CsvTable& t, size_t row) {
  std::string s = template_body();
  auto cell = [&](const char* c) { return t.rows[row][t.required_column(c)]; };
  const int tech = std::stoi(cell("tech_nm"));
  const std::string weights =
      cell("design_weights").empty() ? "0:0:0:100:0" : cell("design_weights");
  const std::pair<std::string, std::string> values[] = {
      {"size_bytes", cell("size_bytes")},
      {"block_bytes", cell("block_bytes")},
      {"rw_ports", cell("rw_ports")},
      {"rd_ports", cell("rd_ports")},
      {"wr_ports", cell("wr_ports")},
      {"banks", cell("banks")},
      {"tech_um", tech == 90 ? "0.09" : "0.0" + std::to_string(tech)},
      {"cell_type", cell("cell_type")},
      {"periph_type", cell("periph_type")},
      {"out_width_bits", cell("out_width_bits")},
      {"temp_K", cell("temp_K")},
      {"access_mode", cell("access_mode")},
      {"design_weights", weights},
      {"optimize", cell("optimize")},
      {"ecc", cell("ecc")},
      {"print_level", "DETAILED"}};
  for (const auto& [k, v] : values)
    for (size_t p; (p = s.find("{" + k + "}")) != std::string::npos;) s.replace(p, k.size() + 2, v);
  return s;
}

CactiCfgOptions options_from_row(const CsvTable& t, size_t row) {
  auto cell = [&](const char* c) { return t.rows[row][t.required_column(c)]; };
  CactiCfgOptions o;
  o.access_mode = cell("access_mode");
  o.optimize = cell("optimize");
  if (!cell("design_weights").empty()) o.design_weights = cell("design_weights");
  o.ecc = cell("ecc") == "true";
  return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(embedded_body_matches_reference_template) {
  BOOST_TEST(std::string(cacti_cfg_template_body()) == template_body());
}

BOOST_AUTO_TEST_CASE(technology_is_written_in_micrometres_like_the_reference) {
  BOOST_TEST(cacti_tech_um(22) == "0.022");
  BOOST_TEST(cacti_tech_um(45) == "0.045");
  BOOST_TEST(cacti_tech_um(90) == "0.09");
  BOOST_TEST(cacti_tech_um(40) == "0.04");
}

BOOST_AUTO_TEST_CASE(first_line_is_a_comment_and_never_blank) {
  const std::string cfg = cacti_cfg_text(test::make_query(65536, 64));
  BOOST_TEST(cfg.rfind("# circa: ", 0) == 0u);
  BOOST_TEST(cfg.find("\n\n") == std::string::npos);
  BOOST_TEST(cfg.find('{') == std::string::npos);  // every placeholder filled
}

// The samples are the cfg files CACTI actually ran (their first line is the generator's comment).
BOOST_AUTO_TEST_CASE(reproduces_sample_cfgs) {
  struct Sample {
    const char* name;
    SramQuery q;
    CactiCfgOptions o;
  };
  auto q = [](std::int64_t size, int block, int tech, int banks, int rw, int rd, int wr, int temp,
              DeviceType d) {
    SramQuery x = test::make_query(size, block, tech, banks);
    x.rw_ports = rw, x.rd_ports = rd, x.wr_ports = wr, x.temperature_k = temp, x.device = d;
    return x;
  };
  CactiCfgOptions concise;
  concise.print_level = "CONCISE";
  const DeviceType hp = DeviceType::itrs_hp;
  const Sample samples[] = {
      {"s1_ram_64KB_64B_45nm_1bank_1rw", q(65536, 64, 45, 1, 1, 0, 0, 360, hp), {}},
      {"s2_ram_1MB_16B_90nm_4banks_1rw", q(1 << 20, 16, 90, 4, 1, 0, 0, 360, hp), {}},
      {"s3_ram_16KB_16B_45nm_1bank_1r1w", q(16384, 16, 45, 1, 0, 1, 1, 360, hp), {}},
      {"s4_ram_32KB_32B_22nm_lstp_CONCISE",
       q(32768, 32, 22, 1, 1, 0, 0, 360, DeviceType::itrs_lstp), concise},
      {"f1_error_no_valid_org_1KB_128B", q(1024, 128, 45, 1, 1, 0, 0, 360, hp), {}},
      {"f2_error_input_check_temp355", q(4096, 8, 45, 1, 1, 0, 0, 355, hp), {}},
  };
  for (const auto& s : samples) {
    BOOST_TEST_CONTEXT(s.name) {
      const std::string want =
          drop_first_line(test::slurp(test::sample_path(std::string(s.name) + ".cfg")));
      BOOST_TEST(drop_first_line(cacti_cfg_text(s.q, s.o)) == want);
    }
  }
  // f3 is the deliberately broken cfg (I/O keys removed): the writer never produces it.
  const std::string f3 =
      drop_first_line(test::slurp(test::sample_path("f3_crash_missing_io_keys.cfg")));
  BOOST_TEST(drop_first_line(cacti_cfg_text(q(65536, 64, 45, 1, 1, 0, 0, 360, hp))) != f3);
}

// One row of every sweep set (and all rows of the small sets): ports, banks, devices,
// temperature, ECC, optimisation targets with weights, access modes.
BOOST_AUTO_TEST_CASE(reproduces_template_filled_from_sweep_rows) {
  const CsvTable t = read_csv_file(test::reference_dir() + "/cacti7_sram_sweep.csv");
  std::set<std::string> seen;
  int checked = 0;
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const std::string set = t.rows[i][t.required_column("set")];
    if (set == "grid" || set == "banks4" || set == "ports_1r1w")
      if (!seen.insert(set).second) continue;
    BOOST_TEST_CONTEXT(t.rows[i][0] << " (" << set << ")") {
      const SramCsvPoint p = sram_point_from_csv(t, i);
      BOOST_TEST(drop_first_line(cacti_cfg_text(p.query, options_from_row(t, i))) ==
                 fill_from_row(t, i));
    }
    ++checked;
  }
  BOOST_TEST(checked > 30);
}
