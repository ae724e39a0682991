// Every generated unit against the golden model, bottom-up: the round/saturate primitive, the
// butterfly, the twiddle ROM, the unrolled FFT and IFFT, the MAC lane, the peripheral unit. Each
// runs a self-checking Icarus bench; the fault tests prove the benches can fail.
#define BOOST_TEST_MODULE rtl_units
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "arch/microarch.hpp"
#include "common/error.hpp"
#include "gen/generator.hpp"
#include "gen/netlist.hpp"
#include "golden_vectors.hpp"
#include "stream_vectors.hpp"
#include "numerics/fixed_point.hpp"

using namespace circa;
using namespace circa::rtltest;
namespace bdata = boost::unit_test::data;

namespace {

/// Named design points: the bundled configs, made unrolled where the unit needs it, plus
/// variants that flip rounding, overflow, scaling and stage latency.
AcceleratorSpec variant(const std::string& name) {
  if (name == "clstm") return spec_of("clstm_fpga.yaml");
  if (name == "small_unrolled")
    return spec_of("small.yaml", {"fft.style=unrolled", "fft.samples_per_cycle=16"});
  if (name == "k4_trunc_wrap_l2")
    return spec_of("small.yaml", {"block_size=4", "fft.style=unrolled", "fft.samples_per_cycle=4",
                                  "fft.stage_latency=2", "formats.fft.rounding=truncate",
                                  "formats.fft.overflow=wrap", "formats.ifft.overflow=wrap",
                                  "formats.output.rounding=truncate", "formats.product.overflow=wrap"});
  if (name == "k8_even_inverse")
    return spec_of("clstm_fpga.yaml", {"fft.scaling=inverse", "formats.fft.rounding=nearest_even",
                                       "formats.ifft.rounding=nearest_even", "formats.fft.bits=12",
                                       "formats.product.rounding=nearest_even", "formats.output.rounding=nearest_even",
                                       "formats.accumulator.bits=24", "formats.accumulator.overflow=wrap"});
  // Pipelined design points: S = 1 (all delay feedback), S = k (all lanes), deeper stages,
  // truncate/wrap, inverse scaling with nearest_even.
  if (name == "small") return spec_of("small.yaml");
  if (name == "k16_s1_l2") return spec_of("small.yaml", {"fft.samples_per_cycle=1", "fft.stage_latency=2"});
  if (name == "k32_s4_trunc_wrap")
    return spec_of("small.yaml", {"block_size=32", "fft.samples_per_cycle=4", "formats.fft.rounding=truncate",
                                  "formats.fft.overflow=wrap", "formats.ifft.overflow=wrap",
                                  "formats.ifft.rounding=truncate"});
  if (name == "k8_s8_even_inverse")
    return spec_of("clstm_fpga.yaml", {"fft.style=pipelined", "fft.scaling=inverse", "formats.fft.rounding=nearest_even",
                                       "formats.ifft.rounding=nearest_even", "formats.fft.bits=12"});
  if (name == "small_iterative") return spec_of("small.yaml", {"fft.style=iterative"});
  if (name == "k32_s8_iterative_l2_inverse")
    return spec_of("small.yaml", {"block_size=32", "fft.style=iterative", "fft.samples_per_cycle=8", "fft.stage_latency=2",
                                  "fft.scaling=inverse", "formats.ifft.rounding=nearest_even"});
  return spec_of("default.yaml");
}

const std::vector<std::string> kStreaming{"default", "small", "k16_s1_l2", "k32_s4_trunc_wrap", "k8_s8_even_inverse",
                                          "small_iterative", "k32_s8_iterative_l2_inverse"};

const std::vector<std::string> kVariants{"clstm", "small_unrolled", "k4_trunc_wrap_l2", "k8_even_inverse"};

void expect_pass(const BenchResult& r, size_t vectors) {
  BOOST_TEST_INFO(r.log.substr(0, 3000));
  BOOST_TEST(r.mismatches == 0);
  BOOST_TEST(r.checked == static_cast<int>(vectors));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rtl_units)

BOOST_AUTO_TEST_CASE(round_sat_matches_requantize) {
  // (input width, shift, output format): left shifts, shifts beyond the input, all modes.
  struct Case { int iw, shift; FixedFormat to; };
  const std::vector<Case> cases{
      {20, 5, {8, 0, Rounding::nearest_even, Overflow::saturate}},
      {20, 1, {8, 0, Rounding::nearest_even, Overflow::wrap}},
      {20, -3, {8, 0, Rounding::nearest_up, Overflow::saturate}},
      {20, 30, {8, 0, Rounding::nearest_up, Overflow::saturate}},
      {20, 25, {8, 0, Rounding::truncate, Overflow::saturate}},
      {12, 12, {4, 0, Rounding::nearest_even, Overflow::saturate}},
      {4, 0, {8, 0, Rounding::truncate, Overflow::saturate}},
      {33, 7, {12, 0, Rounding::truncate, Overflow::wrap}},
      {40, 3, {40, 0, Rounding::nearest_up, Overflow::saturate}}};
  for (size_t c = 0; c < cases.size(); ++c) {
    const Case& cs = cases[c];
    gen::Design d;
    const std::string name = "rs_case" + std::to_string(c);
    const std::vector<gen::Port> ports{{"in", false, cs.iw}, {"out", true, cs.to.bits}};
    gen::Emitter e;
    e.open("module " + name + " (input wire [" + std::to_string(cs.iw - 1) + ":0] in, output wire [" +
           std::to_string(cs.to.bits - 1) + ":0] out);");
    gen::Body body(e, name, ports);
    body.round_sat_shift("u", body["in"], cs.shift, cs.to, "out");
    e.close("endmodule");
    d.add({name, e.str(), ports, 0});
    Bench b;
    ports_from(d, name, b);
    std::mt19937_64 rng(c);
    const FixedFormat in_fmt{cs.iw, 0, Rounding::truncate, Overflow::saturate};
    for (int i = 0; i < 300; ++i) {
      const int64_t v = random_code(rng, in_fmt);
      b.in.push_back({{v}});
      b.expect.push_back({{num::requantize(v, cs.shift, cs.to, nullptr)}});
    }
    BOOST_TEST_CONTEXT("case " << c) expect_pass(run_bench(d, b, work_dir(name)), b.in.size());
  }
}

BOOST_DATA_TEST_CASE(butterfly_matches_golden, bdata::make(kVariants), v) {
  const AcceleratorSpec s = variant(v);
  gen::Design d;
  const std::string m = gen::gen_butterfly(d, s.formats.fft, s.formats.twiddle,
                                           s.fft.scaling == FftScaling::forward, s.fft.stage_latency, false);
  BOOST_TEST(d.module(m).latency == s.fft.stage_latency);
  const Bench b = butterfly_bench(d, m, s, 400);
  expect_pass(run_bench(d, b, work_dir("bfly_" + v)), b.in.size());
}

BOOST_AUTO_TEST_CASE(butterfly_name_encodes_parameters) {
  const AcceleratorSpec s = variant("default");
  gen::Design d;
  BOOST_TEST(gen::gen_butterfly(d, s.formats.fft, s.formats.twiddle, 1, 1, false) ==
             "circa_bfly_d18q14us_t16_f14_sh1_l1");
}

BOOST_DATA_TEST_CASE(twiddle_rom_matches_golden, bdata::make({"clstm", "default"}), v) {
  const AcceleratorSpec s = variant(v);
  gen::Design d;
  const std::string m = gen::gen_twiddle_rom(d, num::TwiddleRom(s.block_size, s.formats.twiddle));
  const Bench b = twiddle_rom_bench(d, m, s);
  expect_pass(run_bench(d, b, work_dir("rom_" + std::string(v))), b.in.size());
}

BOOST_DATA_TEST_CASE(fft_unrolled_forward_matches_golden, bdata::make(kVariants), v) {
  const AcceleratorSpec s = variant(v);
  gen::Design d;
  const std::string m = gen::gen_fft_unrolled_forward(d, s, s.block_size, {});
  BOOST_TEST(d.module(m).latency == arch::fft_timing(s, s.block_size).latency);
  const Bench b = fft_forward_bench(d, m, s, 60);
  expect_pass(run_bench(d, b, work_dir("fftf_" + v)), b.in.size());
}

BOOST_DATA_TEST_CASE(fft_unrolled_inverse_matches_golden, bdata::make(kVariants), v) {
  const AcceleratorSpec s = variant(v);
  gen::Design d;
  const std::string m = gen::gen_fft_unrolled_inverse(d, s, s.block_size, {});
  BOOST_TEST(d.module(m).latency == arch::fft_timing(s, s.block_size).latency);
  const Bench b = fft_inverse_bench(d, m, s, 60);
  expect_pass(run_bench(d, b, work_dir("ffti_" + v)), b.in.size());
}

// Pipelined and iterative units (the same generator functions, by fft.style).
BOOST_DATA_TEST_CASE(fft_streaming_matches_golden, bdata::make(kStreaming), v) {
  const AcceleratorSpec s = variant(v);
  const arch::FftTiming t = arch::fft_timing(s, s.block_size);
  const struct { FftDir dir; const char* tag; } dirs[] = {
      {FftDir::forward, "fwd"}, {FftDir::inverse, "inv"}, {FftDir::shared, "shared"}};
  for (const auto& dr : dirs) {
    gen::Design d;
    const std::string m = dr.dir == FftDir::forward   ? gen::gen_fft_pipelined_forward(d, s, s.block_size, {})
                          : dr.dir == FftDir::inverse ? gen::gen_fft_pipelined_inverse(d, s, s.block_size, {})
                                                      : gen::gen_fft_pipelined_shared(d, s, s.block_size, {});
    BOOST_TEST_CONTEXT(dr.tag) {
      BOOST_TEST(d.module(m).latency == t.latency);
      // The bench checks each output exactly `latency` cycles after its input beat, so a unit
      // that is one cycle early or late fails it.
      const Bench b = fft_pipelined_bench(d, m, s, dr.dir, 6, 7);
      expect_pass(run_bench(d, b, work_dir("fftp_" + std::string(dr.tag) + "_" + v)), b.in.size());
    }
  }
}

BOOST_DATA_TEST_CASE(mac_lane_matches_golden, bdata::make(kVariants), v) {
  const AcceleratorSpec s = variant(v);
  gen::Design d;
  const int depth = static_cast<int>(arch::memory_map(s).accumulators.depth);
  const std::string m = gen::gen_mac_lane(d, s.formats, depth);
  BOOST_TEST(d.module(m).latency == arch::kMacLatency);
  const Bench b = mac_lane_bench(d, m, s, depth, 400);
  expect_pass(run_bench(d, b, work_dir("mac_" + v)), b.in.size());
}

BOOST_DATA_TEST_CASE(peripheral_matches_golden, bdata::make(kVariants), v) {
  const AcceleratorSpec s = variant(v);
  gen::Design d;
  const std::string m = gen::gen_peripheral(d, s.formats, 4);
  BOOST_TEST(d.module(m).latency == arch::kPeripheralLatency);
  const Bench b = peripheral_bench(d, m, s, 4, 300);
  expect_pass(run_bench(d, b, work_dir("per_" + v)), b.in.size());
}

BOOST_DATA_TEST_CASE(lstm_cell_matches_golden, bdata::make(kVariants), v) {
  const AcceleratorSpec s = variant(v);
  gen::Design d;
  const std::string m = gen::gen_lstm_cell(d, s.formats, 4);
  BOOST_TEST(d.module(m).latency == arch::kLstmCellLatency);
  const Bench b = lstm_cell_bench(d, m, s, 4, 400);
  expect_pass(run_bench(d, b, work_dir("lstm_" + v)), b.in.size());
}

// At read latency 3 the wrapper's read data comes 3 cycles after the address (its module latency,
// which the bench waits).
BOOST_DATA_TEST_CASE(weight_sram_reads_images_and_writes, bdata::make({1, 3}), latency) {
  AcceleratorSpec s = variant("small_unrolled");
  s.weight_sram.capacity_kib = 2;  // 2 banks x 170 words x 48 bits: small enough to simulate
  s.weight_sram.banks = 2;
  s.weight_sram.word_bits = 48;
  const arch::MemoryShape m = arch::memory_map(s).weight_sram;
  gen::Design d;
  const std::string w = gen::gen_weight_sram(d, m, latency, true);
  BOOST_TEST_REQUIRE(d.module(w).latency == latency);
  const Bench b = weight_sram_bench(d, w, m, 400);
  expect_pass(run_bench(d, b, work_dir("wsram_l" + std::to_string(latency))), b.in.size());
}

// The negative tests: a one-bit fault in the butterfly must be caught, in the butterfly's own
// bench and through a whole FFT.
BOOST_AUTO_TEST_CASE(butterfly_fault_is_detected) {
  const AcceleratorSpec s = variant("clstm");
  gen::Design d;
  const std::string m = gen::gen_butterfly(d, s.formats.fft, s.formats.twiddle, 1, 1, true);
  const Bench b = butterfly_bench(d, m, s, 50);
  const BenchResult r = run_bench(d, b, work_dir("bfly_fault"));
  BOOST_TEST(r.checked == 50);
  BOOST_TEST(r.mismatches > 0);
}

BOOST_AUTO_TEST_CASE(fft_fault_is_detected) {
  const AcceleratorSpec s = variant("clstm");
  gen::Design d;
  gen::Faults f;
  f.butterfly = true;
  const std::string m = gen::gen_fft_unrolled_forward(d, s, s.block_size, f);
  const Bench b = fft_forward_bench(d, m, s, 20);
  const BenchResult r = run_bench(d, b, work_dir("fft_fault"));
  BOOST_TEST(r.checked == 20);
  BOOST_TEST(r.mismatches == 20);
}

BOOST_AUTO_TEST_CASE(fft_pipelined_fault_is_detected) {
  const AcceleratorSpec s = variant("small");
  gen::Design d;
  gen::Faults f;
  f.butterfly = true;
  const std::string m = gen::gen_fft_pipelined_shared(d, s, s.block_size, f);
  const Bench b = fft_pipelined_bench(d, m, s, FftDir::shared, 3, 8);
  const BenchResult r = run_bench(d, b, work_dir("fftp_fault"));
  BOOST_TEST(r.checked == static_cast<int>(b.in.size()));
  BOOST_TEST(r.mismatches > 0);
}

BOOST_AUTO_TEST_SUITE_END()

// The benches' simulators are external tools: missing or failing, they are a ToolError naming
// the tool, its command and (for a failure) the log, never an empty log and a count of -1.
BOOST_AUTO_TEST_SUITE(simulator_errors)

namespace {

/// PATH set to `dir` while in scope.
struct PathOnly {
  std::string saved = std::getenv("PATH") ? std::getenv("PATH") : "";
  explicit PathOnly(const std::string& dir) { setenv("PATH", dir.c_str(), 1); }
  ~PathOnly() { setenv("PATH", saved.c_str(), 1); }
};

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const std::vector<std::string> kCompile{"iverilog", "-g2012", "-o", "sim.vvp", "tb.v"};
const std::vector<std::string> kRun{"vvp", "-n", "sim.vvp"};

}  // namespace

BOOST_AUTO_TEST_CASE(missing_iverilog_says_how_to_install_it) {
  const std::string dir = work_dir("no_iverilog");
  PathOnly none(dir);
  try {
    compile_and_simulate("iverilog", kCompile, "vvp", kRun, dir);
    BOOST_FAIL("a missing iverilog was not reported");
  } catch (const ToolError& e) {
    BOOST_TEST(e.tool() == "iverilog");
    BOOST_TEST(has(e.what(), "apt-get install iverilog"), e.what());
    BOOST_TEST(has(e.command_line(), "iverilog -g2012 -o sim.vvp tb.v"), e.command_line());
  }
}

BOOST_AUTO_TEST_CASE(missing_vvp_after_a_good_compile_is_reported) {
  const std::string dir = work_dir("no_vvp");
  std::filesystem::create_symlink("/bin/true", std::filesystem::path(dir) / "iverilog");
  PathOnly only(dir);
  try {
    compile_and_simulate("iverilog", kCompile, "vvp", kRun, dir);
    BOOST_FAIL("a missing vvp was not reported");
  } catch (const ToolError& e) {
    BOOST_TEST(e.tool() == "vvp");
    BOOST_TEST(has(e.what(), "apt-get install iverilog"), e.what());
  }
}

BOOST_AUTO_TEST_CASE(failing_iverilog_names_its_command_and_log) {
  const std::string dir = work_dir("bad_verilog");
  std::ofstream(std::filesystem::path(dir) / "tb.v") << "module tb;\n  this is not verilog\n";
  try {
    compile_and_simulate("iverilog", kCompile, "vvp", kRun, dir);
    BOOST_FAIL("a failing iverilog was not reported");
  } catch (const ToolError& e) {
    BOOST_TEST(e.tool() == "iverilog");
    BOOST_TEST(has(e.problem(), "exited with status"), e.problem());
    BOOST_TEST(has(e.command_line(), "iverilog -g2012"), e.command_line());
    BOOST_TEST(e.log() == dir + "/iverilog.log");
    BOOST_TEST(std::filesystem::file_size(e.log()) > 0u);
  }
}

BOOST_AUTO_TEST_SUITE_END()
