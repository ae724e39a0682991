// numerics_text(): points that differ only in hardware (lanes, memories, FFT throughput, clock,
// technology) share one fixed-point accuracy, so they must compute the same outputs bit for bit;
// any numerics parameter must change the text.
#define BOOST_TEST_MODULE codesign_numerics_key
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "codesign/trained_accuracy.hpp"
#include "numerics/fixed_point.hpp"
#include "numerics/layer.hpp"
#include "numerics/random_data.hpp"
#include "spec/config_loader.hpp"

using namespace circa;

namespace {

const std::string kDefault = std::string(CIRCA_SOURCE_DIR) + "/configs/default.yaml";
const std::string kSmall = std::string(CIRCA_SOURCE_DIR) + "/configs/small.yaml";

AcceleratorSpec spec_with(const std::vector<Override>& o) {
  return load_accelerator(kDefault, o).spec;
}

struct Change {
  const char* name;
  std::vector<Override> overrides;
};
std::ostream& operator<<(std::ostream& os, const Change& c) {
  return os << c.name;
}

const Change kHardware[] = {
    {"lanes", {{"mac.lanes", "32"}}},
    {"accumulator_banks", {{"mac.accumulator_banks", "4"}}},
    {"weight_sram", {{"weight_sram.capacity_kib", "1024"}, {"weight_sram.banks", "8"}}},
    {"spectrum_layout", {{"weight_sram.layout", "half_complex"}}},
    {"fft_throughput", {{"fft.samples_per_cycle", "16"}, {"fft.style", "iterative"}}},
    {"clock", {{"clock_mhz", "400"}}},
    {"device", {{"technology.device", "itrs-lop"}, {"technology.node_nm", "32"}}},
    {"activation_buffer", {{"activation_buffer.capacity_kib", "512"}}},
};

const Change kNumerics[] = {
    {"block_size", {{"block_size", "16"}}},
    {"weight_frac", {{"formats.weight.frac", "12"}}},
    {"output_bits", {{"formats.output.bits", "12"}, {"formats.output.frac", "8"}}},
    {"fft_rounding", {{"formats.fft.rounding", "truncate"}}},
    {"scaling", {{"fft.scaling", "inverse"}}},
    {"conv_dataflow", {{"controller.conv_dataflow", "reuse"}}},
};

/// LeNet's first two layers on random weights and inputs, chained as the simulator chains them.
std::vector<int64_t> run_fc(const AcceleratorSpec& s) {
  std::vector<Layer> layers(2);
  layers[0].name = "fc1", layers[0].in_features = 784, layers[0].out_features = 300;
  layers[1].name = "fc2", layers[1].in_features = 300, layers[1].out_features = 100;
  for (Layer& l : layers) l.kind = LayerKind::fc, l.activation = Activation::relu, l.bias = true;
  std::vector<int64_t> codes =
      num::random_input_codes(layers[0], s.block_size, s.formats.input, 0.5, 3);
  for (size_t i = 0; i < layers.size(); ++i) {
    const auto w = num::random_layer_weights(layers[i], s.block_size, 11 + i);
    const num::LayerResult r = num::run_layer_fixed(s, layers[i], w, codes);
    codes = r.output;
    for (int64_t& c : codes)
      c = num::requantize(c, s.formats.output.frac, s.formats.input, nullptr);
  }
  return codes;
}

}  // namespace

BOOST_DATA_TEST_CASE(hardware_only_changes_keep_the_text_and_the_outputs,
                     boost::unit_test::data::make(kHardware), c) {
  const AcceleratorSpec base = spec_with({}), other = spec_with(c.overrides);
  BOOST_TEST(codesign::numerics_text(base) == codesign::numerics_text(other));
  BOOST_TEST(run_fc(base) == run_fc(other));
}

BOOST_DATA_TEST_CASE(numerics_changes_change_the_text, boost::unit_test::data::make(kNumerics), c) {
  BOOST_TEST(codesign::numerics_text(spec_with({})) !=
             codesign::numerics_text(spec_with(c.overrides)));
}

BOOST_AUTO_TEST_CASE(another_preset_differs_only_where_its_numerics_do) {
  // small.yaml is another design: the text is equal exactly when its numerics fields are.
  const AcceleratorSpec a = spec_with({}), b = load_accelerator(kSmall).spec;
  const bool same =
      a.block_size == b.block_size && a.formats.input == b.formats.input &&
      a.formats.fft == b.formats.fft && a.formats.twiddle == b.formats.twiddle &&
      a.formats.weight == b.formats.weight && a.formats.product == b.formats.product &&
      a.formats.accumulator == b.formats.accumulator && a.formats.ifft == b.formats.ifft &&
      a.formats.output == b.formats.output && a.fft.scaling == b.fft.scaling &&
      a.controller.conv_dataflow == b.controller.conv_dataflow;
  BOOST_TEST((codesign::numerics_text(a) == codesign::numerics_text(b)) == same);
}

BOOST_AUTO_TEST_CASE(spectrum_clip_is_the_weight_format_range) {
  BOOST_TEST(codesign::spectrum_limit(FixedFormat{16, 14}) == 2.0);
  BOOST_TEST(codesign::spectrum_limit(FixedFormat{8, 6}) == 2.0);  // same range, less precision
  BOOST_TEST(codesign::spectrum_limit(FixedFormat{12, 8}) == 8.0);
}
