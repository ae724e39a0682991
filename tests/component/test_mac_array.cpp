// Component: the MAC array against the golden product/accumulate in ascending j, with weight
// tiles that stream over 1 or 7 cycles (an issue then takes max(issue_cycles, stream)) and two
// accumulator banks; with random stalls the sums stay exact. Without stalls group g's bank is
// final exactly at M_0 + (g+1)*q*c + kMacLatency.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <random>

#include "numerics/bc_fixed.hpp"
#include "sysc/mac_array.hpp"
#include "testbench.hpp"

namespace bdata = boost::unit_test::data;
using namespace circa;

namespace {

nlohmann::json mac_run(int stream, double stall) {
  const AcceleratorSpec s = test::accelerator({{"block_size", "16"}, {"mac.lanes", "8"}});
  const int k = 16, q = 4, p = 3;  // slots 8, P = 1: three groups
  test::Bench b(s, test::fc_layer(k, q, p), stall);
  auto& cmd = b.link<sysc::Command>("cmd");
  auto& tiles = b.link<sysc::WeightTile>("tiles");
  auto& unused = b.link<sysc::WeightTile>("offchip");
  auto& xs = b.link<sysc::SpectrumRef>("spectra");
  auto& credits = b.link<int>("credits", 2);
  auto& banks = b.link<sysc::GroupResult>("banks", 2);
  credits.preload(0);
  credits.preload(1);
  b.unit(new sysc::MacArray("mac", b.ctx, b.prog,
                            sysc::MacLinks{&cmd, &tiles, &unused, &xs, &credits, &banks}));
  const sysc::LayerProgram& lp = b.prog.layers[0];
  std::mt19937_64 rng(4);
  std::vector<std::vector<num::CFixed>> x(q, std::vector<num::CFixed>(k / 2 + 1));
  for (auto& blk : x)
    for (auto& c : blk) c = {static_cast<int64_t>(rng() % 60001) - 30000, static_cast<int64_t>(rng() % 60001) - 30000};
  int64_t t0 = 0;
  std::vector<int64_t> t_ready;
  bool equal = true;
  b.driver("control", [&] { t0 = cmd.push(sysc::Command{0, 0}); });
  b.driver("weights", [&] {
    for (int g = 0; g < lp.plan.groups; ++g)
      for (int j = 0; j < q; ++j) b.ctx.wait_until(tiles.push(sysc::WeightTile{g, j, g, 1, stream}) + stream);
  });
  b.driver("spectra", [&] {
    for (int g = 0; g < lp.plan.groups; ++g)
      for (int j = 0; j < q; ++j) xs.push(sysc::SpectrumRef{j, &x[j]});
  });
  b.driver("ifft", [&] {  // reads each bank at once and frees it
    for (int g = 0; g < lp.plan.groups; ++g) {
      const sysc::GroupResult r = banks.pop();
      t_ready.push_back(b.ctx.cycle());
      std::vector<num::CFixed> ref(k / 2 + 1);
      uint64_t o = 0;
      for (int j = 0; j < q; ++j)
        for (int bin = 0; bin <= k / 2; ++bin)
          ref[bin] = num::accumulate(ref[bin], num::complex_product(x[j][bin], lp.params.spectra.block(g, j)[bin], s.formats, &o), s.formats, &o);
      equal = equal && r.group == g && r.acc.size() == 1 && r.acc[0] == ref;
      credits.push(g);
    }
  });
  b.run(100000);
  return {{"equal", equal}, {"t0", t0}, {"t_ready", t_ready}, {"issue", lp.plan.mac.issue_cycles},
          {"macs", lp.events.complex_macs}, {"expected_macs", int64_t{p} * q * lp.plan.mac.slots}};
}

}  // namespace

BOOST_DATA_TEST_CASE(mac_array_is_golden, bdata::make({1, 7}) * bdata::make({0.0, 0.3}), stream, stall) {
  const nlohmann::json r = test::run_component([&] { return mac_run(stream, stall); });
  BOOST_TEST(r["t_ready"].size() == 3u);  // p = 3 blocks, P = 1: three groups, three banks out
  BOOST_TEST(r["equal"].get<bool>());
  BOOST_TEST(r["macs"].get<int64_t>() == r["expected_macs"].get<int64_t>());
  if (stall != 0.0) return;
  const int64_t c = std::max<int64_t>(r["issue"].get<int64_t>(), stream), q = 4;
  const auto t = r["t_ready"].get<std::vector<int64_t>>();
  for (size_t g = 0; g < t.size(); ++g)
    BOOST_TEST(t[g] == r["t0"].get<int64_t>() + static_cast<int64_t>(g + 1) * q * c + arch::kMacLatency);
}
