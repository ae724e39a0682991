#include <tuple>

#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa {
namespace {

// Each struct's fields as a tuple of references, compared as one. A field added to a struct
// must be added here too, or two specs that differ in it would compare equal and a memo keyed
// by them would return the other's figures: the size checks below catch the addition (LP64).
auto fields(const FftSpec& f) {
  return std::tie(f.style, f.samples_per_cycle, f.stage_latency, f.scaling, f.shared_ifft);
}
auto fields(const DatapathFormats& f) {
  return std::tie(f.input, f.fft, f.twiddle, f.weight, f.product, f.accumulator, f.ifft, f.output);
}
auto fields(const MacSpec& m) {
  return std::tie(m.lanes, m.accumulator_banks);
}
auto fields(const SramSpec& m) {
  return std::tie(m.capacity_kib, m.banks, m.word_bits, m.read_write_ports, m.read_ports,
                  m.write_ports, m.layout, m.read_latency);
}
auto fields(const BufferSpec& b) {
  return std::tie(b.capacity_kib, b.banks, b.word_bits, b.double_buffered);
}
auto fields(const OffchipSpec& o) {
  return std::tie(o.bandwidth_gb_per_s, o.latency_ns, o.burst_bytes, o.max_outstanding);
}
auto fields(const ControllerSpec& c) {
  return std::tie(c.max_layers, c.bias_kib, c.conv_dataflow);
}
auto fields(const TechnologySpec& t) {
  return std::tie(t.node_nm, t.device, t.temperature_k, t.sram_model, t.cacti_dir, t.timing);
}
/// Every field of a layer but `where` (where its YAML was, which no figure depends on).
auto fields(const Layer& l) {
  return std::tie(l.name, l.kind, l.block_size, l.bias, l.activation, l.in_features, l.out_features,
                  l.in_channels, l.out_channels, l.in_height, l.in_width, l.kernel, l.stride,
                  l.padding, l.pool, l.input_size, l.hidden_size, l.time_steps);
}

template <class T>
bool same(const T& a, const T& b) {
  return fields(a) == fields(b);
}

// The sizes on x86-64 and aarch64 Linux (LP64) as the fields above make them.
#if defined(__LP64__)
static_assert(sizeof(FftSpec) == 20 && sizeof(MacSpec) == 8 && sizeof(SramSpec) == 32 &&
                  sizeof(BufferSpec) == 16 && sizeof(OffchipSpec) == 24 &&
                  sizeof(ControllerSpec) == 12 && sizeof(DatapathFormats) == 128 &&
                  sizeof(TechnologySpec) == 56 && sizeof(AcceleratorSpec) == 352,
              "a spec struct changed: update its fields() and same_design_but_clock() here");
static_assert(sizeof(Layer) == 144, "Layer changed: update its fields() here");
#endif

}  // namespace

bool same_design_but_clock(const AcceleratorSpec& a, const AcceleratorSpec& b) {
  return a.block_size == b.block_size && same(a.fft, b.fft) && same(a.mac, b.mac) &&
         same(a.weight_sram, b.weight_sram) && same(a.activation_buffer, b.activation_buffer) &&
         same(a.offchip, b.offchip) && same(a.controller, b.controller) &&
         same(a.formats, b.formats) && same(a.technology, b.technology);
}

bool same_layers(const Workload& a, const Workload& b) {
  if (a.layers.size() != b.layers.size()) return false;
  for (size_t i = 0; i < a.layers.size(); ++i)
    if (!same(a.layers[i], b.layers[i])) return false;
  return true;
}

}  // namespace circa
