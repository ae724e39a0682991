// Fixtures shared by the unit tests that work on configs/default.yaml and one fc layer.
#pragma once

#include <string>
#include <vector>

#include "spec/config_loader.hpp"

namespace circa::test {

/// configs/default.yaml with `o` applied.
inline AcceleratorSpec default_spec(const std::vector<Override>& o = {}) {
  return load_accelerator(std::string(CIRCA_SOURCE_DIR) + "/configs/default.yaml", o).spec;
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
