// The provenance text of a physical figure ("sim/power/tables/logic_45nm.csv (Horowitz ...)"),
// interned: one immutable copy of each distinct text lives as long as the program, and a figure
// holds a pointer to it. Copying a figure copies no text, so a sweep's hot path moves sources
// around without allocating; the text is made (and interned) once, where a model first builds it.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

namespace circa {

class SourceText {
 public:
  SourceText();  ///< the empty text
  /// Interns `text` (takes a lock: call where a figure is first built, not per point).
  SourceText(std::string_view text);  // NOLINT(google-explicit-constructor): as a std::string
  SourceText(const std::string& text) : SourceText(std::string_view(text)) {}
  SourceText(const char* text) : SourceText(std::string_view(text)) {}

  const std::string& str() const { return *text_; }
  operator const std::string&() const { return *text_; }  // NOLINT: reads as the text
  bool empty() const { return text_->empty(); }
  /// Interned texts are equal exactly when their pointers are.
  bool operator==(const SourceText& o) const { return text_ == o.text_; }
  bool operator!=(const SourceText& o) const { return text_ != o.text_; }

 private:
  const std::string* text_;
};

inline std::ostream& operator<<(std::ostream& os, const SourceText& s) {
  return os << s.str();
}

}  // namespace circa
