#include "cosim/cosim_child.hpp"

#include "sysc/child_process.hpp"

namespace circa::cosim {
namespace {

CosimResult in_child(const std::function<CosimResult()>& run) {
  return cosim_result_from_json(
      nlohmann::json::parse(sysc::run_in_child([&] { return to_json(run()).dump(); })));
}

}  // namespace

nlohmann::json to_json(const CosimResult& r) {
  nlohmann::json layers = nlohmann::json::array();
  for (const LayerCycles& l : r.layers)
    layers.push_back({{"layer", l.layer}, {"reference", l.reference}, {"rtl", l.rtl}});
  return {{"ok", r.ok},
          {"reference", r.reference},
          {"cycles", r.cycles},
          {"compared", r.compared},
          {"outputs_checked", r.outputs_checked},
          {"products_done", r.products_done},
          {"layers", layers},
          {"done_cycles", r.done_cycles},
          {"first_beats", r.first_beats},
          {"inputs", r.inputs},
          {"outputs", r.outputs},
          {"golden_ok", r.golden_ok},
          {"golden_mismatch", r.golden_mismatch},
          {"mismatch_cycle", r.mismatch_cycle},
          {"mismatch_port", r.mismatch_port},
          {"expected", r.expected},
          {"actual", r.actual},
          {"vcd", r.vcd},
          {"build_dir", r.build_dir},
          {"cached", r.cached},
          {"build_seconds", r.build_seconds},
          {"sim_seconds", r.sim_seconds},
          {"message", r.message}};
}

CosimResult cosim_result_from_json(const nlohmann::json& j) {
  CosimResult r;
  j.at("ok").get_to(r.ok);
  j.at("reference").get_to(r.reference);
  j.at("cycles").get_to(r.cycles);
  j.at("compared").get_to(r.compared);
  j.at("outputs_checked").get_to(r.outputs_checked);
  j.at("products_done").get_to(r.products_done);
  for (const auto& l : j.at("layers"))
    r.layers.push_back({l.at("layer").get<std::string>(), l.at("reference").get<std::vector<int64_t>>(),
                        l.at("rtl").get<std::vector<int64_t>>()});
  j.at("done_cycles").get_to(r.done_cycles);
  j.at("first_beats").get_to(r.first_beats);
  j.at("inputs").get_to(r.inputs);
  j.at("outputs").get_to(r.outputs);
  j.at("golden_ok").get_to(r.golden_ok);
  j.at("golden_mismatch").get_to(r.golden_mismatch);
  j.at("mismatch_cycle").get_to(r.mismatch_cycle);
  j.at("mismatch_port").get_to(r.mismatch_port);
  j.at("expected").get_to(r.expected);
  j.at("actual").get_to(r.actual);
  j.at("vcd").get_to(r.vcd);
  j.at("build_dir").get_to(r.build_dir);
  j.at("cached").get_to(r.cached);
  j.at("build_seconds").get_to(r.build_seconds);
  j.at("sim_seconds").get_to(r.sim_seconds);
  j.at("message").get_to(r.message);
  return r;
}

CosimResult run_cosim_in_child(const CosimOptions& o, const AcceleratorSpec& s,
                               const std::vector<Layer>& layers) {
  return in_child([&] { return run_cosim(o, s, layers); });
}

}  // namespace circa::cosim
