// Reading what CACTI 7 prints, and deciding whether a run succeeded (ADAPTER_NOTES.md §4-5).
// Exit codes lie (input errors exit 0; a complete result can end in SIGSEGV), so the rule is:
// success = the result banner is present and "Access time (ns):" parses after it. Otherwise the
// error is the first stderr line, else the ERROR/Invalid/missing! line of stdout, else the crash.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace circa {

/// How a child process ended.
struct ExitStatus {
  enum class Kind { exited, signaled, timed_out, not_started };
  Kind kind = Kind::exited;
  int code = 0;  ///< exit code, or signal number for `signaled`, or errno for `not_started`
  /// "exit code 1", "signal 11", "timed out", "could not start: <errno text>".
  std::string str() const;
};

/// The summary (and, at DETAILED print level, the breakdown) of one CACTI run, in CACTI's units.
struct CactiOutput {
  std::string version;  ///< from the banner, e.g. "7.0.3DD Prerelease of Aug, 2012"
  std::string model;    ///< e.g. "Uniform Cache Access SRAM Model"
  double access_time_ns = 0.0;
  double cycle_time_ns = 0.0;
  double read_energy_nJ = 0.0;
  double write_energy_nJ = 0.0;
  double leakage_subthreshold_mW = 0.0;  ///< one bank
  double leakage_gate_mW = 0.0;          ///< one bank
  double height_mm = 0.0;                ///< whole array
  double width_mm = 0.0;
  /// DETAILED-only numbers under the reference CSV's column names (Ndwl, t_bitline_ns, e_*_nJ,
  /// area_efficiency_pct, mat_height_mm, ...); absent at CONCISE print level.
  std::map<std::string, double> details;
  std::string htree_wire_type;

  double area_mm2() const { return height_mm * width_mm; }
  double leakage_total_mW() const { return leakage_subthreshold_mW + leakage_gate_mW; }
  /// Any number above by its reference-CSV / expected.json name, e.g. "cycle_time_ns".
  std::optional<double> field(const std::string& name) const;
};

/// The outcome of one run under the adapter rule.
struct CactiVerdict {
  enum class Status { ok, error, crash, timeout };
  Status status = Status::error;
  CactiOutput output;          ///< meaningful when ok
  std::string message;         ///< the error line, "crashed (signal N)" or "timed out after N s"
  std::string message_stream;  ///< "stderr", "stdout" or "" (crash, timeout)
  std::vector<std::string> warnings;  ///< e.g. a crash after a complete result
  bool clean() const { return status == Status::ok && warnings.empty(); }
};

/// Parses stdout. Returns nullopt unless the banner and Access time are present; `missing`
/// receives the labels of other summary lines that were not found (empty when complete).
std::optional<CactiOutput> parse_cacti_stdout(const std::string& text,
                                              std::vector<std::string>* missing);
/// Applies the adapter rule. `timeout_s` only words the timeout message.
CactiVerdict interpret_cacti_run(const std::string& out, const std::string& err,
                                 const ExitStatus& status, double timeout_s);
/// The last line of CACTI's side CSV (<cfg>.out) as header -> value (", "-separated, "N/A" kept).
std::map<std::string, std::string> parse_cacti_side_csv(const std::string& text);

}  // namespace circa
