// {enum, name} tables: each enum's YAML spellings are listed once, in names.cpp, and everything
// else (to_string, parsing, the schema's list of choices) loops over that table.
#pragma once

#include <string>
#include <vector>

#include "spec/fixed_format.hpp"

namespace circa {

template <class E>
struct EnumName {
  E value;
  const char* name;
};
template <class E>
using EnumNames = std::vector<EnumName<E>>;

/// The name of `v` in `table`; "?" for a value the table lacks (a bug the tests catch).
template <class E>
const char* name_in(const EnumNames<E>& table, E v) {
  for (const auto& e : table)
    if (e.value == v) return e.name;
  return "?";
}

/// Sets *out to the value named `text`; false when no entry has that name.
template <class E>
bool parse_in(const EnumNames<E>& table, const std::string& text, E* out) {
  for (const auto& e : table)
    if (text == e.name) {
      *out = e.value;
      return true;
    }
  return false;
}

// Every value of each enum, with its spelling (names.cpp). The argument selects the table.
const EnumNames<Rounding>& enum_names(Rounding);
const EnumNames<Overflow>& enum_names(Overflow);

}  // namespace circa
