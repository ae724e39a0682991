#include "cost/sram_query.hpp"

#include <fmt/format.h>

namespace circa {

void throw_query_error(const SramQuery& q, const std::string& field, const std::string& problem) {
  throw ConfigError(q.where, q.origin.empty() ? field : q.origin + "." + field, problem);
}

DeviceType parse_device_type(const std::string& text, const SramQuery& context) {
  for (DeviceType d : {DeviceType::itrs_hp, DeviceType::itrs_lstp, DeviceType::itrs_lop})
    if (text == to_string(d)) return d;
  throw_query_error(context, "cell_type",
                    "'" + text + "' is not a device type; use itrs-hp, itrs-lstp or itrs-lop");
}

int word_bits_to_bytes(int word_bits, const SramQuery& context) {
  if (word_bits <= 0 || word_bits % 8 != 0)
    throw_query_error(context, "word_bits",
                      fmt::format("{} bits is not a positive multiple of 8; SRAM words are whole "
                                  "bytes (use e.g. {})",
                                  word_bits, word_bits > 0 ? (word_bits + 7) / 8 * 8 : 64));
  return word_bits / 8;
}

std::string describe(const SramQuery& q) {
  const std::string size = q.size_bytes % 1024 == 0 ? fmt::format("{} KiB", q.size_bytes / 1024)
                                                    : fmt::format("{} B", q.size_bytes);
  return fmt::format("{}, {} B words, {} bank{}, {}rw+{}r+{}w ports, {} nm {}, {} K", size,
                     q.block_bytes, q.banks, q.banks == 1 ? "" : "s", q.rw_ports, q.rd_ports,
                     q.wr_ports, q.tech_nm, to_string(q.device), q.temperature_k);
}

void check_query_basics(const SramQuery& q) {
  if (q.size_bytes <= 0)
    throw_query_error(q, "size_bytes",
                      fmt::format("{} must be a positive number of bytes", q.size_bytes));
  if (q.block_bytes <= 0)
    throw_query_error(q, "block_bytes",
                      fmt::format("{} must be a positive number of bytes", q.block_bytes));
  if (q.banks <= 0) throw_query_error(q, "banks", fmt::format("{} must be at least 1", q.banks));
  if (q.tech_nm <= 0)
    throw_query_error(q, "tech_nm", fmt::format("{} must be a positive node in nm", q.tech_nm));
  if (q.temperature_k <= 0)
    throw_query_error(q, "temp_K",
                      fmt::format("{} must be a positive temperature in K", q.temperature_k));
  const std::pair<const char*, int> ports[] = {
      {"rw_ports", q.rw_ports}, {"rd_ports", q.rd_ports}, {"wr_ports", q.wr_ports}};
  for (const auto& [name, n] : ports)
    if (n < 0) throw_query_error(q, name, fmt::format("{} must be >= 0", n));
  if (q.rw_ports + q.rd_ports + q.wr_ports == 0)
    throw_query_error(q, "rw_ports", "the array has no port; give it at least one (rw_ports 1)");
}

}  // namespace circa
