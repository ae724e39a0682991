// Enum names as they appear in YAML, one table per enum. The parameter tables, to_string and
// the schema all read these, so a name is spelled in exactly one place.
#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa {

const EnumNames<Rounding>& enum_names(Rounding) {
  static const EnumNames<Rounding> t = {{Rounding::truncate, "truncate"},
                                        {Rounding::nearest_up, "nearest_up"},
                                        {Rounding::nearest_even, "nearest_even"}};
  return t;
}
const EnumNames<Overflow>& enum_names(Overflow) {
  static const EnumNames<Overflow> t = {{Overflow::saturate, "saturate"}, {Overflow::wrap, "wrap"}};
  return t;
}
const EnumNames<FftStyle>& enum_names(FftStyle) {
  static const EnumNames<FftStyle> t = {{FftStyle::unrolled, "unrolled"},
                                        {FftStyle::pipelined, "pipelined"},
                                        {FftStyle::iterative, "iterative"}};
  return t;
}
const EnumNames<FftScaling>& enum_names(FftScaling) {
  static const EnumNames<FftScaling> t = {{FftScaling::forward, "forward"},
                                          {FftScaling::inverse, "inverse"}};
  return t;
}
const EnumNames<SpectrumLayout>& enum_names(SpectrumLayout) {
  static const EnumNames<SpectrumLayout> t = {{SpectrumLayout::half_complex, "half_complex"},
                                              {SpectrumLayout::packed_real, "packed_real"}};
  return t;
}
const EnumNames<ConvDataflow>& enum_names(ConvDataflow) {
  static const EnumNames<ConvDataflow> t = {{ConvDataflow::recompute, "recompute"},
                                            {ConvDataflow::reuse, "reuse"}};
  return t;
}
const EnumNames<DeviceType>& enum_names(DeviceType) {
  static const EnumNames<DeviceType> t = {{DeviceType::itrs_hp, "itrs-hp"},
                                          {DeviceType::itrs_lstp, "itrs-lstp"},
                                          {DeviceType::itrs_lop, "itrs-lop"}};
  return t;
}
const EnumNames<SramModel>& enum_names(SramModel) {
  static const EnumNames<SramModel> t = {{SramModel::builtin, "builtin"},
                                         {SramModel::cacti, "cacti"}};
  return t;
}
const EnumNames<TimingPolicy>& enum_names(TimingPolicy) {
  static const EnumNames<TimingPolicy> t = {{TimingPolicy::check, "check"},
                                            {TimingPolicy::derate, "derate"}};
  return t;
}
const EnumNames<LayerKind>& enum_names(LayerKind) {
  static const EnumNames<LayerKind> t = {
      {LayerKind::fc, "fc"}, {LayerKind::conv, "conv"}, {LayerKind::lstm, "lstm"}};
  return t;
}
const EnumNames<Activation>& enum_names(Activation) {
  static const EnumNames<Activation> t = {{Activation::none, "none"},
                                          {Activation::relu, "relu"},
                                          {Activation::sigmoid, "sigmoid"},
                                          {Activation::tanh, "tanh"}};
  return t;
}
const EnumNames<Pooling>& enum_names(Pooling) {
  static const EnumNames<Pooling> t = {
      {Pooling::none, "none"}, {Pooling::max2, "max2"}, {Pooling::avg2, "avg2"}};
  return t;
}

const char* to_string(Rounding v) {
  return name_in(enum_names(v), v);
}
const char* to_string(Overflow v) {
  return name_in(enum_names(v), v);
}
const char* to_string(FftStyle v) {
  return name_in(enum_names(v), v);
}
const char* to_string(FftScaling v) {
  return name_in(enum_names(v), v);
}
const char* to_string(SpectrumLayout v) {
  return name_in(enum_names(v), v);
}
const char* to_string(ConvDataflow v) {
  return name_in(enum_names(v), v);
}
const char* to_string(DeviceType v) {
  return name_in(enum_names(v), v);
}
const char* to_string(SramModel v) {
  return name_in(enum_names(v), v);
}
const char* to_string(TimingPolicy v) {
  return name_in(enum_names(v), v);
}
const char* to_string(LayerKind v) {
  return name_in(enum_names(v), v);
}
const char* to_string(Activation v) {
  return name_in(enum_names(v), v);
}
const char* to_string(Pooling v) {
  return name_in(enum_names(v), v);
}

std::string describe(const FixedFormat& f) {
  return "s" + std::to_string(f.bits) + "." + std::to_string(f.frac) + " " + to_string(f.rounding) +
         "/" + to_string(f.overflow);
}

}  // namespace circa
