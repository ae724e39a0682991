// Helpers that build Param<Spec> entries from an accessor returning a reference to the field.
#pragma once

#include <string>
#include <vector>

#include "spec/param.hpp"

namespace circa::params {

inline ParamInfo info(std::string path, ParamType type, std::string unit, std::string def) {
  ParamInfo i;
  i.path = std::move(path);
  i.type = type;
  i.unit = std::move(unit);
  i.default_text = std::move(def);
  return i;
}

struct Range {
  double min;
  double max;
  bool power_of_two = false;
};

template <class Spec, class Field>
Param<Spec> integer(std::string path, Field field, std::string unit, long long def, Range r,
                    std::string desc) {
  ParamInfo i = info(std::move(path), ParamType::integer, std::move(unit), std::to_string(def));
  i.has_range = true;
  i.min = r.min;
  i.max = r.max;
  i.power_of_two = r.power_of_two;
  i.description = std::move(desc);
  return {i,
          [field](Spec& s, const std::string& t) { field(s) = static_cast<int>(parse_integer(t)); },
          [field](const Spec& s) { return std::to_string(field(s)); }};
}

template <class Spec, class Field>
Param<Spec> real(std::string path, Field field, std::string unit, double def, Range r,
                 std::string desc) {
  ParamInfo i = info(std::move(path), ParamType::real, std::move(unit), format_real(def));
  i.has_range = true;
  i.min = r.min;
  i.max = r.max;
  i.description = std::move(desc);
  return {i, [field](Spec& s, const std::string& t) { field(s) = parse_real(t); },
          [field](const Spec& s) { return format_real(field(s)); }};
}

template <class Spec, class Field>
Param<Spec> boolean(std::string path, Field field, bool def, std::string desc) {
  ParamInfo i = info(std::move(path), ParamType::boolean, "", def ? "true" : "false");
  i.description = std::move(desc);
  return {i, [field](Spec& s, const std::string& t) { field(s) = parse_boolean(t); },
          [field](const Spec& s) { return field(s) ? "true" : "false"; }};
}

template <class Spec, class Field>
Param<Spec> text(std::string path, Field field, std::string def, std::string desc) {
  ParamInfo i = info(std::move(path), ParamType::text, "", std::move(def));
  i.description = std::move(desc);
  return {i, [field](Spec& s, const std::string& t) { field(s) = t; },
          [field](const Spec& s) { return field(s); }};
}

/// An enum parameter; its YAML spellings and values are the enum's table (enum_names).
template <class Spec, class E, class Field>
Param<Spec> choice(std::string path, Field field, E def, std::string desc) {
  ParamInfo i = info(std::move(path), ParamType::choice, "", to_string(def));
  for (const auto& e : enum_names(def)) i.choices.push_back(e.name);
  i.description = std::move(desc);
  return {i, [field](Spec& s, const std::string& t) { parse_name(enum_names(E{}), t, &field(s)); },
          [field](const Spec& s) { return std::string(to_string(field(s))); }};
}

}  // namespace circa::params

/// Accessor for a (nested) field of a spec, const or not: CIRCA_FIELD(fft.samples_per_cycle).
#define CIRCA_FIELD(member) \
  [](auto& s) -> auto& {    \
    return s.member;        \
  }
