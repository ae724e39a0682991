#include "common/source_text.hpp"

#include <mutex>
#include <unordered_set>

namespace circa {
namespace {

/// Every text interned so far (a few hundred at most: tables x nodes x models), never freed.
struct Pool {
  std::mutex mutex;
  std::unordered_set<std::string> texts;
};

Pool& pool() {
  static Pool* p = new Pool;  // never destroyed: figures may outlive static destructors
  return *p;
}

const std::string* empty_text() {
  static const std::string* e = new std::string;
  return e;
}

const std::string* intern(std::string_view text) {
  if (text.empty()) return empty_text();
  Pool& p = pool();
  std::lock_guard<std::mutex> lock(p.mutex);
  return &*p.texts.emplace(text).first;  // unordered_set nodes do not move on rehash
}

}  // namespace

SourceText::SourceText() : text_(empty_text()) {}

SourceText::SourceText(std::string_view text) : text_(intern(text)) {}

}  // namespace circa
