// Enum names as they appear in YAML. The parameter tables map text to enums through these, so a
// name is spelled in exactly one place.
#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa {

const char* to_string(Rounding r) {
  switch (r) {
    case Rounding::truncate:
      return "truncate";
    case Rounding::nearest_up:
      return "nearest_up";
    case Rounding::nearest_even:
      return "nearest_even";
  }
  return "?";
}
const char* to_string(Overflow o) {
  return o == Overflow::saturate ? "saturate" : "wrap";
}
const char* to_string(FftStyle s) {
  switch (s) {
    case FftStyle::unrolled:
      return "unrolled";
    case FftStyle::pipelined:
      return "pipelined";
    case FftStyle::iterative:
      return "iterative";
  }
  return "?";
}
const char* to_string(FftScaling s) {
  return s == FftScaling::forward ? "forward" : "inverse";
}
const char* to_string(SpectrumLayout l) {
  return l == SpectrumLayout::half_complex ? "half_complex" : "packed_real";
}
const char* to_string(DeviceType d) {
  switch (d) {
    case DeviceType::itrs_hp:
      return "itrs-hp";
    case DeviceType::itrs_lstp:
      return "itrs-lstp";
    case DeviceType::itrs_lop:
      return "itrs-lop";
  }
  return "?";
}
const char* to_string(SramModel m) {
  return m == SramModel::builtin ? "builtin" : "cacti";
}
const char* to_string(LayerKind k) {
  switch (k) {
    case LayerKind::fc:
      return "fc";
    case LayerKind::conv:
      return "conv";
    case LayerKind::lstm:
      return "lstm";
  }
  return "?";
}
const char* to_string(Activation a) {
  switch (a) {
    case Activation::none:
      return "none";
    case Activation::relu:
      return "relu";
    case Activation::sigmoid:
      return "sigmoid";
    case Activation::tanh:
      return "tanh";
  }
  return "?";
}
const char* to_string(Pooling p) {
  switch (p) {
    case Pooling::none:
      return "none";
    case Pooling::max2:
      return "max2";
    case Pooling::avg2:
      return "avg2";
  }
  return "?";
}

std::string describe(const FixedFormat& f) {
  return "s" + std::to_string(f.bits) + "." + std::to_string(f.frac) + " " + to_string(f.rounding) +
         "/" + to_string(f.overflow);
}

}  // namespace circa
