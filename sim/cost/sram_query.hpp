// What the SRAM cost models take and give: a plain query (independent of AcceleratorSpec) and a
// result whose every number carries its unit, its source and its range of validity.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "spec/accelerator_spec.hpp"

namespace circa {

/// One SRAM array to cost: the inputs of CACTI 7's plain scratchpad model (cache type "ram").
struct SramQuery {
  std::int64_t size_bytes = 0;  ///< capacity, total over all banks, bytes
  int block_bytes = 0;          ///< word width in bytes: one access reads or writes one word
  int banks = 1;                ///< UCA banks (a power of two)
  int rw_ports = 1;             ///< read-write ports per bank
  int rd_ports = 0;             ///< exclusive read ports per bank
  int wr_ports = 0;             ///< exclusive write ports per bank
  int tech_nm = 45;             ///< technology node, nm
  DeviceType device = DeviceType::itrs_hp;  ///< ITRS device type of cells and periphery
  int temperature_k = 360;                  ///< operating temperature, K

  /// Error-message context only: where the query came from (file:line) and a key prefix such
  /// as "weight_sram" or "row p0012"; messages then read "<where>: error: <origin>.<field>: ...".
  SourceLocation where;
  std::string origin;
};

/// One number leaving the cost model.
struct SramValue {
  double value = 0.0;
  std::string unit;      ///< "ns", "pJ", "mW", "mm2"
  std::string source;    ///< e.g. "builtin model fitted to CACTI 7.0 reference data (...), 613 rows"
  std::string validity;  ///< the input range it holds for
  std::string accuracy;  ///< its typical error against CACTI over that range
};

/// Everything the SRAM models report for one array. Energies are per access of one word through
/// one port; leakage is given per bank (CACTI's convention) and for the whole array.
struct SramResult {
  SramValue access_time_ns;
  SramValue cycle_time_ns;  ///< random cycle time
  SramValue read_energy_pj;
  SramValue write_energy_pj;
  SramValue leakage_subthreshold_per_bank_mw;
  SramValue leakage_gate_per_bank_mw;
  SramValue leakage_per_bank_mw;  ///< subthreshold + gate, one bank
  SramValue leakage_total_mw;     ///< banks x leakage_per_bank_mw (McPAT's convention)
  SramValue area_mm2;             ///< whole array, all banks
  std::vector<std::string> warnings;
};

/// An SRAM cost model: the built-in fit or a user's CACTI binary.
class SramEstimator {
 public:
  virtual ~SramEstimator() = default;
  /// Costs one array; ConfigError when the query is outside what the model can answer.
  virtual SramResult estimate(const SramQuery& q) const = 0;
};

/// "itrs-hp" / "itrs-lstp" / "itrs-lop" (CACTI's spelling) to DeviceType; ConfigError otherwise.
DeviceType parse_device_type(const std::string& text, const SramQuery& context);
/// A word width in bits as bytes; ConfigError when it is not a positive multiple of 8.
int word_bits_to_bytes(int word_bits, const SramQuery& context);
/// One line such as "64 KiB, 64 B words, 1 bank, 1rw+0r+0w ports, 45 nm itrs-hp, 360 K".
std::string describe(const SramQuery& q);

/// Throws ConfigError at q.where for field `field` (prefixed by q.origin) with `problem`.
[[noreturn]] void throw_query_error(const SramQuery& q, const std::string& field,
                                    const std::string& problem);
/// Checks what any model needs to make sense of a query: positive sizes, non-negative ports,
/// at least one port. Model-specific ranges are checked by the model.
void check_query_basics(const SramQuery& q);

}  // namespace circa
