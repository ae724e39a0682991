#include "gen/design.hpp"

#include "common/error.hpp"

namespace circa::gen {

void Design::add(const Module& m) {
  const auto it = modules_.find(m.name);
  if (it != modules_.end()) {
    // Names encode every parameter, so one name must always mean one text.
    CIRCA_CHECK(it->second.text == m.text, "two different modules named " + m.name);
    return;
  }
  modules_.emplace(m.name, m);
}

const Module& Design::module(const std::string& name) const {
  const auto it = modules_.find(name);
  CIRCA_CHECK(it != modules_.end(), "no generated module " + name);
  return it->second;
}

}  // namespace circa::gen
