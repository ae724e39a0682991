// {enum, name} tables: an enum's names as they are written in files (YAML, the results store),
// spelled in one table that both directions read, so no code casts a list index to an enum.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace circa {

template <class E>
struct EnumName {
  E value;
  const char* name;
};

/// The name of `v` in `table`; a value missing from its table is a Circa bug.
template <class E, size_t N>
const char* name_in(const std::array<EnumName<E>, N>& table, E v) {
  for (const auto& e : table)
    if (e.value == v) return e.name;
  throw InternalError("an enum value is missing from its name table");
}

/// The value called `text`; false (and *out untouched) when no entry has that name.
template <class E, size_t N>
bool parse_name(const std::array<EnumName<E>, N>& table, const std::string& text, E* out) {
  for (const auto& e : table)
    if (text == e.name) {
      *out = e.value;
      return true;
    }
  return false;
}

/// Every name of `table`, in its order (for did-you-mean suggestions and help texts).
template <class E, size_t N>
std::vector<std::string> names_of(const std::array<EnumName<E>, N>& table) {
  std::vector<std::string> v;
  for (const auto& e : table) v.push_back(e.name);
  return v;
}

}  // namespace circa
