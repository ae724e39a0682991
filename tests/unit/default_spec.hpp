// Fixtures shared by the unit tests that work on configs/default.yaml and one fc layer.
#pragma once

#include <iostream>
#include <string>
#include <vector>

#include "eval/run_spec.hpp"

namespace circa::test {

/// configs/default.yaml with `o` applied, as a run uses it (eval/run_spec.hpp).
inline AcceleratorSpec default_spec(const std::vector<Override>& o = {}) {
  return eval::load_run_spec(std::string(CIRCA_SOURCE_DIR) + "/configs/default.yaml", o, std::cerr);
}

/// A workload of one fc layer, `in` -> `out` features.
inline Workload one_fc(int in, int out) {
  Workload w;
  w.name = "fc";
  Layer l;
  l.name = "fc";
  l.in_features = in;
  l.out_features = out;
  w.layers.push_back(l);
  return w;
}

}  // namespace circa::test
