// Random valid design points for long co-simulation runs (`circa cosim --random N --seed S`).
// Each case is a list of -p overrides on a base config plus a small network, drawn from the
// space the generated top covers (k 4..256, every FFT style, lanes, bank counts, layouts, bit
// widths, rounding and overflow modes). The network is one fc layer (15% of cases), an lstm layer
// (15%: x_t of 1..2k samples, 1-2 blocks of hidden units, 2-3 steps; alone or before an fc layer,
// half each), a CNN (20%:
// a conv layer of up to 2k channels each side, 6 x 6 pixels, kernel 1..3, stride 1..2, padding
// up to kernel - 1, a third of them pooled 2x2; alone, followed by a second conv layer or an fc
// layer, or by both, a third each; half of the CNNs under controller.conv_dataflow: reuse,
// half recompute), or 2 (30%) or 3 (20%) fc layers, chained (layer i+1 reads
// layer i's outputs on chip); the weight SRAM is sized so that a third of the cases stream every
// layer, a third hold every layer, and a third hold only the first layers and stream the rest
// (arch::plan_workload's greedy residency: a one-layer case streams or holds, half each; a longer
// one takes a prefix two times in three). A draw is kept only when plan_workload gives the
// residency aimed at, the spec loads, and arch::network_unsupported and cosim_unsupported are "".
// Then the weight SRAM's read latency: 1 in half the cases, 2 or 3 in a quarter each.
// Case i of a run with seed S uses seed S + i alone, so `--random 1 --seed S+i` re-runs it.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "cosim/cosim.hpp"
#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::cosim {

struct RandomCase {
  uint64_t seed = 0;
  std::vector<std::string> overrides;  ///< on the base config
  AcceleratorSpec spec;
  std::vector<Layer> layers;    ///< chained: layers[i+1] reads layers[i]
  std::string summary() const;  ///< one line: the design point, then the layers and which stream
};

/// A valid case drawn from `seed` (deterministic); base_config is the YAML the overrides apply to.
RandomCase random_case(const std::string& base_config, uint64_t seed);

/// Co-simulates `n` random cases (seeds seed..seed+n-1), each in a child process, with `o`'s
/// products, stall rate and cache; prints one line per case and, for a failure, its report and
/// how to re-run it. Returns the number of failed cases.
int run_random_cases(const std::string& base_config, int n, uint64_t seed, const CosimOptions& o,
                     std::ostream& os);

}  // namespace circa::cosim
