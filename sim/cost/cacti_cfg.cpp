#include "cost/cacti_cfg.hpp"

#include <utility>
#include <vector>

#include <fmt/format.h>

#include "common/error.hpp"

namespace circa {

namespace {

// Byte-for-byte the key lines of shared/reference/cacti/cfg/sram_ram_template.cfg.in (the unit
// test cacti_cfg/embedded_body_matches_reference_template checks it). The DRAM-I/O and MemCAD keys
// at the end must be present even for an SRAM: without them CACTI crashes (SIGFPE / SIGSEGV).
constexpr const char* kBody = R"cfg(-size (bytes) {size_bytes}
-Array Power Gating - "false"
-WL Power Gating - "false"
-CL Power Gating - "false"
-Bitline floating - "false"
-Interconnect Power Gating - "false"
-Power Gating Performance Loss 0.01
-block size (bytes) {block_bytes}
-associativity 1
-read-write port {rw_ports}
-exclusive read port {rd_ports}
-exclusive write port {wr_ports}
-single ended read ports 0
-UCA bank count {banks}
-technology (u) {tech_um}
-page size (bits) 8192
-burst length 8
-internal prefetch width 8
-Data array cell type - "{cell_type}"
-Data array peripheral type - "{periph_type}"
-Tag array cell type - "{cell_type}"
-Tag array peripheral type - "{periph_type}"
-output/input bus width {out_width_bits}
-operating temperature (K) {temp_K}
-cache type "ram"
-tag size (b) "default"
-access mode (normal, sequential, fast) - "{access_mode}"
-design objective (weight delay, dynamic power, leakage power, cycle time, area) {design_weights}
-deviate (delay, dynamic power, leakage power, cycle time, area) 20:100000:100000:100000:100000
-NUCAdesign objective (weight delay, dynamic power, leakage power, cycle time, area) 100:100:0:0:100
-NUCAdeviate (delay, dynamic power, leakage power, cycle time, area) 10:10000:10000:10000:10000
-Optimize ED or ED^2 (ED, ED^2, NONE): "{optimize}"
-Cache model (NUCA, UCA)  - "UCA"
-NUCA bank count 0
-Wire signaling (fullswing, lowswing, default) - "Global_30"
-Wire inside mat - "semi-global"
-Wire outside mat - "semi-global"
-Interconnect projection - "conservative"
-Core count 8
-Cache level (L2/L3) - "L3"
-Add ECC - "{ecc}"
-Print level (DETAILED, CONCISE) - "{print_level}"
-Print input parameters - "true"
-Force cache config - "false"
-Ndwl 1
-Ndbl 1
-Nspd 0
-Ndcm 1
-Ndsam1 0
-Ndsam2 0
-dram_type "DDR3"
-io state "WRITE"
-addr_timing 1.0
-mem_density 4 Gb
-bus_freq 800 MHz
-duty_cycle 1.0
-activity_dq 1.0
-activity_ca 0.5
-num_dq 72
-num_dqs 18
-num_ca 25
-num_clk  2
-num_mem_dq 2
-mem_data_width 8
-rtt_value 10000
-ron_value 34
-tflight_value
-num_bobs 1
-capacity 80
-num_channels_per_bob 1
-first metric "Cost"
-second metric "Bandwidth"
-third metric "Energy"
-DIMM model "ALL"
-mirror_in_bob "F"
)cfg";

/// Replaces every "{name}" of `text` with its value; InternalError for an unknown placeholder.
std::string fill(const std::string& text,
                 const std::vector<std::pair<std::string, std::string>>& values) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find('{', pos);
    if (open == std::string::npos) break;
    const size_t close = text.find('}', open);
    CIRCA_CHECK(close != std::string::npos, "cfg template: unclosed placeholder");
    out.append(text, pos, open - pos);
    const std::string name = text.substr(open + 1, close - open - 1);
    bool found = false;
    for (const auto& [k, v] : values)
      if (k == name) {
        out += v;
        found = true;
      }
    CIRCA_CHECK(found, "cfg template: no value for {" + name + "}");
    pos = close + 1;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

}  // namespace

const char* cacti_cfg_template_body() {
  return kBody;
}

std::string cacti_tech_um(int tech_nm) {
  return fmt::format("{}", tech_nm / 1000.0);
}

std::string cacti_cfg_text(const SramQuery& q, const CactiCfgOptions& o) {
  const std::string dev = to_string(q.device);
  const std::string body = fill(kBody, {
                                           {"size_bytes", std::to_string(q.size_bytes)},
                                           {"block_bytes", std::to_string(q.block_bytes)},
                                           {"rw_ports", std::to_string(q.rw_ports)},
                                           {"rd_ports", std::to_string(q.rd_ports)},
                                           {"wr_ports", std::to_string(q.wr_ports)},
                                           {"banks", std::to_string(q.banks)},
                                           {"tech_um", cacti_tech_um(q.tech_nm)},
                                           {"cell_type", dev},
                                           {"periph_type", dev},
                                           {"out_width_bits", std::to_string(8LL * q.block_bytes)},
                                           {"temp_K", std::to_string(q.temperature_k)},
                                           {"access_mode", o.access_mode},
                                           {"design_weights", o.design_weights},
                                           {"optimize", o.optimize},
                                           {"ecc", o.ecc ? "true" : "false"},
                                           {"print_level", o.print_level},
                                       });
  // A comment first line (never blank: CACTI's parser loops forever on a leading blank line).
  return "# circa: CACTI 7 cfg for a plain SRAM: " + describe(q) + "\n" + body;
}

}  // namespace circa
