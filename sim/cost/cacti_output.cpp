#include "cost/cacti_output.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <regex>
#include <sstream>

#include <fmt/format.h>

namespace circa {

namespace {

// A CACTI number: C++ ostream default format, so exponents, and inf/nan on degenerate inputs.
const std::string kNum = R"(([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?inf|[-+]?nan))";

/// The label without regex escapes, for messages and the literal pre-check.
std::string plain(std::string label) {
  label.erase(std::remove(label.begin(), label.end(), '\\'), label.end());
  return label;
}

/// A line pattern and the literal text every line it matches contains. std::regex is slow (tens
/// of microseconds per line, far more under the sanitizers), so a line is only searched when it
/// holds the literal: same matches, about 40 regex searches per CACTI output instead of 10,000.
struct LinePattern {
  std::string literal;
  std::regex re;
};

struct FieldPattern {
  const char* name;   ///< reference CSV / expected.json name
  std::string label;  ///< the line's label as a regex (parentheses escaped)
  LinePattern line;   ///< one capture group, anchored at line start
};

FieldPattern pattern(const char* name, const std::string& label) {
  return {name, label, {plain(label), std::regex(R"(^\s*)" + label + R"(\s*)" + kNum)}};
}

/// The summary lines (required for a usable result). First match after the banner wins: "Total
/// leakage power of a bank" is printed again, per data array, under "Power Components".
const std::vector<FieldPattern>& summary_patterns() {
  static const std::vector<FieldPattern> p = {
      pattern("access_time_ns", R"(Access time \(ns\):)"),
      pattern("cycle_time_ns", R"(Cycle time \(ns\):)"),
      pattern("read_energy_nJ", R"(Total dynamic read energy per access \(nJ\):)"),
      pattern("write_energy_nJ", R"(Total dynamic write energy per access \(nJ\):)"),
      pattern("leakage_subthreshold_mW", R"(Total leakage power of a bank \(mW\):)"),
      pattern("leakage_gate_mW", R"(Total gate leakage power of a bank \(mW\):)"),
      pattern("height_mm", R"(Cache height x width \(mm\):)"),
  };
  return p;
}

const std::vector<FieldPattern>& detail_patterns() {
  static const std::vector<FieldPattern> p = {
      pattern("Ndwl", R"(Best Ndwl :)"),
      pattern("Ndbl", R"(Best Ndbl :)"),
      pattern("Nspd", R"(Best Nspd :)"),
      pattern("Ndcm", R"(Best Ndcm :)"),
      pattern("Ndsam_L1", R"(Best Ndsam L1 :)"),
      pattern("Ndsam_L2", R"(Best Ndsam L2 :)"),
      pattern("t_htree_in_ns", R"(H-tree input delay \(ns\):)"),
      pattern("t_decoder_wordline_ns", R"(Decoder \+ wordline delay \(ns\):)"),
      pattern("t_bitline_ns", R"(Bitline delay \(ns\):)"),
      pattern("t_senseamp_ns", R"(Sense Amplifier delay \(ns\):)"),
      pattern("t_htree_out_ns", R"(H-tree output delay \(ns\):)"),
      pattern("e_htree_nJ",
              R"(Total energy in H-tree \(that includes both address and data transfer\) \(nJ\):)"),
      pattern("e_htree_out_in_bank_nJ", R"(Output Htree inside bank Energy \(nJ\):)"),
      pattern("e_decoder_nJ", R"(Decoder \(nJ\):)"),
      pattern("e_wordline_nJ", R"(Wordline \(nJ\):)"),
      pattern("e_bitline_mux_nJ", R"(Bitline mux & associated drivers \(nJ\):)"),
      pattern("e_senseamp_mux_nJ", R"(Sense amp mux & associated drivers \(nJ\):)"),
      pattern("e_precharge_nJ", R"(Bitlines precharge and equalization circuit \(nJ\):)"),
      pattern("e_bitlines_nJ", R"(Bitlines \(nJ\):)"),
      pattern("e_senseamp_nJ", R"(Sense amplifier energy \(nJ\):)"),
      pattern("e_subarray_outdrv_nJ", R"(Sub-array output driver \(nJ\):)"),
      pattern(
          "leak_htree_mW",
          R"(Total leakage power in H-tree \(that includes both address and data network\) \(\(mW\)\):)"),
      pattern(
          "gate_leak_htree_mW",
          R"(Total gate leakage power in H-tree \(that includes both address and data network\) \(\(mW\)\):)"),
      pattern("data_array_area_mm2", R"(Data array: Area \(mm2\):)"),
      pattern("area_efficiency_pct", R"(Area efficiency \(Memory cell area/Total area\) -)"),
      pattern("mat_height_mm", R"(MAT Height \(mm\):)"),
      pattern("mat_length_mm", R"(MAT Length \(mm\):)"),
      pattern("subarray_height_mm", R"(Subarray Height \(mm\):)"),
      pattern("subarray_length_mm", R"(Subarray Length \(mm\):)"),
  };
  return p;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) {
    if (!l.empty() && l.back() == '\r') l.pop_back();
    lines.push_back(l);
  }
  return lines;
}

/// Longer lines match no pattern. CACTI's are under 200 characters, and libstdc++'s std::regex
/// recurses once per character it matches: a line of a few hundred KiB overflowed the stack.
constexpr size_t kMaxLineChars = 1024;

/// Whether `line` matches `p` (its captures in `m`).
bool search(const std::string& line, std::smatch& m, const LinePattern& p) {
  return line.size() <= kMaxLineChars && line.find(p.literal) != std::string::npos &&
         std::regex_search(line, m, p.re);
}

/// First capture of `p` in lines[from..], or nullopt.
std::optional<std::smatch> first_match(const std::vector<std::string>& lines, size_t from,
                                       const LinePattern& p) {
  std::smatch m;
  for (size_t i = from; i < lines.size(); ++i)
    if (search(lines[i], m, p)) return m;
  return std::nullopt;
}

double to_number(const std::string& s) {
  return std::strtod(s.c_str(), nullptr);
}

}  // namespace

std::string ExitStatus::str() const {
  switch (kind) {
    case Kind::exited:
      return fmt::format("exit code {}", code);
    case Kind::signaled:
      return fmt::format("signal {}", code);
    case Kind::timed_out:
      return "timed out";
    case Kind::not_started:
      return std::string("could not start: ") + std::strerror(code);
  }
  return "?";
}

std::optional<double> CactiOutput::field(const std::string& name) const {
  const std::pair<const char*, double> main[] = {
      {"access_time_ns", access_time_ns},
      {"cycle_time_ns", cycle_time_ns},
      {"read_energy_nJ", read_energy_nJ},
      {"write_energy_nJ", write_energy_nJ},
      {"leakage_subthreshold_mW", leakage_subthreshold_mW},
      {"leakage_gate_mW", leakage_gate_mW},
      {"height_mm", height_mm},
      {"width_mm", width_mm},
      {"leakage_total_mW", leakage_total_mW()},
      {"area_mm2_from_height_x_width", area_mm2()}};
  for (const auto& [n, v] : main)
    if (name == n) return v;
  auto it = details.find(name);
  if (it != details.end()) return it->second;
  return std::nullopt;
}

std::optional<CactiOutput> parse_cacti_stdout(const std::string& text,
                                              std::vector<std::string>* missing) {
  static const LinePattern banner{" CACTI (version ",
                                  std::regex(R"(^-+ CACTI \(version (.+?)\),\s*(.+?)\s*-+\s*$)")};
  static const LinePattern hw{
      "Cache height x width (mm):",
      std::regex(R"(^\s*Cache height x width \(mm\):\s*)" + kNum + R"(\s*x\s*)" + kNum)};
  static const LinePattern wire{"Data array, H-tree wire type:",
                                std::regex(R"(^\s*Data array, H-tree wire type:\s*(.*\S)\s*$)")};
  const auto lines = split_lines(text);
  CactiOutput out;
  size_t start = 0;
  std::smatch m;
  while (start < lines.size() && !search(lines[start], m, banner)) ++start;
  if (start == lines.size()) return std::nullopt;
  out.version = m[1];
  out.model = m[2];
  double* const slots[] = {&out.access_time_ns,          &out.cycle_time_ns,
                           &out.read_energy_nJ,          &out.write_energy_nJ,
                           &out.leakage_subthreshold_mW, &out.leakage_gate_mW};
  const auto& sp = summary_patterns();
  if (missing) missing->clear();
  for (size_t k = 0; k < sp.size(); ++k) {
    const auto found = first_match(lines, start, k + 1 == sp.size() ? hw : sp[k].line);
    if (!found) {
      if (k == 0) return std::nullopt;  // no Access time: not a result
      if (missing) missing->push_back(plain(sp[k].label));
      continue;
    }
    if (k + 1 == sp.size()) {
      out.height_mm = to_number((*found)[1]);
      out.width_mm = to_number((*found)[2]);
    } else {
      *slots[k] = to_number((*found)[1]);
    }
  }
  for (const auto& d : detail_patterns())
    if (auto f = first_match(lines, start, d.line)) out.details[d.name] = to_number((*f)[1]);
  if (auto f = first_match(lines, start, wire)) out.htree_wire_type = (*f)[1];
  return out;
}

CactiVerdict interpret_cacti_run(const std::string& out, const std::string& err,
                                 const ExitStatus& status, double timeout_s) {
  CactiVerdict v;
  using S = CactiVerdict::Status;
  if (status.kind == ExitStatus::Kind::timed_out) {
    v.status = S::timeout;
    v.message = fmt::format("timed out after {:g} s", timeout_s);
    return v;
  }
  std::vector<std::string> missing;
  if (auto parsed = parse_cacti_stdout(out, &missing)) {
    if (!missing.empty()) {
      v.message = "the result is incomplete: no '" + missing.front() + "' line after the banner";
      v.message_stream = "stdout";
      return v;
    }
    for (const char* name : {"access_time_ns", "cycle_time_ns", "read_energy_nJ", "write_energy_nJ",
                             "leakage_subthreshold_mW", "leakage_gate_mW", "height_mm", "width_mm"})
      if (!std::isfinite(*parsed->field(name))) {
        v.message = std::string("the result holds a non-finite ") + name;
        v.message_stream = "stdout";
        return v;
      }
    v.status = S::ok;
    v.output = *parsed;
    if (status.kind != ExitStatus::Kind::exited || status.code != 0)
      v.warnings.push_back("CACTI ended with " + status.str() +
                           " after printing a complete result; the result is used but not cached");
    return v;
  }
  for (const auto& line : split_lines(err))
    if (line.find_first_not_of(" \t") != std::string::npos) {
      v.message = line;
      v.message_stream = "stderr";
      return v;
    }
  for (const auto& line : split_lines(out)) {
    const bool ends_missing = line.size() >= 8 && line.compare(line.size() - 8, 8, "missing!") == 0;
    if (line.rfind("ERROR", 0) == 0 || line.find("Invalid") != std::string::npos || ends_missing) {
      v.message = line;
      v.message_stream = "stdout";
      return v;
    }
  }
  if (status.kind == ExitStatus::Kind::signaled) {
    v.status = S::crash;
    v.message = fmt::format("crashed (signal {})", status.code);
  } else {
    v.message = status.str() + " without printing a result";
  }
  return v;
}

std::map<std::string, std::string> parse_cacti_side_csv(const std::string& text) {
  auto split = [](const std::string& line) {
    std::vector<std::string> f;
    size_t pos = 0;
    while (pos < line.size()) {
      size_t sep = line.find(", ", pos);
      if (sep == std::string::npos) sep = line.size();
      f.push_back(line.substr(pos, sep - pos));
      pos = sep + 2;
    }
    return f;
  };
  std::vector<std::string> lines;
  for (auto& l : split_lines(text))
    if (!l.empty()) lines.push_back(l);
  std::map<std::string, std::string> row;
  if (lines.size() < 2) return row;
  const auto head = split(lines.front());
  const auto last = split(lines.back());
  for (size_t i = 0; i < head.size() && i < last.size(); ++i) row[head[i]] = last[i];
  return row;
}

}  // namespace circa
