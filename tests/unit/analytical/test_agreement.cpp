// The analytical model against the SystemC model over a grid of 36 design points: k from 4 to
// 256, MAC lanes from 1 to k, all three FFT styles, shared and separate IFFT, both spectrum
// layouts, 1-3 accumulator banks, weights on chip and streamed from off-chip at several
// bandwidths, weight SRAM read latencies of 1, 2 and 3 cycles; fc, conv and lstm layers, each
// followed by a second (fc) layer. Events must be
// equal field by field; cycles (total, and each layer's start and length) equal exactly when
// every layer is on chip, the total within 2 % otherwise (SCHEDULE.md). No stalls.
#define BOOST_TEST_MODULE analytical_agreement
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <iostream>

#include "analytical/estimate.hpp"
#include "eval/run_spec.hpp"
#include "spec/config_loader.hpp"
#include "sysc/simulate.hpp"

namespace bdata = boost::unit_test::data;
using namespace circa;

namespace {

std::string s(int v) {
  return std::to_string(v);
}

AcceleratorSpec grid_spec(int i) {
  const int ks[] = {4, 8, 16, 32, 64, 128, 256};
  const int k = ks[i % 7];
  const char* styles[] = {"unrolled", "pipelined", "iterative"};
  const std::string style = styles[i % 3];
  // unrolled takes k samples per cycle; iterative needs a butterfly (2 samples) at least
  const int spc =
      style == "unrolled" ? k : std::min(k, std::max(style == "iterative" ? 2 : 1, 1 << (i % 4)));
  const int lanes[] = {1, k, std::max(1, k / 4), std::min(k, 8)};
  const bool offchip = i % 3 == 0 || i % 5 == 3;
  const char* bandwidth[] = {"1.5", "12.8", "51.2"};
  const std::vector<Override> o = {
      {"block_size", s(k)},
      {"fft.style", style},
      {"fft.samples_per_cycle", s(spc)},
      {"fft.shared_ifft", i % 2 ? "true" : "false"},
      {"mac.lanes", s(lanes[i % 4])},
      {"mac.accumulator_banks", s(1 + i % 3)},
      {"weight_sram.layout", (i / 2) % 2 ? "half_complex" : "packed_real"},
      {"weight_sram.capacity_kib", offchip ? "2" : "256"},
      {"weight_sram.banks", s(1 << (i % 3))},
      {"weight_sram.word_bits", i % 2 ? "64" : "128"},
      {"offchip.bandwidth_gb_per_s", bandwidth[i % 3]},
      {"weight_sram.read_latency", s(1 + (i / 3) % 3)},  // 1, 2, 3 cycles
  };
  return eval::load_run_spec(std::string(CIRCA_SOURCE_DIR) + "/configs/default.yaml", o, std::cerr);
}

// Small layers with padding (sizes not multiples of k); conv every 4th point, lstm every 6th.
Workload grid_workload(int i, int k, bool big) {
  Workload w;
  w.name = "grid" + s(i);
  Layer a;
  a.name = "a";
  if (i % 4 == 1) {
    a.kind = LayerKind::conv;
    a.in_channels = 3;
    a.out_channels = k + 1;
    a.in_height = 4 + (i / 4) % 2;  // 4 x 4, 5 x 4, 4 x 5, 5 x 5: odd sizes pool by floor
    a.in_width = 4 + (i / 8) % 2;
    a.kernel = 3;
    a.padding = 1;
    a.pool = i % 8 == 1 ? Pooling::max2 : Pooling::avg2;
  } else if (i % 6 == 2) {
    a.kind = LayerKind::lstm;
    a.input_size = k + 3;
    a.hidden_size = std::max(2, k / 2);
    a.time_steps = 2;
  } else {
    a.in_features = (big ? 8 : 2) * k + 3;  // big: too much for a 2 KiB weight SRAM
    a.out_features = 3 * k - 1 + (i % 3) * k;
  }
  w.layers.push_back(a);
  Layer b;  // a second layer: chained through the activation buffer
  b.name = "b";
  const int64_t out = geometry(a, k).output_elements;
  b.in_features = static_cast<int>(out);
  b.out_features = k + 1;
  b.activation = Activation::none;
  w.layers.push_back(b);
  return w;
}

/// Relative cycle error of the estimate against the simulation (0 when equal).
double cycle_error(const AcceleratorSpec& spec, const Workload& w) {
  const double est = static_cast<double>(ana::estimate(spec, w).cycles);
  const nlohmann::json sim = sysc::simulate_in_child(spec, w, sysc::SimOptions{});
  BOOST_TEST(sim["bit_exact"].get<bool>(), sim["mismatch"].get<std::string>());
  const double cycles = sim["report"]["cycles"].get<double>();
  return std::fabs(cycles - est) / cycles;
}

}  // namespace

// Every streamed point of the grid, and streamed layers under the off-chip memory's other limits
// (one open request, large bursts, no latency, long latency): the largest error is printed.
BOOST_AUTO_TEST_CASE(streamed_points_max_error) {
  double worst = 0;
  std::string where;
  auto note = [&](double e, const std::string& what) {
    if (e >= worst) worst = e, where = what;
  };
  for (int i = 0; i < 36; ++i) {
    const AcceleratorSpec spec = grid_spec(i);
    if (spec.weight_sram.capacity_kib >= 8) continue;
    note(cycle_error(spec, grid_workload(i, spec.block_size, true)), "grid point " + s(i));
  }
  const std::vector<std::vector<Override>> limits = {
      {{"offchip.max_outstanding", "1"}},
      {{"offchip.max_outstanding", "2"}, {"offchip.burst_bytes", "256"}},
      {{"offchip.latency_ns", "0"}},
      {{"offchip.latency_ns", "600"}, {"offchip.bandwidth_gb_per_s", "51.2"}},
      {{"offchip.bandwidth_gb_per_s", "0.8"}, {"mac.lanes", "32"}},
  };
  for (size_t n = 0; n < limits.size(); ++n) {
    std::vector<Override> o = limits[n];
    o.push_back({"weight_sram.capacity_kib", "2"});
    o.push_back({"weight_sram.read_latency", "1"});  // 2 KiB is below the SRAM model's range
    const AcceleratorSpec spec =
        eval::load_run_spec(std::string(CIRCA_SOURCE_DIR) + "/configs/default.yaml", o, std::cerr);
    note(cycle_error(spec, grid_workload(0, spec.block_size, true)), "memory limit " + s(int(n)));
  }
  std::cout << "streamed points: max cycle error of the estimate " << worst * 100 << " % (" << where
            << ")\n";
  BOOST_TEST(worst <= 0.02);
}

BOOST_DATA_TEST_CASE(sim_equals_estimate, bdata::xrange(36), i) {
  const AcceleratorSpec spec = grid_spec(i);
  const Workload w = grid_workload(i, spec.block_size, spec.weight_sram.capacity_kib < 8);
  const arch::RunReport est = ana::estimate(spec, w);
  const nlohmann::json sim = sysc::simulate_in_child(spec, w, sysc::SimOptions{});
  BOOST_TEST(sim["bit_exact"].get<bool>(), sim["mismatch"].get<std::string>());
  const nlohmann::json& rep = sim["report"];
  BOOST_TEST(rep["events"] == arch::to_json(est.events), "events differ:\n  sim "
                                                             << rep["events"].dump() << "\n  est "
                                                             << arch::to_json(est.events).dump());
  bool on_chip = true;
  for (size_t l = 0; l < est.layers.size(); ++l) {
    const nlohmann::json& sl = rep["layers"][l];
    on_chip = on_chip && est.layers[l].weights_on_chip;
    BOOST_TEST(sl["events"] == arch::to_json(est.layers[l].events));
    BOOST_TEST(sl["weights_on_chip"].get<bool>() == est.layers[l].weights_on_chip);
  }
  const double sim_cycles = rep["cycles"].get<double>();
  BOOST_TEST_MESSAGE("point " << i << ": sim " << sim_cycles << " est " << est.cycles
                              << (on_chip ? "" : " (off-chip)"));
  if (on_chip) {
    BOOST_TEST(sim_cycles == est.cycles);
    for (size_t l = 0; l < est.layers.size(); ++l) {  // the layer switch sits between layers
      BOOST_TEST(rep["layers"][l]["start_cycle"].get<int64_t>() == est.layers[l].start_cycle);
      BOOST_TEST(rep["layers"][l]["cycles"].get<int64_t>() == est.layers[l].cycles);
    }
  } else {
    BOOST_TEST(std::fabs(sim_cycles - est.cycles) <= 0.02 * sim_cycles);
  }
}

// Conv layers under both dataflows (controller.conv_dataflow): padding, stride 2, several blocks
// per pixel, windows clipped to an image lower than the kernel, stride larger than the kernel;
// on several datapaths with weights on chip (cycles and events exactly equal, every layer), and
// one with weights streamed (events equal, cycles within 2 %).
namespace {

struct ConvCase {
  int c, o, h, w, kernel, stride, pad;
};
const ConvCase kConv[] = {
    {5, 12, 7, 7, 3, 2, 1},  // padding and stride 2
    {20, 9, 6, 6, 5, 1, 2},  // Cb = 3 (k = 8)
    {3, 8, 2, 5, 3, 1, 1},   // in_height < kernel: the line buffer's rows are clipped
    {6, 8, 8, 8, 2, 3, 1},   // stride > kernel
};

Workload conv_workload(const ConvCase& c) {
  Workload w;
  w.name = "conv";
  Layer a;
  a.name = "a";
  a.kind = LayerKind::conv;
  a.in_channels = c.c;
  a.out_channels = c.o;
  a.in_height = c.h;
  a.in_width = c.w;
  a.kernel = c.kernel;
  a.stride = c.stride;
  a.padding = c.pad;
  w.layers.push_back(a);
  Layer b;
  b.name = "b";
  b.in_features = static_cast<int>(geometry(a, 8).output_elements);
  b.out_features = 5;
  w.layers.push_back(b);
  return w;
}

const std::vector<std::vector<Override>> kConvDatapaths = {
    {},
    {{"fft.style", "iterative"},
     {"fft.shared_ifft", "false"},
     {"mac.accumulator_banks", "1"},
     {"mac.lanes", "2"},
     {"weight_sram.read_latency", "2"}},
    {{"fft.style", "unrolled"},
     {"fft.samples_per_cycle", "8"},
     {"mac.lanes", "8"},
     {"weight_sram.layout", "half_complex"},
     {"weight_sram.banks", "2"},
     {"weight_sram.read_latency", "3"}},
    {{"weight_sram.capacity_kib", "2"},
     {"offchip.bandwidth_gb_per_s", "1.5"},
     {"weight_sram.read_latency", "2"}},  // case 1 streams
};

}  // namespace

BOOST_DATA_TEST_CASE(conv_dataflows_sim_equals_estimate,
                     bdata::xrange(4) * bdata::xrange(4) * bdata::make({"recompute", "reuse"}), ci,
                     di, dataflow) {
  std::vector<Override> o = kConvDatapaths[di];
  o.push_back({"block_size", "8"});
  o.push_back({"controller.conv_dataflow", dataflow});
  const AcceleratorSpec spec =
      eval::load_run_spec(std::string(CIRCA_SOURCE_DIR) + "/configs/default.yaml", o, std::cerr);
  const Workload w = conv_workload(kConv[ci]);
  const arch::RunReport est = ana::estimate(spec, w);
  const nlohmann::json sim = sysc::simulate_in_child(spec, w, sysc::SimOptions{});
  BOOST_TEST(sim["bit_exact"].get<bool>(), sim["mismatch"].get<std::string>());
  const nlohmann::json& rep = sim["report"];
  BOOST_TEST(rep["conv_dataflow"].get<std::string>() == dataflow);
  BOOST_TEST(rep["events"] == arch::to_json(est.events), "events differ:\n  sim "
                                                             << rep["events"].dump() << "\n  est "
                                                             << arch::to_json(est.events).dump());
  const double sim_cycles = rep["cycles"].get<double>();
  BOOST_TEST_MESSAGE("conv case " << ci << " datapath " << di << " " << dataflow << ": sim "
                                  << sim_cycles << " est " << est.cycles);
  if (!est.layers[0].weights_on_chip) {
    BOOST_TEST(std::fabs(sim_cycles - est.cycles) <= 0.02 * sim_cycles);
    return;
  }
  BOOST_TEST(sim_cycles == est.cycles);
  for (size_t l = 0; l < est.layers.size(); ++l) {
    BOOST_TEST(rep["layers"][l]["start_cycle"].get<int64_t>() == est.layers[l].start_cycle);
    BOOST_TEST(rep["layers"][l]["cycles"].get<int64_t>() == est.layers[l].cycles);
    BOOST_TEST(rep["layers"][l]["product_cycles"].get<int64_t>() == est.layers[l].product_cycles);
    BOOST_TEST(rep["layers"][l]["events"] == arch::to_json(est.layers[l].events));
  }
}
