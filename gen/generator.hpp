// The generator's entry point: every unit a spec needs, composed into one Design.
#pragma once

#include <string>

#include "gen/design.hpp"
#include "gen/output.hpp"
#include "gen/units.hpp"
#include "spec/accelerator_spec.hpp"

namespace circa::gen {

struct GenOptions {
  Faults faults;            ///< tests only: deliberately wrong hardware
  std::string regenerate;   ///< the command that regenerates the output (goes into each header)
};

/// All units of the datapath for this spec, with their manifest entries. Units without a
/// generator for the spec's choice (FFT styles other than unrolled, SRAM port mixes other than
/// one read/write port) are left out of the design and so out of the manifest.
Design generate_design(const AcceleratorSpec& s, const GenOptions& o);

/// The header every generated file of this spec carries.
HeaderInfo header_for(const AcceleratorSpec& s, const GenOptions& o);

/// generate_design + render.
FileSet generate_files(const AcceleratorSpec& s, const GenOptions& o);

/// Accumulator entries per MAC lane: every bank holds the words one lane covers per issue.
int accumulator_depth(const AcceleratorSpec& s);

}  // namespace circa::gen
