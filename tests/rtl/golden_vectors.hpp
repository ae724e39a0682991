// Test vectors for each generated unit, computed by the golden model (sim/numerics): random
// codes over each format's whole range plus the extremes, seeded so every run is the same.
#pragma once

#include <random>
#include <string>
#include <vector>

#include "arch/memory_map.hpp"
#include "gen/design.hpp"
#include "rtl_bench.hpp"
#include "spec/accelerator_spec.hpp"

namespace circa::rtltest {

/// A bundled config plus `-p` style overrides (e.g. "fft.style=unrolled").
AcceleratorSpec spec_of(const std::string& config, const std::vector<std::string>& overrides = {});

/// A random code of f: mostly uniform over the range, sometimes an extreme or a small value.
int64_t random_code(std::mt19937_64& rng, const FixedFormat& f);

/// Vectors for each unit; the bench's ports come from the generated module.
Bench butterfly_bench(const gen::Design& d, const std::string& module, const AcceleratorSpec& s, int n);
Bench twiddle_rom_bench(const gen::Design& d, const std::string& module, const AcceleratorSpec& s);
Bench fft_forward_bench(const gen::Design& d, const std::string& module, const AcceleratorSpec& s, int n);
Bench fft_inverse_bench(const gen::Design& d, const std::string& module, const AcceleratorSpec& s, int n);
Bench mac_lane_bench(const gen::Design& d, const std::string& module, const AcceleratorSpec& s, int depth, int n);
Bench peripheral_bench(const gen::Design& d, const std::string& module, const AcceleratorSpec& s, int lanes, int n);
/// Gate pre-activations and cells over the output format's range, biased toward the hard
/// sigmoid/tanh knees (|x| <= 4 and |x| <= 1), where the clamps switch.
Bench lstm_cell_bench(const gen::Design& d, const std::string& module, const AcceleratorSpec& s,
                      int lanes, int n);

/// Random reads and writes on every bank of the weight SRAM wrapper; adds the banks' initial
/// images (random words) to `d` so that every read returns a known value.
Bench weight_sram_bench(gen::Design& d, const std::string& module, const arch::MemoryShape& m,
                        int n);

}  // namespace circa::rtltest
