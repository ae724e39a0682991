// `circa sram --csv` without the CLI: reading queries, writing results under the reference's
// column names, and errors that point at the offending row.
#define BOOST_TEST_MODULE cost_sram_batch
#include <boost/test/unit_test.hpp>

#include "common/error.hpp"
#include "cost/sram_batch.hpp"
#include "cost/sram_model.hpp"
#include "cost_test_support.hpp"

using namespace circa;

BOOST_AUTO_TEST_CASE(reference_csv_round_trips_through_the_builtin_model) {
  const auto pts = read_sram_points_csv(test::reference_dir() + "/cacti7_sram_sweep.csv");
  BOOST_TEST(pts.size() == 381u);
  BOOST_TEST(pts[0].point_id == "p0000");
  BOOST_TEST(pts[0].query.size_bytes == 1024);
  const auto res = estimate_all(BuiltinSramModel::standard(), pts);
  const CsvTable out = parse_csv(sram_results_csv(pts, res), "out.csv");
  BOOST_TEST(out.rows.size() == pts.size());
  for (const char* c :
       {"point_id", "access_time_ns", "cycle_time_ns", "read_energy_nJ", "write_energy_nJ",
        "leakage_total_mW", "leakage_total_x_banks_mW", "area_mm2"})
    BOOST_TEST(out.column(c) >= 0, c);
  // Units as in the reference: nJ per access, mW per bank and for all banks.
  size_t i = 0;
  while (pts[i].query.banks != 4) ++i;
  BOOST_TEST(
      std::stod(out.rows[i][out.column("read_energy_nJ")]) == res[i].read_energy_pj.value / 1000,
      boost::test_tools::tolerance(1e-5));
  BOOST_TEST(std::stod(out.rows[i][out.column("leakage_total_x_banks_mW")]) ==
                 4 * std::stod(out.rows[i][out.column("leakage_total_mW")]),
             boost::test_tools::tolerance(1e-5));
}

BOOST_AUTO_TEST_CASE(bad_cells_name_file_line_and_column) {
  test::TempDir tmp;
  const std::string header =
      "point_id,size_bytes,block_bytes,banks,tech_nm,rw_ports,rd_ports,wr_ports,temp_K,cell_type,"
      "extra\n";
  test::spit(
      tmp / "a.csv",
      header + "x1,65536,64,1,45,1,0,0,360,itrs-hp,ignored\nx2,64k,64,1,45,1,0,0,360,itrs-hp,\n");
  BOOST_CHECK_EXCEPTION(
      read_sram_points_csv(tmp / "a.csv"), ConfigError, [&](const ConfigError& e) {
        return std::string(e.what()).find(
                   tmp / "a.csv:3:2: error: size_bytes: '64k' is not an integer") == 0;
      });
  test::spit(tmp / "b.csv", header + "x1,65536,64,1,16,1,0,0,360,itrs-hp,\n");
  const auto pts = read_sram_points_csv(tmp / "b.csv");
  BOOST_CHECK_EXCEPTION(
      estimate_all(BuiltinSramModel::standard(), pts), ConfigError, [&](const ConfigError& e) {
        return std::string(e.what()).find(tmp / "b.csv:2:") == 0 &&
               std::string(e.what()).find("error: tech_nm: 16 nm") != std::string::npos;
      });
  test::spit(tmp / "c.csv", "point_id,size_bytes\nx,1\n");
  BOOST_CHECK_EXCEPTION(read_sram_points_csv(tmp / "c.csv"), ConfigError, [](const ConfigError& e) {
    return std::string(e.what()).find("column 'block_bytes' is missing") != std::string::npos;
  });
}

BOOST_AUTO_TEST_CASE(csv_parser_handles_quotes_crlf_and_blank_lines) {
  const CsvTable t = parse_csv("a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\r\n\r\n2,3\n", "q.csv");
  BOOST_REQUIRE(t.rows.size() == 2u);
  BOOST_TEST(t.rows[0][0] == "x,1");
  BOOST_TEST(t.rows[0][1] == "say \"hi\"");
  BOOST_TEST(t.lines[1] == 4);
  BOOST_TEST(csv_field("x,1") == "\"x,1\"");
  BOOST_CHECK_THROW(parse_csv("a,b\n1\n", "r.csv"), ConfigError);
  BOOST_CHECK_THROW(parse_csv("a,b\n\"1,2\n", "r.csv"), ConfigError);
}

BOOST_AUTO_TEST_CASE(report_lists_every_output_with_units_and_provenance) {
  const SramQuery q = test::make_query(65536, 64);
  const std::string s = format_sram_result(q, BuiltinSramModel::standard().estimate(q));
  for (const char* part : {"access_time_ns", "cycle_time_ns", "read_energy_pj", "write_energy_pj",
                           "leakage_per_bank_mw", "leakage_total_mw", "area_mm2", " ns ", " pJ ",
                           " mW ", " mm2 ", "source:", "CACTI 7.0 reference data", "validity:"})
    BOOST_TEST(s.find(part) != std::string::npos, part);
}
