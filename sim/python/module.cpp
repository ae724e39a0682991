// The extension module `circa._circa`: Circa's errors as Python exceptions, then each part of
// the API registers itself (py_*.cpp). The public API is circa/__init__.py.
#include "python/module.hpp"

#include "common/error.hpp"

namespace py = pybind11;

PYBIND11_MODULE(_circa, m) {
  m.doc() = "Circa's C++ core; use the package `circa`, not this module";
  // Same classes for the same failures as the CLI's exit codes 2, 4 and 3; str(e) is the
  // one-line message the CLI prints after "circa: ".
  static py::exception<circa::ConfigError> config_error(m, "ConfigError", PyExc_ValueError);
  static py::exception<circa::ToolError> tool_error(m, "ToolError", PyExc_RuntimeError);
  static py::exception<circa::InternalError> internal_error(m, "InternalError", PyExc_RuntimeError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const circa::ConfigError& e) {
      config_error(e.what());
    } catch (const circa::ToolError& e) {
      tool_error(e.what());
    } catch (const circa::InternalError& e) {
      internal_error(e.what());
    }
  });
  circa::py_api::register_config(m);
  circa::py_api::register_estimate(m);
  circa::py_api::register_sram(m);
}
