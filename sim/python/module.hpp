// What the parts of the extension module share: the config handle and their registrations.
#pragma once

#include <pybind11/pybind11.h>

#include <string>
#include <vector>

#include "spec/accelerator_spec.hpp"

namespace circa::py_api {

/// A loaded, validated accelerator config and how it was loaded, so `circa.simulate` can hand
/// the same file and overrides to the `circa sim` child process.
struct Config {
  AcceleratorSpec spec;
  std::string path;
  std::vector<std::string> overrides;  ///< "key.path=value", as `-p` takes them
};

void register_config(pybind11::module_& m);    // py_config.cpp
void register_estimate(pybind11::module_& m);  // py_estimate.cpp
void register_sram(pybind11::module_& m);      // py_sram.cpp

}  // namespace circa::py_api
