// Writing the cfg file CACTI 7 reads for a plain SRAM (cache type "ram"). Every key is written, in
// the order and spelling of the reference template (shared/reference/cacti/cfg/
// sram_ram_template.cfg.in): CACTI does not default a missing key (it reads heap garbage or
// crashes), matches keys by exact prefix, and loops forever on a file that starts with a blank
// line.
#pragma once

#include <string>

#include "cost/sram_query.hpp"

namespace circa {

/// CACTI settings that are not properties of the array. The defaults are those of the reference
/// sweep's baseline, i.e. what the built-in model was fitted to.
struct CactiCfgOptions {
  std::string access_mode = "normal";          ///< normal | sequential | fast
  std::string optimize = "ED^2";               ///< ED | ED^2 | NONE
  std::string design_weights = "0:0:0:100:0";  ///< delay:dynE:leak:cycle:area, used with NONE
  bool ecc = false;
  std::string print_level = "DETAILED";  ///< DETAILED | CONCISE
};

/// The key lines of the template with {placeholders}, without its comment header.
const char* cacti_cfg_template_body();
/// The technology in micrometres as written in the cfg: 45 -> "0.045", 90 -> "0.09".
std::string cacti_tech_um(int tech_nm);
/// The complete cfg text: one comment line naming the query, then every key of the template.
std::string cacti_cfg_text(const SramQuery& q, const CactiCfgOptions& options = {});

}  // namespace circa
