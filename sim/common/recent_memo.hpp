// The results of the last few calls a thread made, looked up by their inputs: a sweep visits one
// design at many clocks (or technologies) in a row, and what does not depend on those is worked
// out once for them all. A linear scan, most recent first: a hit at the front costs one
// comparison, a miss `capacity` of them (each stopping at the first field that differs).
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

namespace circa {

template <class Key, class Value>
class RecentMemo {
 public:
  explicit RecentMemo(std::size_t capacity) : capacity_(capacity) {}

  /// The value of the first entry whose key `same` accepts, made the most recent; else nullptr.
  template <class Same>
  Value* find(Same&& same) {
    for (std::size_t i = 0; i < entries_.size(); ++i)
      if (same(entries_[i]->key)) {
        std::rotate(entries_.begin(), entries_.begin() + i, entries_.begin() + i + 1);
        return &entries_.front()->value;
      }
    return nullptr;
  }

  /// Stores `value` under `key` as the most recent entry, dropping the least recent when full.
  Value& put(Key key, Value value) {
    if (entries_.size() == capacity_) entries_.pop_back();
    entries_.insert(entries_.begin(),
                    std::make_unique<Entry>(Entry{std::move(key), std::move(value)}));
    return entries_.front()->value;
  }

 private:
  struct Entry {
    Key key;
    Value value;
  };
  std::size_t capacity_;
  std::vector<std::unique_ptr<Entry>> entries_;  // most recent first; moved as pointers
};

}  // namespace circa
