// Text emission for the Verilog generator: an indenting line writer, the generated-file header
// and the configuration hash every generated file carries. Output is a pure function of its
// inputs (no dates, no paths from the environment), so the same config gives identical bytes.
#pragma once

#include <cstdint>
#include <string>

#include "common/fnv1a.hpp"
#include "spec/accelerator_spec.hpp"

namespace circa::gen {

/// Lines with two-space indentation; `open()`/`close()` bracket a nested block.
class Emitter {
 public:
  Emitter& line(const std::string& text);  ///< one line at the current indentation
  Emitter& blank();                         ///< an empty line (no trailing spaces)
  Emitter& open(const std::string& text);   ///< a line, then indent
  Emitter& close(const std::string& text);  ///< dedent, then a line
  Emitter& mid(const std::string& text);    ///< dedent, a line, indent ("end else begin")
  Emitter& raw(const std::string& text);    ///< verbatim text (already formatted)
  const std::string& str() const { return out_; }

 private:
  std::string out_;
  int depth_ = 0;
};

std::string hex64(uint64_t v);
std::string hex32(uint32_t v);

/// Hash of the canonical dump of the spec (`circa config dump`): same effective config, same hash.
std::string config_hash(const AcceleratorSpec& spec);

/// What the header of every generated file says.
struct HeaderInfo {
  std::string tool_version;   ///< Circa's version
  std::string config_name;    ///< spec.name
  std::string config_hash;    ///< config_hash(spec)
  std::string regenerate;     ///< the command that regenerates the file
};

/// The header as comment lines with the given prefix ("//" for Verilog/SDC-free files, "#" for
/// SDC and file lists).
std::string file_header(const HeaderInfo& h, const std::string& comment);

/// The version this generator reports (the project version at build time).
const char* tool_version();

}  // namespace circa::gen
