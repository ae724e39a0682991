#include "gen/output.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "arch/layer_program.hpp"
#include "common/error.hpp"

namespace circa::gen {
namespace {

std::string base_name(const Design& d) {
  return d.top().empty() ? "circa_units" : d.top();
}

nlohmann::json ports_json(const std::vector<Port>& ports) {
  nlohmann::json a = nlohmann::json::array();
  for (const Port& p : ports)
    a.push_back(
        {{"name", p.name}, {"direction", p.output ? "output" : "input"}, {"width", p.width}});
  return a;
}

/// The whole-network top's layer program format (arch/layer_program.hpp), for a host.
nlohmann::json layer_program_json(const AcceleratorSpec& s, bool image) {
  using arch::DescField;
  const auto word = [](DescField f) { return static_cast<int>(f); };
  return {
      {"port", "cfg_we/cfg_addr/cfg_data, written while not busy"},
      {"cfg_addr", "layer * words_per_layer + word"},
      {"words_per_layer", arch::kDescriptorWords},
      {"word_bits", arch::kCfgDataBits},
      {"max_layers", s.controller.max_layers},
      {"fields",
       {{"control",
         {{"word", word(DescField::control)},
          {"bits",
           {{"relu", arch::kCtlRelu},
            {"bias", arch::kCtlBias},
            {"stream", arch::kCtlStream},
            {"last", arch::kCtlLast},
            {"conv", arch::kCtlConv},
            {"pool", arch::kCtlPool},
            {"lstm", arch::kCtlLstm}}}}},
        {"p", {{"word", word(DescField::p)}, {"meaning", "output blocks (conv: per pixel)"}}},
        {"q",
         {{"word", word(DescField::q)},
          {"meaning", "input blocks (conv: kernel^2 x channel blocks; lstm: x_t's then h's)"}}},
        {"in_features",
         {{"word", word(DescField::in_features)},
          {"meaning",
           "fc: input samples, those above read as 0; conv: input channels; lstm: x_t's "
           "samples"}}},
        {"weight_base",
         {{"word", word(DescField::weight_base)},
          {"meaning", "first weight-SRAM row, or off-chip row if streamed"}}},
        {"bias_base",
         {{"word", word(DescField::bias_base)},
          {"meaning", "first block in the bias banks (b_addr = block * k + row)"}}},
        {"conv_in",
         {{"word", word(DescField::conv_in)},
          {"bits",
           {{"in_height", 0},
            {"in_width", arch::kConvWidthAt},
            {"kernel", arch::kConvKernelAt},
            {"stride", arch::kConvStrideAt}}}}},
        {"conv_out",
         {{"word", word(DescField::conv_out)},
          {"bits",
           {{"out_height", 0}, {"out_width", arch::kConvWidthAt}, {"padding", arch::kConvPadAt}}}}},
        {"in_base",
         {{"word", word(DescField::in_base)},
          {"meaning", "later layers: first output-bank block of the input region"}}},
        {"out_base",
         {{"word", word(DescField::out_base)},
          {"meaning",
           "first output-bank block the layer writes (the drain reads the last "
           "layer's from there; lstm: h_t of step t at out_base + t x hidden "
           "blocks)"}}},
        {"lstm_shape",
         {{"word", word(DescField::lstm_shape)},
          {"bits", {{"x_blocks", 0}, {"time_steps", arch::kLstmStepsAt}}}}},
        {"gate_base",
         {{"word", word(DescField::gate_base)},
          {"meaning", "lstm: first output-bank block of the 4 x hidden gate blocks (i, f, g, o)"}}},
        {"cell_base",
         {{"word", word(DescField::cell_base)},
          {"meaning", "lstm: first output-bank block of the cell state c"}}},
        {"pixel_channels",
         {{"word", word(DescField::pixel_channels)},
          {"meaning",
           "fc after a conv layer whose channels are not whole blocks: those channels; input "
           "sample i is read at (i / C) x whole blocks + i mod C of the input region (0: in "
           "order)"}}}}},
      {"activation_layout",
       "pixel-major: pixel (y, x) holds its channel blocks in order, k samples each; lstm: "
       "x_t after x_t, each padded to whole blocks"},
      {"image", image ? "layer_program.hex" : ""}};
}

std::string manifest(const Design& d, const AcceleratorSpec& s, const HeaderInfo& h,
                     const std::vector<std::string>& sources) {
  nlohmann::json m;
  m["generator"] = {{"tool", "circa gen"},
                    {"version", h.tool_version},
                    {"config", h.config_name},
                    {"config_hash_fnv1a64", h.config_hash},
                    {"regenerate", h.regenerate}};
  m["top"] = d.top().empty() ? nlohmann::json(nullptr) : nlohmann::json(d.top());
  m["clock_mhz"] = s.clock_mhz;
  m["sources"] = sources;
  nlohmann::json units = nlohmann::json::object();
  for (const auto& [role, u] : d.units)
    units[role] = {{"module", u.module},
                   {"pipeline_depth", u.pipeline_depth},
                   {"latency_cycles", u.latency},
                   {"ii_cycles", u.ii}};
  m["units"] = units;
  nlohmann::json mems = nlohmann::json::object();
  for (const auto& [role, mem] : d.memories)
    mems[role] = {{"module", mem.module}, {"depth", mem.depth}, {"width_bits", mem.width},
                  {"ports", mem.ports},   {"banks", mem.banks}, {"read_latency", mem.read_latency},
                  {"image", mem.image}};
  m["memories"] = mems;
  if (!d.top().empty()) m["layer_program"] = layer_program_json(s, d.data.count("layer_program.hex") != 0);
  nlohmann::json mods = nlohmann::json::object();
  for (const auto& [name, mod] : d.modules())
    mods[name] = {{"latency_cycles", mod.latency}, {"ports", ports_json(mod.ports)}};
  m["modules"] = mods;
  m["top_ports"] = d.top().empty() ? nlohmann::json::array() : ports_json(d.module(d.top()).ports);
  return m.dump(2) + "\n";  // nlohmann::json keeps keys sorted: deterministic
}

std::string sdc(const AcceleratorSpec& s, const HeaderInfo& h) {
  char period[64];
  std::snprintf(period, sizeof period, "%.4f", s.clock_period_ns());
  char mhz[64];
  std::snprintf(mhz, sizeof mhz, "%g", s.clock_mhz);
  return file_header(h, "#") + "# One clock, from clock_mhz = " + mhz +
         ".\ncreate_clock -name clk -period " + period + " [get_ports clk]\n";
}

}  // namespace

FileSet render(const Design& d, const AcceleratorSpec& s, const HeaderInfo& h) {
  FileSet out;
  for (const auto& [name, text] : rtl_primitives()) out["rtl/" + name] = text;
  for (const auto& [name, mod] : d.modules()) out[name + ".v"] = file_header(h, "//") + mod.text;
  for (const auto& [path, text] : d.data) out[path] = text;
  const std::vector<std::string> sources = verilog_files(out);
  std::string flist = file_header(h, "//");
  for (const auto& f : sources) flist += f + "\n";
  const std::string base = base_name(d);
  out[base + ".f"] = flist;
  out[base + ".sdc"] = sdc(s, h);
  out["manifest.json"] = manifest(d, s, h, sources);
  return out;
}

std::vector<std::string> verilog_files(const FileSet& files) {
  std::vector<std::string> prim, gen;
  for (const auto& [path, text] : files) {
    if (path.size() < 2 || path.compare(path.size() - 2, 2, ".v") != 0) continue;
    (path.rfind("rtl/", 0) == 0 ? prim : gen).push_back(path);
  }
  prim.insert(prim.end(), gen.begin(), gen.end());
  return prim;
}

void write_files(const std::string& dir, const FileSet& files) {
  namespace fs = std::filesystem;
  for (const auto& [path, text] : files) {
    const fs::path p = fs::path(dir) / path;
    std::error_code ec;
    fs::create_directories(p.parent_path(), ec);
    std::ofstream f(p, std::ios::binary);
    if (!f || !(f << text) || !f.flush())
      throw ConfigError("cannot write " + p.string() + ": check --out is a writable folder");
  }
}

}  // namespace circa::gen
