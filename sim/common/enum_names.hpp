// {enum, name} tables (std::array or EnumNames): an enum's names as they are written in files (YAML, the results store),
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
/// A table built at run time (e.g. a function-local static returned by reference).
template <class E>
using EnumNames = std::vector<EnumName<E>>;

/// The name of `v` in `table`; a value missing from its table is a Circa bug.
template <class Table, class E>
const char* name_in(const Table& table, E v) {
  for (const auto& e : table)
    if (e.value == v) return e.name;
  throw InternalError("an enum value is missing from its name table");
}

/// The value called `text`; false (and *out untouched) when no entry has that name.
template <class Table, class E>
bool parse_name(const Table& table, const std::string& text, E* out) {
  for (const auto& e : table)
    if (text == e.name) {
      *out = e.value;
      return true;
    }
  return false;
}

/// Every name of `table`, in its order (for did-you-mean suggestions and help texts).
template <class Table>
std::vector<std::string> names_of(const Table& table) {
  std::vector<std::string> v;
  for (const auto& e : table) v.push_back(e.name);
  return v;
}

}  // namespace circa
