#include "arch/events.hpp"

#include <cstddef>

namespace circa::arch {
namespace {

void add_into(std::vector<int64_t>& a, const std::vector<int64_t>& b) {
  if (a.size() < b.size()) a.resize(b.size(), 0);
  for (std::size_t i = 0; i < b.size(); ++i) a[i] += b[i];
}

}  // namespace

int64_t Events::sram_reads() const {
  int64_t n = 0;
  for (int64_t r : sram_reads_per_bank) n += r;
  return n;
}

Events& Events::operator+=(const Events& o) {
#define CIRCA_EVENT_ADD(member, group, key, doc) member += o.member;
  CIRCA_EVENT_COUNTS(CIRCA_EVENT_ADD)
#undef CIRCA_EVENT_ADD
#define CIRCA_EVENT_ADD(member, group, key, doc) add_into(member, o.member);
  CIRCA_EVENT_BANK_COUNTS(CIRCA_EVENT_ADD)
#undef CIRCA_EVENT_ADD
  return *this;
}

Events Events::scaled(int64_t n) const {
  Events e = *this;
  e.scale(n);
  return e;
}

Events& Events::scale(int64_t n) {
#define CIRCA_EVENT_SCALE(member, group, key, doc) member *= n;
  CIRCA_EVENT_COUNTS(CIRCA_EVENT_SCALE)
#undef CIRCA_EVENT_SCALE
#define CIRCA_EVENT_SCALE(member, group, key, doc) \
  for (int64_t & x : member) x *= n;
  CIRCA_EVENT_BANK_COUNTS(CIRCA_EVENT_SCALE)
#undef CIRCA_EVENT_SCALE
  return *this;
}

bool Events::operator==(const Events& o) const {
#define CIRCA_EVENT_EQUAL(member, group, key, doc) \
  if (member != o.member) return false;
  CIRCA_EVENT_COUNTS(CIRCA_EVENT_EQUAL)
  CIRCA_EVENT_BANK_COUNTS(CIRCA_EVENT_EQUAL)
#undef CIRCA_EVENT_EQUAL
  return true;
}

}  // namespace circa::arch
