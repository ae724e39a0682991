// ReportSpec to and from JSON, so the store remembers the goals of the sweep that filled it.
#include "sweep/results.hpp"

namespace circa::sweep {

ReportSpec report_spec_of(const SweepSpec& s) {
  ReportSpec r;
  r.name = s.name;
  r.fidelity = fidelity_name(s.fidelity);
  r.confirm_fidelity = fidelity_name(s.confirm_fidelity);
  for (const auto& a : s.axes)
    r.axis_params.insert(r.axis_params.end(), a.params.begin(), a.params.end());
  r.objectives = s.objectives;
  r.constraints = s.constraints;
  return r;
}

nlohmann::json to_json(const ReportSpec& r) {
  nlohmann::json j{{"name", r.name},
                   {"fidelity", r.fidelity},
                   {"confirm_fidelity", r.confirm_fidelity},
                   {"axes", r.axis_params}};
  j["objectives"] = nlohmann::json::array();
  for (const auto& o : r.objectives)
    j["objectives"].push_back(
        {{"metric", o.metric}, {"goal", o.goal == Goal::minimise ? "minimise" : "maximise"}});
  j["constraints"] = nlohmann::json::array();
  for (const auto& c : r.constraints)
    j["constraints"].push_back({{"metric", c.metric},
                                {"compare", c.compare == Compare::at_most ? "<=" : ">="},
                                {"bound", c.bound},
                                {"text", c.text}});
  return j;
}

ReportSpec report_spec_from_json(const nlohmann::json& j) {
  ReportSpec r;
  r.name = j.at("name").get<std::string>();
  r.fidelity = j.at("fidelity").get<std::string>();
  // Stores written before confirm_fidelity existed confirmed cycle-accurately.
  r.confirm_fidelity = j.value("confirm_fidelity", std::string("cycle_accurate"));
  r.axis_params = j.at("axes").get<std::vector<std::string>>();
  for (const auto& o : j.at("objectives"))
    r.objectives.push_back(Objective{o.at("metric").get<std::string>(),
                                     o.at("goal") == "minimise" ? Goal::minimise : Goal::maximise});
  for (const auto& c : j.at("constraints")) {
    Constraint k;
    k.metric = c.at("metric").get<std::string>();
    k.compare = c.at("compare") == "<=" ? Compare::at_most : Compare::at_least;
    k.bound = c.at("bound").get<double>();
    k.text = c.at("text").get<std::string>();
    r.constraints.push_back(k);
  }
  return r;
}

}  // namespace circa::sweep
