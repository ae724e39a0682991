#include "sysc/bench.hpp"

#include <cstdlib>

#include <fmt/format.h>

namespace circa::sysc {

Workload fc_workload(int n) {
  Workload w;
  w.name = fmt::format("fc{}x{}", n, n);
  Layer l;
  l.name = "fc";
  l.kind = LayerKind::fc;
  l.in_features = n;
  l.out_features = n;
  w.layers.push_back(l);
  return w;
}

std::string default_config_path() {
  const char* root = std::getenv("CIRCA_ROOT");
  return std::string(root != nullptr ? root : CIRCA_SOURCE_DIR) + "/configs/default.yaml";
}

}  // namespace circa::sysc
