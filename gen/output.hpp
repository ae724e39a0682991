// Turns a Design into files: one .v per module (with the generated-file header), the
// hand-written primitives from rtl/, a file list (.f), an SDC clock constraint and manifest.json.
#pragma once

#include <map>
#include <string>

#include "gen/design.hpp"
#include "gen/emitter.hpp"
#include "spec/accelerator_spec.hpp"

namespace circa::gen {

/// Relative path -> contents of every file of the design; deterministic.
using FileSet = std::map<std::string, std::string>;

/// The hand-written primitives (rtl/*.v, embedded at build time): file name -> text.
const std::map<std::string, std::string>& rtl_primitives();

/// Every file: `rtl/<primitive>.v`, `<module>.v`, `<name>.f`, `<name>.sdc`, `manifest.json`, and
/// the design's data files. `<name>` is the top module, or "circa_units" without a top.
FileSet render(const Design& d, const AcceleratorSpec& s, const HeaderInfo& h);

/// The Verilog sources of a FileSet in compile order (primitives first), as the .f lists them.
std::vector<std::string> verilog_files(const FileSet& files);

/// Writes every file under `dir` (created if missing). Throws ConfigError if it cannot.
void write_files(const std::string& dir, const FileSet& files);

}  // namespace circa::gen
