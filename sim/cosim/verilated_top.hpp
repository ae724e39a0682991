// The generated top as a SystemC module, built at run time: the RTL files are written into a
// cache folder keyed by their hash, `verilator --sc` translates them, the system compiler builds
// a shared library of the model plus a small C adapter (exec, no shell), and the library is
// loaded into this process, where it joins this process's SystemC kernel.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/progress.hpp"
#include "sysc/pins.hpp"
#include "gen/design.hpp"
#include "gen/output.hpp"

namespace sc_core {
class sc_clock;
}

namespace circa::cosim {

struct BuildInfo {
  std::string dir;      ///< the cache folder (RTL, memory images, obj/, the library)
  std::string library;  ///< dir/libcirca_dut.so
  bool cached = false;  ///< reused, nothing was built
  double seconds = 0;   ///< verilation + compilation time (0 when cached)
};

/// The cache root: `work` when not empty, else $CIRCA_COSIM_CACHE, $XDG_CACHE_HOME/circa/cosim
/// or ~/.cache/circa/cosim.
std::string cache_root(const std::string& work);

/// Writes, verilates and compiles the top of `files` (ports as in `ports`) under
/// cache_root(work)/<hash>, unless that folder already holds the library. Throws ToolError
/// (the tool, its command line, its log in the build folder) when a step fails. `optimize`:
/// the model's C++ at -O1 (for speed figures), else -O0, which compiles in half the time and
/// suits checks of a few thousand cycles. A build shows its steps (verilation, each compiled file,
/// the link) on `progress`.
BuildInfo build_top(const gen::FileSet& files, const std::string& top,
                    const std::vector<gen::Port>& ports, const std::string& work, bool optimize,
                    ProgressSink progress = {});

/// The compiled top, loaded and elaborated (call before sc_start); clk bound to `clk`. A top with
/// $readmemh images would read them relative to the working directory at the first evaluation,
/// so cosim builds tops without images (weights and bias go in through the ports).
std::unique_ptr<sysc::PinModel> load_top(const BuildInfo& b, const char* name, sc_core::sc_clock& clk);

}  // namespace circa::cosim
