// circa.load_config: the CLI's loader (YAML, `base:` chain, -p overrides, cross-checks).
#include <pybind11/stl.h>

#include "python/module.hpp"
#include "spec/accelerator_params.hpp"
#include "spec/config_loader.hpp"

namespace py = pybind11;

namespace circa::py_api {
namespace {

/// Every parameter by its YAML path, typed as the parameter table declares it.
py::dict params(const Config& c) {
  py::dict d;
  for (const Param<AcceleratorSpec>& p : accelerator_params()) {
    const std::string text = p.get(c.spec);
    const char* key = p.info.path.c_str();
    switch (p.info.type) {
      case ParamType::integer:
        d[key] = parse_integer(text);
        break;
      case ParamType::real:
        d[key] = parse_real(text);
        break;
      case ParamType::boolean:
        d[key] = parse_boolean(text);
        break;
      case ParamType::text:
      case ParamType::choice:
        d[key] = text;
        break;
    }
  }
  return d;
}

Config load(const std::string& path, const std::vector<std::string>& overrides) {
  return Config{load_accelerator(path, parse_overrides(overrides)).spec, path, overrides};
}

}  // namespace

void register_config(py::module_& m) {
  py::class_<Config>(m, "Config", "A validated accelerator config (see circa.load_config)")
      .def_property_readonly("name", [](const Config& c) { return c.spec.name; })
      .def_property_readonly("path", [](const Config& c) { return c.path; })
      .def_property_readonly("overrides", [](const Config& c) { return c.overrides; })
      .def_property_readonly("block_size", [](const Config& c) { return c.spec.block_size; })
      .def_property_readonly("clock_mhz", [](const Config& c) { return c.spec.clock_mhz; })
      .def("params", &params,
           "Every parameter by its YAML path (e.g. 'formats.input.frac'), defaults filled in")
      .def(
          "yaml", [](const Config& c) { return dump_yaml(c.spec); },
          "The effective config as YAML, every default filled in (circa config dump)")
      .def("__repr__", [](const Config& c) {
        return "<circa.Config '" + c.spec.name + "' from '" + c.path + "'>";
      });
  m.def("load_config", &load, py::arg("path"), py::arg("overrides"),
        "Loads and validates an accelerator YAML with 'key.path=value' overrides");
}

}  // namespace circa::py_api
