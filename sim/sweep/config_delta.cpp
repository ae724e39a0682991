#include "sweep/config_delta.hpp"

#include <cstring>
#include <vector>

#include "common/error.hpp"

namespace circa::sweep {
namespace {

/// The lines of `text`; joined back with '\n' they give `text` exactly (a final '\n' leaves an
/// empty last line).
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  size_t from = 0;
  for (size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', from)) {
    lines.push_back(text.substr(from, at - from));
    from = at + 1;
  }
  lines.push_back(text.substr(from));
  return lines;
}

[[noreturn]] void damaged(const std::string& why) {
  throw ConfigError("a stored config delta " + why +
                    "; the results store is damaged: move it away and run the sweep again");
}

}  // namespace

std::string encode_config(const std::string& text, const std::string& base,
                          const std::string& base_id) {
  const std::vector<std::string> a = lines_of(text), b = lines_of(base);
  if (a.size() != b.size()) return text;
  std::string delta = kConfigDeltaTag + base_id + "\n";
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) delta += std::to_string(i) + " " + a[i] + "\n";
  return delta;
}

bool is_config_delta(const std::string& stored, std::string* base_id) {
  const size_t tag = std::strlen(kConfigDeltaTag);
  if (stored.compare(0, tag, kConfigDeltaTag) != 0) return false;
  const size_t end = stored.find('\n');
  if (base_id) *base_id = stored.substr(tag, end == std::string::npos ? end : end - tag);
  return true;
}

std::string decode_config(const std::string& stored, const std::string& base) {
  std::vector<std::string> lines = lines_of(base);
  size_t from = stored.find('\n');
  if (from == std::string::npos) damaged("has no header line");
  for (++from; from < stored.size();) {
    const size_t space = stored.find(' ', from), end = stored.find('\n', from);
    if (space == std::string::npos || end == std::string::npos || space > end)
      damaged("has a line without its number");
    size_t index = 0;
    try {
      index = std::stoul(stored.substr(from, space - from));
    } catch (const std::exception&) {
      damaged("has a line number that is not a number");
    }
    if (index >= lines.size()) damaged("changes a line its base does not have");
    lines[index] = stored.substr(space + 1, end - space - 1);
    from = end + 1;
  }
  std::string text;
  for (size_t i = 0; i < lines.size(); ++i) text += (i ? "\n" : "") + lines[i];
  return text;
}

}  // namespace circa::sweep
