// Component: the FFT unit against the golden FixedFft, forward (phase A) and inverse (IFFT with
// its bank credit), for all three FFT styles, with and without random stalls. Without stalls
// each output leaves exactly `latency` cycles after its input (so it was not there at
// latency-1: the consumer was ready all along), and the bank is freed exactly when the last
// block's beats have entered.
#define BOOST_TEST_MODULE components
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <random>

#include "sysc/fft_unit.hpp"
#include "testbench.hpp"

namespace bdata = boost::unit_test::data;
using namespace circa;
using sysc::Block;
using sysc::Command;

namespace {

const char* const kStyles[] = {"pipelined", "unrolled", "iterative"};
const double kStalls[] = {0.0, 0.3};

AcceleratorSpec fft_spec(const std::string& style) {
  return test::accelerator({{"block_size", "16"},
                            {"fft.style", style},
                            {"fft.samples_per_cycle", style == "unrolled" ? "16" : "4"},
                            {"mac.lanes", "32"}});  // P = 4 output blocks per group
}

nlohmann::json forward_run(const AcceleratorSpec& s, double stall) {
  const int k = s.block_size, q = 6;
  test::Bench b(s, test::fc_layer(k, q, 1), stall);
  auto& cmd = b.link<Command>("cmd");
  auto& in = b.link<Block>("in");
  auto& out = b.link<sysc::Spectrum>("out");
  b.unit(new sysc::FftUnit("fft", b.ctx, b.prog, sysc::FftUnit::Mode::forward,
                           sysc::FftLinks{&cmd, &in, &out, nullptr, nullptr, nullptr}));
  const arch::FftTiming f = arch::fft_timing(s, k);
  const num::FixedFft golden(k, s.formats, s.fft.scaling);
  std::vector<int64_t> t_in(q), t_out(q);
  int outputs = 0;
  bool equal = true;
  b.driver("source", [&] {
    cmd.push(Command{0, 0});
    for (int j = 0; j < q; ++j) {
      std::vector<int64_t> x(b.data.input.begin() + j * k, b.data.input.begin() + (j + 1) * k);
      t_in[j] = in.push(Block{j, x});
      b.ctx.wait_until(t_in[j] + f.beats);
    }
  });
  b.driver("sink", [&] {
    for (int j = 0; j < q; ++j) {
      const sysc::Spectrum sp = out.pop();
      t_out[j] = b.ctx.cycle();
      ++outputs;
      num::OverflowCounts o;
      equal = equal && sp.index == j &&
              sp.bins == golden.forward_real(b.data.input.data() + j * k, o);
    }
  });
  b.run(100000);
  return {{"equal", equal}, {"outputs", outputs}, {"t_in", t_in}, {"t_out", t_out},
          {"latency", f.latency}, {"ii", f.ii}};
}

nlohmann::json inverse_run(const AcceleratorSpec& s, double stall) {
  const int k = s.block_size, p = 3;
  test::Bench b(s, test::fc_layer(k, 1, p), stall);
  auto& cmd = b.link<Command>("cmd");
  auto& banks = b.link<sysc::GroupResult>("banks", 2);
  auto& out = b.link<Block>("out");
  auto& credits = b.link<int>("credits", 2);
  b.unit(new sysc::FftUnit("ifft", b.ctx, b.prog, sysc::FftUnit::Mode::inverse,
                           sysc::FftLinks{&cmd, nullptr, nullptr, &banks, &out, &credits}));
  const arch::FftTiming f = arch::fft_timing(s, k);
  const arch::LayerPlan& pl = b.prog.layers[0].plan;
  const num::FixedFft golden(k, s.formats, s.fft.scaling);
  std::mt19937_64 rng(9);
  std::vector<std::vector<num::CFixed>> bins(p, std::vector<num::CFixed>(k / 2 + 1));
  for (auto& blk : bins)
    for (auto& c : blk) c = {static_cast<int64_t>(rng() % 200001) - 100000, static_cast<int64_t>(rng() % 200001) - 100000};
  std::vector<int64_t> t_group, t_out, t_credit;
  bool equal = true;
  b.driver("source", [&] {
    cmd.push(Command{0, 0});
    for (int g = 0; g < pl.groups; ++g) {
      sysc::GroupResult r{g, g * pl.mac.parallel_blocks, {}};
      for (int i = r.first; i < std::min(p, r.first + pl.mac.parallel_blocks); ++i) r.acc.push_back(bins[i]);
      t_group.push_back(b.ctx.cycle());
      banks.push(r);
      sc_core::wait(p * f.ii + f.latency + 4);  // let the group drain
    }
  });
  b.driver("sink", [&] {
    for (int i = 0; i < p; ++i) {
      const Block y = out.pop();
      t_out.push_back(b.ctx.cycle());
      num::OverflowCounts o;
      equal = equal && y.index == i && y.codes == golden.inverse_real(bins[i], o);
    }
  });
  b.driver("credits", [&] {
    for (int g = 0; g < pl.groups; ++g) {
      credits.pop();
      t_credit.push_back(b.ctx.cycle());
    }
  });
  b.run(100000);
  return {{"equal", equal}, {"t_group", t_group}, {"t_out", t_out}, {"t_credit", t_credit},
          {"P", pl.mac.parallel_blocks}, {"latency", f.latency}, {"ii", f.ii}, {"beats", f.beats}};
}

}  // namespace

BOOST_DATA_TEST_CASE(fft_forward_is_golden, bdata::make(kStyles) * bdata::make(kStalls), style, stall) {
  const nlohmann::json r = test::run_component([&] { return forward_run(fft_spec(style), stall); });
  BOOST_TEST(r["outputs"].get<int>() == 6);  // q = 6 input blocks, one spectrum each
  BOOST_TEST(r["equal"].get<bool>());
  const auto t_in = r["t_in"].get<std::vector<int64_t>>(), t_out = r["t_out"].get<std::vector<int64_t>>();
  const int64_t lat = r["latency"].get<int64_t>(), ii = r["ii"].get<int64_t>();
  for (size_t j = 0; j < t_in.size(); ++j) {
    if (stall == 0.0) {
      BOOST_TEST(t_out[j] - t_in[j] == lat);  // valid at latency, so not at latency - 1
      if (j > 0) BOOST_TEST(t_in[j] - t_in[j - 1] == ii);  // accepted at ii, not ii - 1
    } else {
      BOOST_TEST(t_out[j] - t_in[j] >= lat);
      if (j > 0) BOOST_TEST(t_in[j] - t_in[j - 1] >= ii);
    }
  }
}

BOOST_DATA_TEST_CASE(ifft_inverse_is_golden, bdata::make(kStyles) * bdata::make(kStalls), style, stall) {
  AcceleratorSpec s = fft_spec(style);
  const nlohmann::json r = test::run_component([&] { return inverse_run(s, stall); });
  const auto tg = r["t_group"].get<std::vector<int64_t>>(), to = r["t_out"].get<std::vector<int64_t>>(),
             tc = r["t_credit"].get<std::vector<int64_t>>();
  const int P = r["P"].get<int>();
  // p = 3 output blocks; 32 lanes over k/2+1 = 9 bins hold P = 4 blocks, so all 3 are one group:
  // 3 blocks out of the IFFT and 1 bank credit back, with or without stalls.
  BOOST_TEST(P == 4);
  BOOST_TEST(tg.size() == 1u);
  BOOST_TEST(to.size() == 3u);
  BOOST_TEST(tc.size() == 1u);
  BOOST_TEST(r["equal"].get<bool>());
  if (stall != 0.0) return;
  const int64_t lat = r["latency"].get<int64_t>(), ii = r["ii"].get<int64_t>(), beats = r["beats"].get<int64_t>();
  for (size_t i = 0; i < to.size(); ++i)
    BOOST_TEST(to[i] == tg[i / P] + static_cast<int64_t>(i % P) * ii + lat);
  for (size_t g = 0; g < tc.size(); ++g) {
    const int64_t blocks = std::min<int64_t>(P, static_cast<int64_t>(to.size()) - static_cast<int64_t>(g) * P);
    BOOST_TEST(tc[g] == tg[g] + (blocks - 1) * ii + beats);
  }
}
