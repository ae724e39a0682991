// Generic Yosys synthesis of generated RTL, as a check: the design must elaborate, infer no
// latches, and have no multiple drivers or undriven nets. Used by `circa synth` and the tests.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "gen/design.hpp"
#include "gen/output.hpp"

namespace circa::gen {

struct SynthResult {
  bool ok = false;
  std::vector<std::string> problems;  ///< why it failed (empty when ok)
  std::string stat;                   ///< yosys `stat` report of the top
  std::string log;                    ///< the whole yosys log
};

/// Runs `yosys` on `sources` (paths relative to `dir`) with `synth -top top`, then `check
/// -assert` and a latch check; the script and the log are written into `dir`.
SynthResult synthesize(const std::string& dir, const std::vector<std::string>& sources,
                       const std::string& top);

/// The modules `circa synth` checks: the design's top, or, while a design has no top yet, each
/// unit the manifest lists (sorted, each once).
std::vector<std::string> synth_tops(const Design& d);

/// Writes `files` into `dir` and synthesizes each of synth_tops(d) there.
std::vector<std::pair<std::string, SynthResult>> synthesize_design(const std::string& dir,
                                                                   const Design& d,
                                                                   const FileSet& files);

}  // namespace circa::gen
