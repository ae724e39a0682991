// The generator's entry point: every unit a spec needs, composed into one Design.
#pragma once

#include <string>

#include "gen/design.hpp"
#include "gen/output.hpp"
#include "gen/top.hpp"
#include "gen/units.hpp"
#include "numerics/layer.hpp"
#include "spec/accelerator_spec.hpp"

namespace circa::gen {

struct GenOptions {
  Faults faults;  ///< tests only: deliberately wrong hardware
  /// A network whose resident weights and bias the top's memories load as $readmemh images,
  /// with its layer program image (gen/top.hpp).
  const NetworkImage* network = nullptr;
  std::string regenerate;  ///< the command that regenerates the output (goes into each header)
};

/// All units of the datapath for this spec, with their manifest entries, and the top module
/// (gen/top.hpp) when top_unsupported(s) is empty (k >= 4 and a weight row no wider than all
/// weight-SRAM banks together).
Design generate_design(const AcceleratorSpec& s, const GenOptions& o);

/// The header every generated file of this spec carries.
HeaderInfo header_for(const AcceleratorSpec& s, const GenOptions& o);

/// generate_design + render.
FileSet generate_files(const AcceleratorSpec& s, const GenOptions& o);

}  // namespace circa::gen
