// The whole-network top's layer program (arch/layer_program.hpp): a table of descriptors written
// through cfg_we/cfg_addr/cfg_data while the top is idle, and the running layer's fields as the
// cfg_* signals every other part reads. The FSM (top_control.cpp) moves layer_idx.
#include "arch/layer_program.hpp"
#include "gen/top_plan.hpp"

namespace circa::gen {

void emit_layer_table(Body& b, const TopPlan& p) {
  Emitter& e = b.out();
  const int L = p.max_layers, lb = p.layer_bits, fb = p.cfg_addr_bits - lb;
  e.blank().line("// ---- layer program: " + n2s(L) + " descriptor(s) of " +
                 n2s(arch::kDescriptorWords) +
                 " words, cfg_addr = {layer, field}; written while idle ----");
  b.reg(net::layer_idx, lb, "the running layer (0 while idle)");
  b.wire("cfg_fire", 1, "cfg_we && !busy");
  b.wire("cfg_layer", lb, "cfg_addr[" + n2s(p.cfg_addr_bits - 1) + ":" + n2s(fb) + "]");
  b.wire("cfg_field", fb, "cfg_addr[" + n2s(fb - 1) + ":0]");
  const bool pow2 = (L & (L - 1)) == 0;
  const std::string in_range = pow2 ? "" : " && cfg_layer < " + literal(L, lb);
  struct Field {  // bits [at + width - 1 : at] of cfg word `f`
    arch::DescField f;
    std::string name;
    int width, at = 0;
  };
  const int sz = p.desc.size, sm = arch::kConvSmallBits;
  std::vector<Field> fields = {
      {arch::DescField::control, "control", p.desc.control},
      {arch::DescField::p, "p", p.desc.p},
      {arch::DescField::q, "q", p.desc.q},
      {arch::DescField::in_features, "in_features", p.desc.in_features},
      {arch::DescField::weight_base, "weight_base", p.desc.weight_base},
      {arch::DescField::bias_base, "bias_base", p.desc.bias_base},
      {arch::DescField::conv_in, "in_height", sz},
      {arch::DescField::conv_in, "in_width", sz, arch::kConvWidthAt},
      {arch::DescField::conv_in, "kernel", sm, arch::kConvKernelAt},
      {arch::DescField::conv_in, "stride", sm, arch::kConvStrideAt},
      {arch::DescField::conv_out, "out_height", sz},
      {arch::DescField::conv_out, "out_width", sz, arch::kConvWidthAt},
      {arch::DescField::conv_out, "padding", sm, arch::kConvPadAt},
      {arch::DescField::in_base, "in_base", p.desc.act_base},
      {arch::DescField::out_base, "out_base", p.desc.act_base},
      {arch::DescField::pixel_channels, "pixel_channels", p.desc.in_features}};
  if (p.lstm)
    fields.insert(fields.end(),
                  {{arch::DescField::lstm_shape, "x_blocks", p.desc.q},
                   {arch::DescField::lstm_shape, "steps", p.desc.steps, arch::kLstmStepsAt},
                   {arch::DescField::gate_base, "gate_base", p.desc.act_base},
                   {arch::DescField::cell_base, "cell_base", p.desc.act_base}});
  e.line("/* verilator lint_off UNUSEDSIGNAL */  // the unused high bits of each cfg word");
  for (const Field& f : fields) {
    const std::string t = "lt_" + f.name;
    b.memory(t, f.width, L);
    e.line("always @(posedge clk) if (cfg_fire && cfg_field == " +
           literal(static_cast<int>(f.f), fb) + in_range + ") " + t + "[cfg_layer] <= cfg_data[" +
           n2s(f.at + f.width - 1) + ":" + n2s(f.at) + "];");
  }
  e.line("/* verilator lint_on UNUSEDSIGNAL */");
  const std::string at = "[" + net::layer_idx + "]";
  b.wire("cfg_control", p.desc.control, "lt_control" + at);
  b.wire("cfg_relu", 1, "cfg_control[" + n2s(arch::kCtlRelu) + "]");
  b.wire("cfg_bias_en", 1, "cfg_control[" + n2s(arch::kCtlBias) + "]");
  b.wire("cfg_stream", 1, "cfg_control[" + n2s(arch::kCtlStream) + "]");
  // The table's last entry ends the network even unmarked: layer_idx never leaves the table.
  b.wire("cfg_last", 1,
         "cfg_control[" + n2s(arch::kCtlLast) + "] || " + net::layer_idx + " == " +
             literal(L - 1, lb));
  b.wire("cfg_conv", 1, "cfg_control[" + n2s(arch::kCtlConv) + "]");
  b.wire("cfg_pool", 1, "cfg_control[" + n2s(arch::kCtlPool) + "]");
  b.wire("cfg_lstm", 1,
         p.lstm ? "cfg_control[" + n2s(arch::kCtlLstm) + "]"
                : "cfg_control[" + n2s(arch::kCtlLstm) + "] && 1'b0",
         "without the cell unit no layer is lstm (arch::network_unsupported refuses it)");
  b.wire("cfg_p", p.p_bits, "lt_p" + at);
  b.wire("cfg_q", p.q_bits, "lt_q" + at);
  b.wire("cfg_in_features", p.in_features_bits, "lt_in_features" + at);
  b.wire("cfg_pixel_channels", p.in_features_bits, "lt_pixel_channels" + at);
  b.wire("cfg_weight_base", p.desc.weight_base, "lt_weight_base" + at);
  b.wire("cfg_bias_base", p.bias_block_bits, "lt_bias_base" + at);
  for (const char* f : {"in_height", "in_width", "out_height", "out_width"})
    b.wire(std::string("cfg_") + f, sz, "lt_" + std::string(f) + at);
  for (const char* f : {"kernel", "stride", "padding"})
    b.wire(std::string("cfg_") + f, sm, "lt_" + std::string(f) + at);
  const int tb = p.log2_beats, rows = p.p_bits + tb;  // an output-bank row address
  if (p.lstm) {
    b.wire("cfg_x_blocks", p.q_bits, "lt_x_blocks" + at);
    b.wire("cfg_steps", p.desc.steps, "lt_steps" + at);
  }
  std::vector<const char*> bases = {"in_base", "out_base"};
  if (p.lstm) bases.insert(bases.end(), {"gate_base", "cell_base"});
  for (const char* f : bases)
    b.wire(std::string("cfg_") + f + "_row", rows,
           tb > 0 ? "{" + zext("lt_" + std::string(f) + at, p.desc.act_base, p.p_bits) + ", " +
                        literal(0, tb) + "}"
                  : zext("lt_" + std::string(f) + at, p.desc.act_base, rows),
           "the region's first output-bank row");
  b.wire(net::from_outputs, 1, net::layer_idx + " != " + literal(0, lb),
         "a later layer reads the output banks (the layer before's outputs)");
}

}  // namespace circa::gen
